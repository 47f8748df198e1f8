"""Documents out on SQLite and PostgreSQL: sales and purchase documents rendered to PDF, read back
with pdfplumber, and e-mailed through the outbox."""

import io
from decimal import Decimal as D
from email import message_from_bytes, policy

import pdfplumber
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from domain.documents import out as documents_out
from domain.documents.i18n import format_amount, format_quantity
from domain.identifiers import betalingskenmerk, kid
from domain.messaging import outbox
from domain.messaging.model import OutboxAttachment, OutboxMessage
from domain.problems import DomainError
from domain.purchasing import orders as purchase_orders
from domain.sales import correction as sales_correction
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader
from domain.setup.model.cards import Customer, Vendor
from flows import documents
from flows.cli import app as cli

LINES = [{"type": "item", "no": "9000", "quantity": "3", "unit_price": "950.00"},
         {"type": "item", "no": "9000", "quantity": "1", "unit_price": "1234.50", "description": "Rigging"}]


def posted_invoice(app, customer="C10000") -> str:
    draft = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": customer, "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": LINES})
    return sales_posting.post(app, draft).invoice_no


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() for page in doc.pages)


def reference_of(app, posted_no) -> str:
    with app.uow() as s:
        return s.get(PostedSalesHeader, posted_no).payment_reference


def set_email(app, customer="C10000", email="post@kunde.example"):
    with app.uow() as s:
        s.get(Customer, customer).email = email


@pytest.mark.parametrize("language, value, expected", [
    ("nb", "1234.50", "1 234,50"), ("nl", "1234.50", "1.234,50"), ("en", "1234.50", "1,234.50"),
    ("nb", "-1234567.5", "-1 234 567,50"), ("nl", "950.000000", "950,00"), ("en", "0.125000", "0.125"),
    ("xx", "12", "12.00")])
def test_amounts_are_written_the_way_each_language_writes_them(language, value, expected):
    assert format_amount(D(value), language) == expected


def test_quantities_show_only_the_decimals_they_have():
    assert (format_quantity(D("6.00000"), "nb"), format_quantity(D("2.50000"), "nl")) == ("6", "2,5")


def test_posted_norwegian_invoice_pdf_shows_totals_kid_and_norwegian_labels(app):
    posted_no = posted_invoice(app)
    text = pdf_text(documents.render(app, posted_no).pdf)
    reference = reference_of(app, posted_no)
    assert kid(reference) == reference
    for expected in ("Faktura", posted_no, "Solberg Bakeri AS", "Bakkegata 4", "0650 Oslo",
                     "Sum eks. MVA 4 084,50", "MVA 1 021,13",
                     "Å betale NOK 5 105,63", f"KID {reference}", "Forfallsdato 04.12.2026", "Dato 20.11.2026",
                     "25 4 084,50 1 021,13"):
        assert expected in text, expected
    assert "Invoice" not in text and "Factuur" not in text


def test_posted_dutch_invoice_pdf_shows_totals_betalingskenmerk_and_dutch_labels(app_nl):
    posted_no = posted_invoice(app_nl)
    text = pdf_text(documents.render(app_nl, posted_no).pdf)
    reference = reference_of(app_nl, posted_no)
    assert betalingskenmerk(reference) == reference
    for expected in ("Factuur", posted_no, "Bakkerij de Vries", "Totaal excl. btw 4.084,50", "Btw 857,75",
                     "Totaal incl. btw EUR 4.942,25", f"Betalingskenmerk {reference}", "Datum 20-11-2026"):
        assert expected in text, expected
    assert "KID" not in text and "Faktura" not in text


def test_the_customer_language_can_be_overridden_and_the_reference_left_off(app):
    posted_no = posted_invoice(app)
    documents_out.set_document_setup(app, iban="NO9386011117947", bic="DNBANOKK", print_payment_reference=False)
    html = documents.render(app, posted_no, language="en", pdf=False).html
    assert "Total incl. VAT NOK" in html and "5,105.63" in html and "IBAN NO9386011117947" in html
    assert reference_of(app, posted_no) not in html and "Payment reference" not in html


