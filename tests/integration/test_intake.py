"""Inbox sweep -> incoming documents -> drafts, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from stdnum.no import kontonr

from domain.field_names import display_name
from domain.intake import documents as intake
from domain.intake.model import IncomingDocument, IncomingDocumentCopy
from domain.ledger.model import VATEntry, VendorLedgerEntry
from domain.problems import RejectedError
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PostedPurchaseHeader, PurchaseHeader
from domain.setup import masterdata
from domain.setup.model.cards import Item, Vendor
from flows import inbox
from ocr.quarantined import entries as quarantine_entries
from tests.support.intake import EHF_INVOICE, config, count, documents, header, no_sleep, vendor_invoice


def sweep(app, cfg):
    return inbox.sweep(app, cfg, sleep=no_sleep)


def test_same_bytes_twice_make_one_document_and_one_invoice(app, tmp_path):
    cfg = config(tmp_path)
    pdf, truth = vendor_invoice(app)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    (cfg.inbox / "faktura (1).pdf").write_bytes(pdf)
    report = sweep(app, cfg)
    assert sorted(r.outcome for r in report.results) == ["copy", "registered"]
    [doc] = documents(app)
    assert doc.status == "created" and doc.source_kind == "pdf-text"
    assert count(app, IncomingDocumentCopy) == 1
    assert count(app, PurchaseHeader) == 1
    assert list(cfg.inbox.iterdir()) == []
    draft = header(app, doc.purchase_document_no)
    assert draft.vendor_no == "V10000" and draft.vendor_invoice_no == truth.invoice_no
    assert draft.incoming_document_entry_no == doc.entry_no
    assert (draft.vendor_amount_incl_vat, draft.vendor_vat_amount) == (truth.gross, truth.vat)


def test_same_vendor_invoice_no_in_other_bytes_goes_to_review_as_duplicate(app, tmp_path):
    cfg = config(tmp_path)
    first, _ = vendor_invoice(app, layout=0)
    second, _ = vendor_invoice(app, layout=1)
    assert first != second
    (cfg.inbox / "a.pdf").write_bytes(first)
    sweep(app, cfg)
    (cfg.inbox / "b.pdf").write_bytes(second)
    sweep(app, cfg)
    created, duplicate = documents(app)
    assert created.status == "created"
    assert duplicate.status == "review"
    assert intake.show_document(app, duplicate.entry_no)["problems"][0]["code"] == "AP-DUPLICATE-VENDOR-INVOICE"
    assert count(app, PurchaseHeader) == 1
    assert intake.create_invoice(app, duplicate.entry_no).codes == ["AP-DUPLICATE-VENDOR-INVOICE"]


def test_unknown_vendor_waits_in_review_until_the_proposed_card_is_accepted(app, tmp_path):
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    sweep(app, cfg)
    [doc] = documents(app)
    shown = intake.show_document(app, doc.entry_no)
    assert (doc.status, doc.source_kind) == ("review", "ubl")
    assert [p["code"] for p in shown["problems"] if p["severity"] == "error"] == ["INTAKE-UNKNOWN-VENDOR"]
    assert shown["proposed_vendor"]["org_no"] == "123456785"
    vendor_no = intake.accept_vendor(app, doc.entry_no)
    assert count(app, Vendor, Vendor.no == vendor_no, Vendor.org_no == "123456785") == 1
    assert count(app, PurchaseHeader) == 1  # nothing blocks any more: the draft exists at once
    no = intake.create_invoice(app, doc.entry_no)
    assert header(app, no).vendor_no == vendor_no
    assert intake.create_invoice(app, doc.entry_no) == no
    assert count(app, PurchaseHeader) == 1


def test_ehf_invoice_from_a_known_vendor_becomes_a_draft_that_posts_the_amount_due(app, tmp_path):
    """The EHF example prints gross 1,801.78, a prepaid 1,000.00, rounding 0.22 and an amount due of
    802.00, and a freight charge and a promotion allowance of 100.00 each at document level: the
    vendor ledger owes 802.00, the VAT is the invoice's 365.28, prepayment and rounding post to
    their accounts."""
    masterdata.add_vendor(app, {"no": "V50000", "name": "The Sellercompany ASA", "org_no": "123456785",
                                "vat_id": "NO123456785MVA", "payment_terms": "30D"})
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    [result] = sweep(app, cfg).results
    assert (result.outcome, result.status) == ("registered", "created")
    draft = header(app, result.document)
    assert (draft.vendor_no, draft.vendor_invoice_no) == ("V50000", "TOSL108")
    assert (draft.vendor_amount_incl_vat, draft.vendor_vat_amount) == (Decimal("802.00"), Decimal("365.28"))
    assert len(draft.lines) == 5 + 2 + 2  # the lines, freight and allowance, prepayment and rounding
    by_no = {(ln.type, ln.no): ln.direct_unit_cost for ln in draft.lines if ln.no in ("1570", "7790")}
    assert by_no == {("gl_account", "1570"): Decimal("-1000.00"), ("gl_account", "7790"): Decimal("0.22")}
    posted = purchase_posting.post_document(app, result.document)
    assert isinstance(posted, purchase_posting.PostResult)
    with app.uow() as session:
        assert session.get(PostedPurchaseHeader, posted.posted_no).amount_including_vat == Decimal("802.00")
        [entry] = session.scalars(select(VendorLedgerEntry).where(VendorLedgerEntry.document_no == posted.posted_no))
        assert entry.amount == Decimal("-802.00")
        vat = session.scalar(select(func.sum(VATEntry.amount)).where(VATEntry.document_no == posted.posted_no))
        assert vat == Decimal("365.28")
        # turned Posted by the posting itself, in its transaction
        incoming = session.scalar(select(IncomingDocument).where(
            IncomingDocument.purchase_header_id == draft.id))
        assert incoming.status == "posted"
    assert intake.list_documents(app)[0]["status"] == "posted"


def known_ehf_vendor(app) -> None:
    masterdata.add_vendor(app, {"no": "V50000", "name": "The Sellercompany ASA", "org_no": "123456785",
                                "vat_id": "NO123456785MVA", "payment_terms": "30D"})


def ehf_with(old: bytes, new: bytes) -> bytes:
    data = EHF_INVOICE.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


def test_invoice_no_longer_than_the_column_is_a_problem_on_the_document_not_a_database_error(app, tmp_path):
    known_ehf_vendor(app)
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_bytes(ehf_with(b"<cbc:ID>TOSL108</cbc:ID>", b"<cbc:ID>" + b"X" * 80 + b"</cbc:ID>"))
    [result] = sweep(app, cfg).results
    assert (result.outcome, result.status, result.codes) == ("registered", "review", ("INTAKE-FIELD-TOO-LONG",))
    assert list(cfg.inbox.iterdir()) == [] and any(cfg.archive.rglob("*.xml"))
    shown = intake.show_document(app, result.entry_no)
    [problem] = [p for p in shown["problems"] if p["severity"] == "error"]
    assert (problem["code"], problem["field"]) == ("INTAKE-FIELD-TOO-LONG", "invoice_no")
    assert "80" in problem["message"] and "50" in problem["message"]
    assert next(f for f in shown["fields"] if f["name"] == "invoice_no")["value"] is None
    assert count(app, PurchaseHeader) == 0
    with pytest.raises(RejectedError) as refused:
        intake.correct(app, result.entry_no, {"invoice_no": "Y" * 51})
    assert refused.value.code == "INTAKE-FIELD-TOO-LONG"
    with pytest.raises(RejectedError) as refused:
        intake.correct(app, result.entry_no, {"line.1.vat_rate": "100000000"})
    assert refused.value.code == "INTAKE-NUMBER-TOO-LARGE"
    assert intake.correct(app, result.entry_no, {"invoice_no": "TOSL108"})["status"] == "created"
    assert header(app, intake.create_invoice(app, result.entry_no)).vendor_invoice_no == "TOSL108"


@pytest.mark.parametrize("old,new,key,fix", [
    (b"<cbc:PaymentID>0003434323213231</cbc:PaymentID>", b"<cbc:PaymentID>" + b"A" * 51 + b"</cbc:PaymentID>",
     "payment_reference", ""),
    (b"<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>",
     b"<cbc:DocumentCurrencyCode>NOKK</cbc:DocumentCurrencyCode>", "currency", "NOK"),
    (b"<cbc:Name>Laptop computer</cbc:Name>", b"<cbc:Name>" + b"Laptop " * 40 + b"</cbc:Name>",
     "line.1.description", "Laptop computer"),
    (b'unitCode="NAR">1<', b'unitCode="' + b"N" * 21 + b'">1<', "line.1.unit", "NAR"),
    (b"<cbc:ID>JB007</cbc:ID>", b"<cbc:ID>" + b"J" * 51 + b"</cbc:ID>", "line.1.vendor_item_no", "JB007"),
    (b'unitCode="NAR">1<', b'unitCode="NAR">10000000000000<', "line.1.quantity", "1"),
], ids=["payment-reference", "currency", "description", "unit", "vendor-item-no", "quantity"])
def test_any_value_too_large_for_its_column_keeps_the_document_in_review_until_corrected(
        app, tmp_path, old, new, key, fix):
    known_ehf_vendor(app)
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_bytes(ehf_with(old, new))
    [result] = sweep(app, cfg).results
    assert (result.outcome, result.status) == ("registered", "review")
    # a NOKK currency, a 21-letter unit or a quantity of 10^13 also break PEPPOL rules (flows/inbox.py)
    codes = tuple(c for c in result.codes if c != "PEPPOL-RULE-FATAL")
    assert codes in (("INTAKE-FIELD-TOO-LONG",), ("INTAKE-NUMBER-TOO-LARGE",))
    [problem] = [p for p in intake.show_document(app, result.entry_no)["problems"]
                 if p["severity"] == "error" and p["code"] != "PEPPOL-RULE-FATAL"]
    # the message names the field as a person reads it, and says the key to correct it by
    assert problem["params"]["field"] == key and display_name(key) in problem["message"]
    assert f"documents correct ID {key}=" in problem["message"]
    assert list(cfg.inbox.iterdir()) == [] and count(app, PurchaseHeader) == 0
    assert intake.correct(app, result.entry_no, {key: fix})["status"] == "created"
    assert count(app, PurchaseHeader) == 1


def test_line_account_correction_is_remembered_for_the_vendors_next_invoice(app, tmp_path):
    cfg = config(tmp_path)
    (cfg.inbox / "one.xml").write_bytes(EHF_INVOICE.read_bytes())
    sweep(app, cfg)
    [doc] = documents(app)
    intake.correct(app, doc.entry_no, {"line.1.account": "6540"})
    intake.accept_vendor(app, doc.entry_no)
    assert intake.create_invoice(app, doc.entry_no)
    (cfg.inbox / "two.xml").write_bytes(EHF_INVOICE.read_bytes().replace(b"TOSL108", b"TOSL109"))
    [result] = sweep(app, cfg).results
    assert result.status == "created"
    line = intake.show_document(app, result.entry_no)["lines"][0]
    assert (line["description"], line["no"], line["mapped_by"]) == ("Laptop computer", "6540", "learned")
    assert header(app, result.document).lines[0].no == "6540"


def test_bank_account_differing_from_the_vendor_card_is_flagged_and_kept_on_the_draft(app, tmp_path):
    cfg = config(tmp_path)
    other = "86011117947"
    pdf, _ = vendor_invoice(app, vendor_account_no=other)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [result] = sweep(app, cfg).results
    assert result.status == "created"
    problems = intake.show_document(app, result.entry_no)["problems"]
    assert [(p["code"], p["severity"]) for p in problems] == [("INTAKE-BANK-ACCOUNT-CHANGED", "warning")]
    assert header(app, result.document).vendor_iban == kontonr.to_iban(other).replace(" ", "")


def test_crash_between_archive_and_commit_leaves_the_file_in_the_inbox_and_a_rerun_registers_once(
        app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    pdf, _ = vendor_invoice(app)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [cand] = inbox.stable_candidates(cfg.inbox, 0, no_sleep)

    def crash(*_args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(inbox, "register_document", crash)
    with pytest.raises(RuntimeError):
        inbox.process_file(app, cand, cfg, inbox.context_for(app))
    assert (cfg.inbox / "faktura.pdf").exists() and any(cfg.archive.rglob("*.pdf"))
    assert count(app, IncomingDocument) == 0
    monkeypatch.undo()
    assert [r.outcome for r in sweep(app, cfg).results] == ["registered"]
    assert (count(app, IncomingDocument), count(app, PurchaseHeader)) == (1, 1)
    assert list(cfg.inbox.iterdir()) == []


def test_crash_after_commit_before_removal_is_finished_by_the_next_sweep_without_a_copy(
        app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    pdf, _ = vendor_invoice(app)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    monkeypatch.setattr(inbox, "_remove", lambda _cand: (_ for _ in ()).throw(RuntimeError("power cut")))
    assert [r.outcome for r in sweep(app, cfg).results] == ["error"]
    assert (cfg.inbox / "faktura.pdf").exists() and count(app, IncomingDocument) == 1
    monkeypatch.undo()
    assert [r.outcome for r in sweep(app, cfg).results] == ["already"]
    assert (count(app, IncomingDocument), count(app, IncomingDocumentCopy), count(app, PurchaseHeader)) \
        == (1, 0, 1)
    assert list(cfg.inbox.iterdir()) == []


def test_hostile_files_become_rejected_documents_with_their_quarantine_reason(app, tmp_path):
    cfg = config(tmp_path)
    (cfg.inbox / "not-a-pdf.pdf").write_bytes(b"MZ\x90\x00 this is an executable")
    (cfg.inbox / "empty.pdf").write_bytes(b"")
    (cfg.inbox / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    os.symlink(secret, cfg.inbox / "link.pdf")
    good, _ = vendor_invoice(app)
    (cfg.inbox / "good.pdf").write_bytes(good)
    results = {r.name: r for r in sweep(app, cfg).results}
    assert results["good.pdf"].status == "created"
    codes = {name: r.codes for name, r in results.items() if r.outcome == "rejected"}
    assert codes["not-a-pdf.pdf"] == ("PDF-NOT-A-PDF",)
    assert codes["empty.pdf"] == ("INTAKE-EMPTY-FILE",)
    assert codes["link.pdf"] == ("INTAKE-SYMLINK",)
    assert codes["truncated.pdf"][0].startswith(("PDF-", "INTAKE-"))
    rejected = [d for d in documents(app) if d.status == "rejected"]
    assert len(rejected) == 4 and all(d.quarantine_code and d.quarantine_path for d in rejected)
    recorded = {str(e.path): e.code for e in quarantine_entries(cfg.quarantine)}
    assert {doc.quarantine_path: doc.quarantine_code for doc in rejected} == recorded
    assert list(cfg.inbox.iterdir()) == [] and secret.read_text() == "do not read"
    assert intake.file_path(app, rejected[0].entry_no) == rejected[0].quarantine_path


def test_a_known_bank_account_beside_another_companys_org_no_is_a_conflict_not_a_match(app, tmp_path):
    """The bank account is V10000's, the org.nr and VAT id are a company we do not know:
    no draft for V10000, no proposed card, a conflict for a person to resolve."""
    cfg = config(tmp_path)
    pdf, _ = vendor_invoice(app, vendor_org_no="974760673", vendor_vat_id="NO974760673MVA")
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [result] = sweep(app, cfg).results
    assert (result.outcome, result.status) == ("registered", "review")
    shown = intake.show_document(app, result.entry_no)
    [conflict] = [p for p in shown["problems"] if p["code"] == "INTAKE-VENDOR-ID-CONFLICT"]
    assert conflict["severity"] == "error" and "V10000" in conflict["message"]
    assert "974760673" in conflict["message"] and shown["proposed_vendor"] is None
    assert count(app, PurchaseHeader) == 0
    # a person decides: the vendor is V10000 after all, and the draft is made
    intake.correct(app, result.entry_no, {"vendor_no": "V10000"})
    assert header(app, intake.create_invoice(app, result.entry_no)).vendor_no == "V10000"


def test_registrations_of_two_vendors_on_one_invoice_are_a_conflict(app, tmp_path):
    masterdata.add_vendor(app, {"no": "V50000", "name": "Another AS", "org_no": "974760673",
                                "payment_terms": "30D"})
    cfg = config(tmp_path)
    with app.uow() as session:
        own_org = session.get(Vendor, "V10000").org_no
    pdf, _ = vendor_invoice(app, vendor_org_no="974760673", vendor_vat_id=f"NO{own_org}MVA")
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [result] = sweep(app, cfg).results
    codes = [p["code"] for p in intake.show_document(app, result.entry_no)["problems"]]
    assert "INTAKE-VENDOR-ID-CONFLICT" in codes and count(app, PurchaseHeader) == 0


def test_a_correction_after_the_draft_exists_remakes_the_unposted_draft(app, tmp_path):
    """`documents correct` on a created document (the issue: INTAKE-DOCUMENT-CLOSED before):
    the draft is remade with the corrected mapping; once it is sent for approval or posted
    the document is closed to corrections."""
    cfg = config(tmp_path)
    pdf, _ = vendor_invoice(app)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [result] = sweep(app, cfg).results
    first = header(app, result.document)
    assert result.status == "created" and {ln.no for ln in first.lines} == {"4500"}
    shown = intake.correct(app, result.entry_no, {"account": "6800"})
    assert shown["status"] == "created"
    remade = header(app, shown["document"])
    assert {ln.no for ln in remade.lines} == {"6800"} and remade.no != first.no
    assert count(app, PurchaseHeader) == 1
    purchase_posting.post_document(app, remade.no)
    with pytest.raises(Exception) as closed:
        intake.correct(app, result.entry_no, {"account": "6540"})
    assert getattr(closed.value, "code", None) == "INTAKE-DOCUMENT-CLOSED"


def test_lines_map_to_items_by_item_references_first_then_by_a_close_description(app, tmp_path):
    """BC's order: the vendor's item number (item reference), the GTIN (bar code reference),
    then an item whose description is close enough; a return line (negative) stays on G/L."""
    masterdata.add_vendor(app, {"no": "V50000", "name": "The Sellercompany ASA", "org_no": "123456785",
                                "payment_terms": "30D"})
    masterdata.add_item_reference(app, "1400", "JB007", "vendor", "V50000")      # line 1, Laptop computer
    masterdata.add_item_reference(app, "1100", "1234567890128", "bar_code")       # line 5, Network cable
    with pytest.raises(RejectedError) as bad:
        masterdata.add_item_reference(app, "1100", "1234567890124", "bar_code")   # check digit wrong
    assert bad.value.rejected.codes == ["ITEM-INVALID-GTIN"]
    with pytest.raises(RejectedError) as twice:
        masterdata.add_item_reference(app, "1200", "JB007", "vendor", "V50000")
    assert twice.value.rejected.codes == ["ITEM-REFERENCE-EXISTS"]
    cfg = config(tmp_path)
    (cfg.inbox / "ehf.xml").write_bytes(EHF_INVOICE.read_bytes())
    [result] = sweep(app, cfg).results
    shown = intake.show_document(app, result.entry_no)
    mapped = {ln["line_no"]: (ln["type"], ln["no"], ln["mapped_by"]) for ln in shown["lines"]}
    assert mapped[1] == ("item", "1400", "item_reference")
    assert mapped[5] == ("item", "1100", "bar_code")
    assert mapped[2][0] == "gl_account"  # a returned book: negative, never an item guess
    draft = header(app, result.document)
    assert {ln.no for ln in draft.lines if ln.type == "item"} == {"1400", "1100"}


def test_a_line_like_an_item_but_not_enough_is_a_problem_and_close_enough_maps(app, tmp_path):
    cfg = config(tmp_path)
    with app.uow() as session:
        kopi = session.get(Item, "1100").description  # "Kopipapir A4 80 g, 5 x 500 ark"
    pdf, _ = vendor_invoice(app, seed=5)
    (cfg.inbox / "faktura.pdf").write_bytes(pdf)
    [result] = sweep(app, cfg).results
    with app.uow() as session:
        doc = session.get(IncomingDocument, result.entry_no)
        doc.lines[0].description = kopi                      # the item's own words: maps
        doc.lines[-1].description = "Toner HP sort"      # like item 1200 (83 %), not enough to be sure
        doc.lines[-1].mapped_by = None
    with app.uow() as session:
        from domain.intake.drafts import evaluate
        doc = session.get(IncomingDocument, result.entry_no)
        session.delete(session.get(PurchaseHeader, doc.purchase_header_id))
        doc.purchase_header_id = doc.purchase_document_no = None
        evaluate(session, doc, "kari", app.today, create=False)
    shown = intake.show_document(app, result.entry_no)
    lines = {ln["line_no"]: ln for ln in shown["lines"]}
    assert (lines[1]["type"], lines[1]["no"], lines[1]["mapped_by"]) == ("item", "1100", "description")
    [doubt] = [p for p in shown["problems"] if p["code"] == "INTAKE-LINE-UNCERTAIN"]
    assert doubt["severity"] == "error" and "1200" in doubt["message"] and shown["status"] == "review"


def test_an_invoice_no_written_otherwise_is_a_duplicate_of_a_document_in_review(app, tmp_path):
    """The duplicate check over incoming documents compares normalised numbers by the index on
    (vendor_no, invoice_no_norm): "2026/000123" and "2026-000123" are one invoice."""
    cfg = config(tmp_path)
    first, _ = vendor_invoice(app, layout=0, invoice_no="2026/000123")
    (cfg.inbox / "a.pdf").write_bytes(first)
    sweep(app, cfg)
    [a] = documents(app)
    assert a.invoice_no_norm == "2026000123"
    with app.uow() as session:  # the first waits in review without a draft, as when a person must look first
        draft = session.get(PurchaseHeader, a.purchase_header_id)
        session.execute(update(IncomingDocument).where(IncomingDocument.entry_no == a.entry_no).values(
            status="review", purchase_header_id=None, purchase_document_no=None))
        session.delete(draft)
    second, _ = vendor_invoice(app, layout=1, invoice_no="2026-000123")
    (cfg.inbox / "b.pdf").write_bytes(second)
    sweep(app, cfg)
    _, b = documents(app)
    assert (b.status, b.duplicate_of, b.purchase_document_no) == ("review", a.entry_no, None)
    [problem] = [p for p in intake.show_document(app, b.entry_no)["problems"]
                 if p["code"] == "AP-DUPLICATE-VENDOR-INVOICE"]
    assert f"incoming document {a.entry_no}" in str(problem)
    intake.correct(app, b.entry_no, {"invoice_no": "2026-000124"})  # a person says it is another invoice
    [b] = [d for d in documents(app) if d.entry_no == b.entry_no]
    assert b.invoice_no_norm == "2026000124" and b.duplicate_of is None
