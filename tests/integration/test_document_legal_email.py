"""Issue 17 items 8 and 9 end to end through the CLI on SQLite and PostgreSQL: the company's legal
identifiers, the delivery date, translated units and a drop shipment's ship-to address on the
printed PDFs of a Norwegian and a Dutch company (read back with pdfplumber), and the e-mail of a
sent invoice: an extract, the payment service's link, HTML and plain text parts (read from the outbox)."""

import datetime as dt
import io
from email import message_from_bytes, policy

import pdfplumber
from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.documents.model import PaymentService
from domain.inventory import journal as item_journal
from domain.messaging.model import OutboxMessage
from domain.sales import documents as sales_documents
from domain.sales import purchase_for_sale
from domain.sales.model import PostedSalesHeader, SalesHeader
from domain.setup.model.cards import Customer
from domain.setup.model.company import Company
from flows.cli import app as cli
from tests.conftest import make_app


def run(db_url, *args):
    return CliRunner().invoke(cli, ["--db", db_url, *args])


def pdf_text(path) -> str:
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as doc:
        return "\n".join(page.extract_text() for page in doc.pages)


def company_ids(app):
    with app.uow() as s:
        row = s.scalars(select(Company)).first()
        return (row.org_no, row.vat_id) if row else None


def shipped_then_invoiced(app, db_url, lines, customer="C10000"):
    """An order shipped on 20 Nov and invoiced on 25 Nov, through the CLI; the posted invoice no."""
    item_journal.post_journal(app, [{"posting_date": "2026-11-20", "entry_type": "purchase", "item_no": "1000",
                                     "location": "MAIN", "quantity": "10", "unit_cost": "100"}])
    order = sales_documents.create_document(app, {
        "document_type": "order", "customer_no": customer, "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": lines})
    assert run(db_url, "sales", "ship", order).exit_code == 0
    with app.uow() as s:
        s.scalar(select(SalesHeader).where(SalesHeader.no == order)).posting_date = dt.date(2026, 11, 25)
    invoiced = run(db_url, "sales", "invoice", order)
    assert invoiced.exit_code == 0, invoiced.output
    with app.uow() as s:
        return order, s.scalar(select(PostedSalesHeader.no).where(PostedSalesHeader.order_no == order,
                                                                 PostedSalesHeader.document_type == "invoice"))


LINES = [{"type": "item", "no": "1000", "quantity": "2", "unit_price": "300.00", "location": "MAIN"},
         {"type": "item", "no": "9000", "quantity": "3", "unit_price": "950.00"}]


def test_a_norwegian_invoice_credit_memo_and_orders_print_org_nr_mva_foretaksregisteret(db_url, tmp_path):
    refused = run(db_url, "init", "--country", "NO", "--org-no", "974760674")
    assert refused.exit_code == 2 and "ID-INVALID-ORGNR" in refused.output
    app = make_app(db_url)
    assert company_ids(app) is None  # nothing was written, not even the company
    done = run(db_url, "init", "--country", "NO", "--demo", "--org-no", "974 760 673", "--vat-id", "NO974760673MVA")
    assert done.exit_code == 0, done.output
    assert company_ids(app) == ("974760673", "NO974760673MVA")
    for vat, code in (("NO923609016MVA", "ID-VAT-NOT-ORG-NO"), ("NL004495445B01", "ID-VAT-COUNTRY-MISMATCH")):
        wrong = run(db_url, "setup", "company", "--vat-id", vat)
        assert wrong.exit_code == 2 and code in wrong.output
    assert company_ids(app) == ("974760673", "NO974760673MVA")
    order, invoice = shipped_then_invoiced(app, db_url, LINES)
    out = tmp_path / "invoice.pdf"
    assert run(db_url, "sales", "render", invoice, "--pdf", str(out)).exit_code == 0
    text = pdf_text(out)
    assert "Org.nr 974 760 673 MVA" in text and "Foretaksregisteret" in text
    assert "Leveringsdato 20.11.2026" in text  # the shipment's date, not the invoice's 25.11.2026
    assert " stk " in text and " time " in text  # PCS and HOUR in Norwegian
    credit_memo = run(db_url, "sales", "cancel", invoice).stdout.strip().split()[-1]
    assert run(db_url, "sales", "render", credit_memo, "--pdf", str(out)).exit_code == 0
    assert "Org.nr 974 760 673 MVA" in pdf_text(out) and "Leveringsdato" not in pdf_text(out)
    drop = sales_documents.create_document(app, {"document_type": "order", "customer_no": "C10000", "lines": [
        {"type": "item", "no": "1400", "quantity": "2", "unit_price": "3490", "location": "MAIN",
         "drop_shipment": True}]})
    assert run(db_url, "sales", "render", drop, "--pdf", str(out)).exit_code == 0
    assert "Foretaksregisteret" in pdf_text(out)  # the order confirmation
    po = purchase_for_sale.create_purchase_orders(app, drop)[0]["purchase_order_no"]
    assert run(db_url, "purchase", "order", "render", po, "--pdf", str(out)).exit_code == 0
    text = pdf_text(out)
    assert "Leveres til: Solberg Bakeri AS" in text and "Bakkegata 4" in text and "0650 Oslo" in text
    assert "Org.nr 974 760 673 MVA" in text