def test_quote_and_order_confirmation_print_their_draft_totals(app):
    quote = sales_documents.create_document(app, {
        "document_type": "quote", "customer_no": "C20000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": LINES})
    order = sales_documents.make_order(app, quote)
    quote_text = pdf_text(documents.render(app, quote).pdf)
    assert "Tilbud" in quote_text and "Sum inkl. MVA NOK 5 105,63" in quote_text
    confirmation = documents.render(app, order, pdf=False)
    assert confirmation.context["kind"] == "order_confirmation"
    assert "Ordrebekreftelse" in confirmation.html and quote in confirmation.html
    assert confirmation.context["totals"] == {"net": D("4084.50"), "vat": D("1021.13"), "gross": D("5105.63")}


def test_cancelled_invoice_credit_memo_names_the_invoice_it_corrects(app):
    posted_no = posted_invoice(app)
    credit_no = sales_correction.cancel_invoice(app, posted_no).invoice_no
    text = pdf_text(documents.render(app, credit_no).pdf)
    assert "Kreditnota" in text and f"Gjelder faktura {posted_no}" in text and "Til gode NOK 5 105,63" in text


def test_purchase_order_prints_in_the_vendor_language_with_its_costs(app):
    order = purchase_orders.create_order(app, {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20",
        "lines": [{"type": "item", "no": "1000", "quantity": "4", "direct_unit_cost": "1100.25",
                   "location": "MAIN"}]})
    rendered = documents.render(app, order)
    with app.uow() as s:
        language = s.get(Vendor, "V10000").language
    title = {"nb": "Innkjøpsordre", "nl": "Inkooporder", "en": "Purchase Order"}[language]
    text = pdf_text(rendered.pdf)
    assert title in text and format_amount(D("5061.15"), language) in text
    assert "Industriveien 7" in text and "0580 Oslo" in text  # the vendor's postal address
    assert rendered.context["totals"]["net"] == D("4401.00")


