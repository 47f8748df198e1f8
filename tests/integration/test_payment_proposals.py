"""Vendor payment proposals on SQLite and PostgreSQL: what is due (less open credit memos, with the
KID), the pain.001.001.03 file valid against the ISO 20022 schema, and posting when confirmed."""

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select
from typer.testing import CliRunner

from domain.documents import out as documents_out
from domain.ledger.model import VendorLedgerEntry
from domain.payments import proposal as proposals
from domain.payments.model import PaymentProposal
from domain.problems import DomainError, RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.setup.model.cards import Vendor
from flows.cli import app as cli
from tests.support.documents import credit_memo, gl_line, invoice

XSD = etree.XMLSchema(etree.parse(str(Path(__file__).resolve().parents[1] / "fixtures" / "iso20022"
                                      / "pain.001.001.03.xsd")))
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
KID = "1234567890128"
DEBTOR = proposals.Debtor("Demo Handel AS", "922334455", iban="NO9386011117947")


def post(app, data):
    return purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no


def month_of_bills(app):
    post(app, invoice("V10000", lines=[gl_line("6800", "1000.00")], document_date="2026-11-01",
                      posting_date="2026-11-01", payment_reference=KID))            # due 2026-12-01, KID
    post(app, invoice("V10000", lines=[gl_line("6800", "200.00")], document_date="2026-11-10",
                      posting_date="2026-11-10"))                                     # due 2026-12-10
    post(app, invoice("V20000", lines=[gl_line("6800", "500.00")], document_date="2026-11-01",
                      posting_date="2026-11-01"))                                     # due 2026-11-15
    post(app, credit_memo("V20000", lines=[gl_line("6800", "100.00")], posting_date="2026-11-03"))
    post(app, invoice("V40000", lines=[gl_line("6800", "80.00")], document_date="2026-11-19",
                      posting_date="2026-11-19"))                                     # due 2026-12-03


def test_suggest_pays_what_is_due_less_credit_memos_with_the_kid(app):
    month_of_bills(app)
    proposal = proposals.suggest(app, dt.date(2026, 12, 5), dt.date(2026, 11, 25))
    got = [(x["vendor_no"], x["amount"], x["reference"], x["applies_to"]) for x in proposal["lines"]]
    assert got == [("V10000", D("1250.00"), KID, "PPI-000001"),
                   ("V20000", D("500.00"), "", "PPI-000003,PPCM-000001"),   # 625 due - 125 credited
                   ("V40000", D("100.00"), "", "PPI-000004")]              # PPI-000002 is due after the 5th
    assert proposal["total"] == D("1850.00") and proposal["no"] == "PROP-000001"


def test_the_payment_file_is_valid_pain_001_with_kid_as_structured_reference(app):
    month_of_bills(app)
    no = proposals.suggest(app, dt.date(2026, 12, 5), dt.date(2026, 11, 25))["no"]
    xml = proposals.payment_file(app, no, DEBTOR)
    doc = etree.fromstring(xml)
    assert XSD.validate(doc), XSD.error_log
    assert doc.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "3"
    assert doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "1850.00"
    assert doc.findtext(".//p:ReqdExctnDt", namespaces=NS) == "2026-11-25"
    first = doc.findall(".//p:CdtTrfTxInf", NS)[0]
    assert first.findtext("p:Amt/p:InstdAmt", namespaces=NS) == "1250.00"
    assert first.find("p:Amt/p:InstdAmt", NS).get("Ccy") == "NOK"
    assert first.findtext(".//p:CdtrRefInf/p:Ref", namespaces=NS) == KID
    assert first.findtext(".//p:CdtrRefInf/p:Tp/p:CdOrPrtry/p:Cd", namespaces=NS) == "SCOR"
    with app.uow() as s:
        account = s.get(Vendor, "V10000").bank_account_no
    assert first.findtext("p:CdtrAcct/p:Id/p:Othr/p:Id", namespaces=NS) == account  # domestic BBAN
    assert doc.find(".//p:SvcLvl", NS) is None  # NOK: not a SEPA payment
    broken = etree.fromstring(xml.replace(b"<PmtMtd>TRF</PmtMtd>", b""))
    assert not XSD.validate(broken)