def test_a_dutch_invoice_prints_kvk_and_btw_id_and_dutch_units_and_its_mail_is_dutch(db_url, tmp_path,
                                                                                      monkeypatch):
    done = run(db_url, "init", "--country", "NL", "--demo", "--org-no", "87654321", "--vat-id", "NL004495445B01")
    assert done.exit_code == 0, done.output
    app = make_app(db_url)
    for option, value, code in (("--org-no", "1234", "ID-INVALID-KVK"),
                                ("--vat-id", "NO974760673MVA", "ID-VAT-COUNTRY-MISMATCH")):
        wrong = run(db_url, "setup", "company", option, value)
        assert wrong.exit_code == 2 and code in wrong.output
    assert company_ids(app) == ("87654321", "NL004495445B01")
    _, invoice = shipped_then_invoiced(app, db_url, LINES)
    out = tmp_path / "factuur.pdf"
    assert run(db_url, "sales", "render", invoice, "--pdf", str(out)).exit_code == 0
    text = pdf_text(out)
    assert "KvK 87654321" in text and "btw-id NL004495445B01" in text
    assert "Leverdatum 20-11-2026" in text and " st. " in text and " uur " in text
    with app.uow() as s:
        s.get(Customer, "C10000").email = "inkoop@bakkerij.example"
        kid = s.get(PostedSalesHeader, invoice).payment_reference
    assert run(db_url, "setup", "payment-service", "--name", "iDEAL", "--url-template",
               "https://betaal.example/{document_no}?bedrag={amount}&kenmerk={kid}&valuta={currency}").exit_code == 0
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    assert run(db_url, "sales", "send", invoice, "--queue-only").exit_code == 0
    with app.uow() as s:
        message = s.scalars(select(OutboxMessage)).one()
    link = f"https://betaal.example/{invoice}?bedrag=4102.50&kenmerk={kid}&valuta=EUR"
    assert f"Betaal met iDEAL: {link}" in message.body and "- Koffiebonen 1 kg: 2 st. · EUR 600,00" in message.body
    assert "Totaal incl. btw: EUR 4.102,50" in message.body and "Vervaldatum:" in message.body
    assert f'href="{link.replace("&", "&amp;")}"' in message.body_html


def test_a_sent_invoice_mail_has_an_extract_a_payment_link_and_escaped_html(app, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    with app.uow() as s:
        customer = s.get(Customer, "C10000")
        customer.name, customer.email = "Solberg <b>Bakeri</b> & Co", "post@kunde.example"
    for template, code in (("https://pay.example/?a={amount}&i={iban}", "DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER"),
                           ("http://pay.example/?a={amount}", "DOCS-PAYMENT-URL-NOT-HTTPS"),
                           ("https://pay.example/?a={amount:>9}", "DOCS-PAYMENT-URL-UNKNOWN-PLACEHOLDER")):
        refused = run(db_url, "setup", "payment-service", "--name", "Vipps", "--url-template", template)
        assert refused.exit_code == 2 and code in refused.output
    with app.uow() as s:
        assert s.scalar(select(func.count()).select_from(PaymentService)) == 0
    set_up = run(db_url, "setup", "payment-service", "--name", "Vipps", "--url-template",
                 "https://pay.example/?amount={amount}&ref={kid}&inv={document_no}")
    assert set_up.exit_code == 0, set_up.output
    draft = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "9000", "quantity": "3", "unit_price": "950.00",
             "description": "<script>alert(1)</script> rigging"}]})
    posted = run(db_url, "sales", "post", draft)
    assert posted.exit_code == 0, posted.output
    with app.uow() as s:
        header = s.scalar(select(PostedSalesHeader).where(PostedSalesHeader.document_type == "invoice"))
        invoice, kid, due = header.no, header.payment_reference, header.due_date
    sent = run(db_url, "sales", "send", invoice)
    assert sent.exit_code == 0, sent.output
    with app.uow() as s:
        message = s.scalars(select(OutboxMessage)).one()
        text, html = message.body, message.body_html
    link = f"https://pay.example/?amount=3562.50&ref={kid}&inv={invoice}"
    assert "- <script>alert(1)</script> rigging: 3 time · NOK 2 850,00" in text  # plain text is text
    assert "Å betale: NOK 3 562,50" in text and f"Forfallsdato: {due:%d.%m.%Y}. KID: {kid}." in text
    assert f"Betal med Vipps: {link}" in text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; rigging" in html
    assert "Solberg &lt;b&gt;Bakeri&lt;/b&gt; &amp; Co" in html and "<b>Bakeri" not in html
    assert f'href="{link.replace("&", "&amp;")}"' in html and "Betal med Vipps</a>" in html
    (eml,) = (tmp_path / "outbox").glob("*.eml")
    mail = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert mail.get_body(("html",)).get_content() == html
    assert mail.get_body(("plain",)).get_content().rstrip("\n") == text.rstrip("\n")
    assert [p.get_filename() for p in mail.iter_attachments()] == [f"{invoice}.pdf"]