def test_sending_an_invoice_queues_one_message_with_the_pdf_and_delivers_it_once(app, tmp_path):
    posted_no = posted_invoice(app)
    set_email(app)
    message_id = documents.send(app, posted_no)
    with pytest.raises(DomainError) as again:
        documents.send(app, posted_no)
    assert again.value.code == "DOCS-ALREADY-SENT"
    with app.uow() as s:
        (row,) = s.scalars(select(OutboxMessage)).all()
        (attachment,) = s.scalars(select(OutboxAttachment)).all()
        assert (row.id, row.kind, row.document_no, row.recipient) == (message_id, "document", posted_no,
                                                                      "post@kunde.example")
        assert (attachment.message_id, attachment.filename) == (message_id, f"{posted_no}.pdf")
    first = outbox.deliver_pending(app, outbox.FileTransport(tmp_path))
    second = outbox.deliver_pending(app, outbox.FileTransport(tmp_path))
    assert (first.sent, second.sent, second.failed) == ([message_id], [], [])
    (eml,) = tmp_path.glob("*.eml")
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail["Subject"] == f"Faktura {posted_no} fra Demo Handel AS"
    (pdf,) = [part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert "Å betale NOK 5 105,63" in pdf_text(pdf.get_content())


def test_sending_to_a_customer_without_email_is_refused_and_queues_nothing(app):
    posted_no = posted_invoice(app)
    set_email(app, email=None)
    with pytest.raises(DomainError) as refused:
        documents.send(app, posted_no)
    assert refused.value.code == "DOCS-NO-EMAIL"
    with app.uow() as s:
        assert s.scalars(select(OutboxMessage)).all() == []


def test_cli_renders_a_pdf_and_sends_it_as_an_eml_file(app, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    posted_no = posted_invoice(app)
    set_email(app)
    runner = CliRunner()
    out = tmp_path / "invoice.pdf"
    rendered = runner.invoke(cli, ["--db", db_url, "sales", "render", posted_no, "--pdf", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert "Å betale NOK 5 105,63" in pdf_text(out.read_bytes())
    sent = runner.invoke(cli, ["--db", db_url, "sales", "send", posted_no])
    assert sent.exit_code == 0, sent.output
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    unknown = runner.invoke(cli, ["--db", db_url, "sales", "render", "NOPE-1", "--pdf", str(out)])
    assert unknown.exit_code == 2 and "DOCS-DOCUMENT-NOT-FOUND" in unknown.output


def test_payment_details_with_a_bad_check_digit_are_refused_and_nothing_is_stored(app):
    from domain.problems import RejectedError

    before = documents_out.set_document_setup(app)
    with pytest.raises(RejectedError) as refused:
        documents_out.set_document_setup(app, iban="NO0000000000000", bic="XX", bank_account_no="12345678901",
                                         city="Oslo")
    assert sorted(p.code for p in refused.value.rejected.problems) == [
        "ID-INVALID-ACCOUNT", "ID-INVALID-BIC", "ID-INVALID-IBAN"]
    assert documents_out.set_document_setup(app) == before
    good = documents_out.set_document_setup(app, iban="NO93 8601 1117 947", bank_account_no="8601.11.17947")
    assert good["iban"] == "NO9386011117947" and good["bank_account_no"] == "86011117947"


def draft_invoice(app, document_type="invoice", customer="C10000") -> str:
    return sales_documents.create_document(app, {
        "document_type": document_type, "customer_no": customer, "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": LINES})


@pytest.mark.parametrize("document_type, customer, title, mark", [
    ("invoice", "C10000", "Utkast til faktura", "UTKAST"),
    ("credit_memo", "C10000", "Utkast til kreditnota", "UTKAST"),
])
def test_a_draft_invoice_or_credit_memo_prints_as_a_draft_with_a_watermark(app, document_type, customer, title, mark):
    no = draft_invoice(app, document_type, customer)
    rendered = documents.render(app, no)
    text = pdf_text(rendered.pdf)
    assert rendered.context["draft"] and rendered.context["title"] == title
    assert title in text and text.count(mark) >= 2  # the title, the watermark, the page head and the note
    assert 'class="watermark"' in rendered.html
    assert "Vennligst betal til" not in text  # no payment instruction on a draft
    english = pdf_text(documents.render(app, no, "en").pdf)
    assert "Draft " in english and "DRAFT" in english and "do not pay it" in english


def test_a_dutch_draft_invoice_is_marked_concept(app_nl):
    no = draft_invoice(app_nl)
    text = pdf_text(documents.render(app_nl, no).pdf)
    assert "Conceptfactuur" in text and "CONCEPT" in text


def test_a_posted_invoice_and_a_quote_carry_no_draft_mark(app):
    posted = documents.render(app, posted_invoice(app))
    quote = documents.render(app, draft_invoice(app, "quote"), pdf=False)
    assert not posted.context["draft"] and "UTKAST" not in pdf_text(posted.pdf)
    assert not quote.context["draft"] and "UTKAST" not in quote.html and 'class="watermark"' not in quote.html


def test_sending_a_draft_invoice_is_refused_and_queues_nothing_but_a_quote_is_sent(app):
    set_email(app)
    for document_type in ("invoice", "credit_memo"):
        with pytest.raises(DomainError) as refused:
            documents.send(app, draft_invoice(app, document_type))
        assert refused.value.code == "DOCS-DRAFT-NOT-SENDABLE"
    with app.uow() as s:
        assert s.scalars(select(OutboxMessage)).all() == []
    assert documents.send(app, draft_invoice(app, "quote"))


def test_a_return_order_is_not_printable_and_says_so(app):
    with pytest.raises(DomainError) as refused:
        documents.render(app, draft_invoice(app, "return_order"), pdf=False)
    assert refused.value.code == "DOCS-KIND-NOT-PRINTABLE"


def test_cli_sales_send_of_a_draft_invoice_exits_2_with_one_coded_line(app, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    set_email(app)
    no = draft_invoice(app)
    result = CliRunner().invoke(cli, ["--db", db_url, "sales", "send", no])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("DOCS-DRAFT-NOT-SENDABLE") and no in lines[0]
    assert not (tmp_path / "outbox").exists() or not list((tmp_path / "outbox").glob("*.eml"))
    out = tmp_path / "draft.pdf"
    rendered = CliRunner().invoke(cli, ["--db", db_url, "sales", "render", no, "--pdf", str(out)])
    assert rendered.exit_code == 0 and "Utkast til faktura" in pdf_text(out.read_bytes())