def test_a_dutch_proposal_is_a_sepa_file_in_euro(app_nl):
    post(app_nl, invoice("V10000", lines=[gl_line("4300", "1000.00")], document_date="2026-11-01",
                         posting_date="2026-11-01"))
    no = proposals.suggest(app_nl, dt.date(2026, 12, 31))["no"]
    doc = etree.fromstring(proposals.payment_file(app_nl, no, proposals.Debtor(
        "Demo Handel B.V.", "69599084", iban="NL91ABNA0417164300", bic="ABNANL2A")))
    assert XSD.validate(doc), XSD.error_log
    assert doc.findtext(".//p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    assert doc.findtext(".//p:ChrgBr", namespaces=NS) == "SLEV"
    assert doc.find(".//p:InstdAmt", NS).get("Ccy") == "EUR"
    assert doc.findtext(".//p:CdtrAcct/p:Id/p:IBAN", namespaces=NS).startswith("NL")


def test_confirm_posts_every_transfer_and_closes_the_entries_once(app):
    month_of_bills(app)
    no = proposals.suggest(app, dt.date(2026, 12, 5), dt.date(2026, 11, 25))["no"]
    confirmed = proposals.confirm(app, no)
    assert confirmed["status"] == "confirmed"
    assert all(x["payment_document_no"] for x in confirmed["lines"])
    with app.uow() as s:
        still_open = {e.document_no: e.remaining_amount for e in s.scalars(
            select(VendorLedgerEntry).where(VendorLedgerEntry.open.is_(True)))}
    assert still_open == {"PPI-000002": D("-250.00")}  # due later: not in the proposal
    with pytest.raises(DomainError) as again:
        proposals.confirm(app, no)
    assert again.value.code == "PAY-PROPOSAL-NOT-OPEN"


def test_a_proposal_paid_meanwhile_is_stale_and_posts_nothing(app):
    from domain.payments import posting as payments

    month_of_bills(app)
    no = proposals.suggest(app, dt.date(2026, 12, 5), dt.date(2026, 11, 25))["no"]
    payments.post_payment(app, "vendor", "V40000", D("100.00"), ["PPI-000004"], dt.date(2026, 11, 20))
    with pytest.raises(RejectedError) as refused:
        proposals.confirm(app, no)
    assert refused.value.rejected.codes == ["PAY-PROPOSAL-STALE"]
    with app.uow() as s:
        assert s.scalar(select(PaymentProposal.status)) == "proposed"
        assert s.scalar(select(VendorLedgerEntry.remaining_amount).where(
            VendorLedgerEntry.document_no == "PPI-000001")) == D("-1250.00")


def test_a_vendor_without_a_bank_account_refuses_the_proposal(app):
    month_of_bills(app)
    with app.uow() as s:
        vendor = s.get(Vendor, "V20000")
        vendor.iban = vendor.bank_account_no = None
    with pytest.raises(RejectedError) as refused:
        proposals.suggest(app, dt.date(2026, 12, 5))
    assert refused.value.rejected.codes == ["PAY-VENDOR-NO-BANK-ACCOUNT"]
    with app.uow() as s:
        assert s.scalars(select(PaymentProposal)).all() == []
    chosen = proposals.suggest(app, dt.date(2026, 12, 5), vendors=["V10000"])
    assert {x["vendor_no"] for x in chosen["lines"]} == {"V10000"}
    with pytest.raises(DomainError) as nothing:
        proposals.suggest(app, dt.date(2026, 11, 1))
    assert nothing.value.code == "PAY-NOTHING-DUE"


def test_a_payment_discount_still_possible_is_taken(app):
    post(app, invoice("V30000", lines=[gl_line("6800", "1000.00")], document_date="2026-11-18",
                      posting_date="2026-11-18"))  # 1M8D: 2 % within 8 days
    proposal = proposals.suggest(app, dt.date(2026, 12, 31), dt.date(2026, 11, 20))
    (line,) = proposal["lines"]
    assert (line["amount"], line["discount"]) == (D("1225.00"), D("25.00"))
    proposals.confirm(app, proposal["no"])
    with app.uow() as s:
        assert s.scalar(select(VendorLedgerEntry.open).where(VendorLedgerEntry.document_no == "PPI-000001")) is False


def test_cli_suggest_writes_the_file_and_confirm_posts(app, db_url, tmp_path):
    month_of_bills(app)
    runner = CliRunner()
    out = tmp_path / "pain.xml"
    refused = runner.invoke(cli, ["--db", db_url, "--user", "kari", "payments", "suggest", "--due-by", "2026-12-05",
                                  "--out", str(out)])
    assert refused.exit_code == 2 and "PAY-NO-DEBTOR-ACCOUNT" in refused.output and not out.exists()
    with app.uow() as s:
        assert s.scalars(select(PaymentProposal)).all() == []  # refused before anything was written
    documents_out.set_document_setup(app, address="Storgata 1", post_code="0155", city="Oslo",
                                     iban="NO9386011117947")
    made = runner.invoke(cli, ["--db", db_url, "--user", "kari", "payments", "suggest", "--due-by", "2026-12-05",
                               "--out", str(out), "--json"])
    assert made.exit_code == 0, made.output
    assert XSD.validate(etree.parse(str(out)))
    again = tmp_path / "again.xml"
    shown = runner.invoke(cli, ["--db", db_url, "payments", "proposal", "PROP-000001", "--out", str(again)])
    assert shown.exit_code == 0, shown.output
    assert again.read_bytes() == out.read_bytes()
    confirmed = runner.invoke(cli, ["--db", db_url, "--user", "kari", "payments", "confirm", "PROP-000001", "--json"])
    assert confirmed.exit_code == 0, confirmed.output
    assert json.loads(confirmed.output)["status"] == "confirmed"
    bad = runner.invoke(cli, ["--db", db_url, "payments", "suggest", "--due-by", "2026-13-40"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
