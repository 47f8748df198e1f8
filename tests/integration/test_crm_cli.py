"""Contacts, quote conversions, order confirmations and special orders end to end through the CLI,
on SQLite and PostgreSQL (issue 17 items 5, 6, 7)."""

from __future__ import annotations

import io
import json
from email import message_from_bytes, policy

import pdfplumber
import pytest
from typer.testing import CliRunner

from flows.cli import app as cli


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    runner = CliRunner()

    def invoke(*args, code=0):
        result = runner.invoke(cli, ["--db", db_url, *args])
        assert result.exit_code == code, (args, result.output)
        return result

    invoke("init", "--country", "NO", "--demo")
    return invoke


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def contacts(run) -> tuple[str, str, str]:
    """Company contact of customer C10000, a person of it, and a person of another company."""
    company = run("contact", "add", "--type", "company", "--name", "Solberg Bakeri AS", "--customer", "C10000",
                  "--email", "post@solberg.example").stdout.strip()
    person = run("contact", "add", "--type", "person", "--name", "Ola Nordmann", "--company", company,
                 "--phone", "+47 22 00 00 00").stdout.strip()
    other = run("contact", "add", "--type", "company", "--name", "Eik Arkitekter AS").stdout.strip()
    stranger = run("contact", "add", "--type", "person", "--name", "Kari Eik", "--company", other).stdout.strip()
    return company, person, stranger


def sales_json(tmp_path, document_type: str, contact=None, lines=None, name="sales.json") -> str:
    header = {"document_type": document_type, "customer_no": "C10000", "posting_date": "2026-11-20",
              "lines": lines or [{"type": "item", "no": "1000", "quantity": "2", "unit_price": "300",
                                  "location": "MAIN"}]}
    if contact:
        header["contact_no"] = contact
    return write(tmp_path, name, header)


def stock(run, tmp_path, qty: str = "5") -> None:
    journal = tmp_path / "stock.csv"
    journal.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost\n"
                       f"2026-11-20,purchase,1000,MAIN,{qty},150\n")
    run("journal", "post", str(journal))


def pdf_text(path) -> str:
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as doc:
        return "\n".join(page.extract_text() for page in doc.pages)


def sales_count(run) -> int:
    return len(json.loads(run("sales", "list", "--json").stdout))


def test_contacts_companies_persons_relations_and_make_customer(run, tmp_path):
    company, person, stranger = contacts(run)
    assert company.startswith("CT-") and person.startswith("CT-")
    shown = json.loads(run("contact", "show", company, "--json").stdout)
    assert (shown["type"], shown["customer_no"], shown["persons"]) == ("company", "C10000", [person])
    listed = {row["no"]: row for row in json.loads(run("contact", "list", "--json").stdout)}
    assert listed[person]["company_no"] == company and listed[person]["company_name"] == "Solberg Bakeri AS"
    # a company contact becomes a customer (BC Create as Customer), once
    other = listed[stranger]["company_no"]
    assert run("contact", "make-customer", other, "--no", "C30000").stdout.strip() == "C30000"
    assert json.loads(run("customer", "show", "C30000", "--json").stdout)["name"] == "Eik Arkitekter AS"
    twice = run("contact", "make-customer", other, "--no", "C30001", code=2)
    assert "CONTACT-ALREADY-RELATED" in twice.output
    # a person of a company is not made a customer: the company is (BC)
    refused = run("contact", "make-customer", person, code=2)
    assert "CONTACT-PERSON-OF-COMPANY" in refused.output
    assert "C30001" not in run("customer", "list", "--json").stdout
    # a person with no company may be a (consumer) customer, as in BC
    consumer = run("contact", "add", "--type", "person", "--name", "Per Privat").stdout.strip()
    assert run("contact", "make-customer", consumer, "--no", "C40000").stdout.strip() == "C40000"
    assert run("contact", "make-vendor", consumer, "--no", "V99000").stdout.strip() == "V99000"
    shown = json.loads(run("contact", "show", consumer, "--json").stdout)
    assert (shown["customer_no"], shown["vendor_no"]) == ("C40000", "V99000")
    # bad input: a company in a company, an unknown customer, a customer that has a contact already
    bad = run("contact", "add", "--type", "company", "--name", "X", "--company", company, code=2)
    assert "CONTACT-COMPANY-OF-COMPANY" in bad.output
    bad = run("contact", "add", "--type", "company", "--name", "Y", "--customer", "C10000", code=2)
    assert "CONTACT-CARD-HAS-CONTACT" in bad.output
    bad = run("contact", "add", "--type", "robot", "--name", "Z", "--email", "no-at-sign", code=2)
    assert "IMPORT-INVALID-CHOICE" in bad.output and "CONTACT-INVALID-EMAIL" in bad.output
    assert len(json.loads(run("contact", "list", "--json").stdout)) == 5


def test_a_contact_person_of_another_company_is_refused_on_a_document(run, tmp_path):
    company, person, stranger = contacts(run)
    before = sales_count(run)
    refused = run("sales", "order", "import", sales_json(tmp_path, "order", stranger), code=2)
    assert "CONTACT-NOT-OF-PARTY" in refused.output
    refused = run("sales", "order", "import", sales_json(tmp_path, "order", company), code=2)
    assert "CONTACT-NOT-OF-PARTY" in refused.output  # the company itself is no contact person
    assert sales_count(run) == before
    order = run("sales", "order", "import", sales_json(tmp_path, "order", person)).stdout.strip()
    assert json.loads(run("sales", "show", order, "--json").stdout)["contact_no"] == person


def test_quote_becomes_an_invoice_once_and_posts(run, tmp_path):
    _, person, _ = contacts(run)
    stock(run, tmp_path)
    quote = run("sales", "quote", "import", sales_json(tmp_path, "quote", person)).stdout.strip()
    invoice = run("sales", "quote", "make-invoice", quote).stdout.strip()
    assert invoice.startswith("SI-")
    shown = json.loads(run("sales", "show", invoice, "--json").stdout)
    assert (shown["document_type"], shown["quote_no"], shown["contact_no"]) == ("invoice", quote, person)
    assert float(shown["lines"][0]["quantity_shipped"]) == 0 and float(shown["lines"][0]["qty_to_invoice"]) == 2
    again = run("sales", "quote", "make-invoice", quote, code=2)
    assert "SALES-NOT-AN-OPEN-QUOTE" in again.output
    assert "SALES-NOT-AN-OPEN-QUOTE" in run("sales", "make-order", quote, code=2).output
    assert json.loads(run("sales", "show", quote, "--json").stdout)["status"] == "converted"
    posted = run("sales", "post", invoice).stdout.split("invoice ")[1].split()[0]
    pdf = tmp_path / "invoice.pdf"
    run("sales", "render", posted, "--pdf", str(pdf))
    assert "Att.: Ola Nordmann" in pdf_text(pdf)  # the posted invoice names its draft's contact person


def test_order_confirmation_pdf_and_email_name_the_contact_person(run, tmp_path):
    _, person, _ = contacts(run)
    run("customer", "set", "C10000", "--email", "post@solberg.example")
    order = run("sales", "order", "import", sales_json(tmp_path, "order", person)).stdout.strip()
    pdf = tmp_path / "confirmation.pdf"
    run("sales", "order", "confirm", order, "--pdf", str(pdf))
    text = pdf_text(pdf)
    assert "Ordrebekreftelse" in text and order in text and "Att.: Ola Nordmann" in text
    english = tmp_path / "confirmation-en.pdf"
    run("sales", "order", "confirm", order, "--pdf", str(english), "--language", "en")
    with pdfplumber.open(io.BytesIO(english.read_bytes())) as doc:
        first_page = doc.pages[0].extract_text()
    assert "Order Confirmation" in first_page and "Attn: Ola Nordmann" in first_page
    sent = run("sales", "order", "confirm", order, "--email")
    assert "outbox message" in sent.stdout
    emails = list((tmp_path / "outbox").glob("*.eml"))
    assert len(emails) == 1
    message = message_from_bytes(emails[0].read_bytes(), policy=policy.default)
    assert message["To"] == "post@solberg.example"
    assert "Att.: Ola Nordmann" in message.get_body(("plain",)).get_content()
    assert "DOCS-ALREADY-SENT" in run("sales", "order", "confirm", order, "--email", code=2).output
    quote = run("sales", "quote", "import", sales_json(tmp_path, "quote", name="q.json")).stdout.strip()
    assert "SALES-NOT-AN-ORDER" in run("sales", "order", "confirm", quote, "--pdf", str(pdf), code=2).output
    assert "CLI-MISSING-OPTION" in run("sales", "order", "confirm", order, code=2).output


def test_purchase_quote_becomes_an_order_once_and_posts_nothing_itself(run, tmp_path):
    vendor_contact = run("contact", "add", "--type", "company", "--name", "Nordlys", "--vendor", "V10000")
    vendor_contact = vendor_contact.stdout.strip()
    seller = run("contact", "add", "--type", "person", "--name", "Siri Selger", "--company", vendor_contact)
    seller = seller.stdout.strip()
    data = {"vendor_no": "V10000", "posting_date": "2026-11-20", "contact_no": seller, "lines": [
        {"type": "item", "no": "1000", "quantity": "3", "direct_unit_cost": "180", "location": "MAIN"}]}
    quote = run("purchase", "quote", "import", write(tmp_path, "rfq.json", data)).stdout.strip()
    assert quote.startswith("PQ-")
    assert "PURCH-QUOTE-NOT-POSTABLE" in run("purchase", "post", quote, code=2).output
    assert "PURCH-ORDER-NOT-FOUND" in run("purchase", "order", "receive", quote, code=2).output
    order = run("purchase", "quote", "make-order", quote).stdout.strip()
    assert order.startswith("PO-")
    shown = json.loads(run("purchase", "show", order, "--json").stdout)
    assert (shown["document_type"], shown["quote_no"], shown["contact_no"]) == ("order", quote, seller)
    assert "PURCH-NOT-AN-OPEN-QUOTE" in run("purchase", "quote", "make-order", quote, code=2).output
    pdf = tmp_path / "po.pdf"
    run("purchase", "order", "render", order, "--pdf", str(pdf))
    assert "Att.: Siri Selger" in pdf_text(pdf)
    assert run("purchase", "order", "receive", order).stdout.strip().startswith("PRCPT-")
    wrong = dict(data, contact_no=run("contact", "add", "--type", "person", "--name", "Nobody").stdout.strip())
    assert "CONTACT-NOT-OF-PARTY" in run("purchase", "quote", "import", write(tmp_path, "bad.json", wrong),
                                         code=2).output


def item_line(qty: str, **extra) -> dict:
    return {"type": "item", "no": "1000", "quantity": qty, "unit_price": "300", "location": "MAIN", **extra}


def test_special_order_is_bought_received_reserved_and_shipped_to_the_customer(run, tmp_path):
    stock(run, tmp_path)
    order = run("sales", "order", "import", sales_json(tmp_path, "order", lines=[
        item_line("2", special_order=True)])).stdout.strip()
    created = json.loads(run("sales", "create-purchase-orders", order, "--json").stdout)
    assert len(created) == 1 and created[0]["special_order"] and not created[0]["drop_shipment"]
    assert float(created[0]["lines"][0]["quantity"]) == 2  # in full although 5 are on hand
    po = created[0]["purchase_order_no"]
    po_line = json.loads(run("purchase", "show", po, "--json").stdout)["lines"][0]
    assert (po_line["special_order"], po_line["sales_order_no"], po_line["sales_order_line_no"]) == (True, order, 1)
    assert po_line["location"] == "MAIN"
    sales_line = json.loads(run("sales", "show", order, "--json").stdout)["lines"][0]
    assert (sales_line["special_order"], sales_line["purchase_order_no"]) == (True, po)
    assert [(r["source"], r["purchase_order_no"], float(r["quantity"])) for r in sales_line["reservations"]] == [
        ("purchase_order_line", po, 2)]  # the special order's supply is reserved for it
    printed = tmp_path / "po.pdf"
    run("purchase", "order", "render", po, "--pdf", str(printed))
    assert f"Spesialordre: {order}/1" in pdf_text(printed)
    run("sales", "order", "confirm", order, "--pdf", str(printed))
    assert f"Spesialordre: {po}" in pdf_text(printed)
    # not received yet: the special-order line does not ship from the 5 on hand
    assert "SALES-SPECIAL-ORDER-NOT-RECEIVED" in run("sales", "ship", order, code=2).output
    run("purchase", "order", "receive", po)
    [moved] = json.loads(run("sales", "show", order, "--json").stdout)["lines"][0]["reservations"]
    assert moved["source"] == "item_ledger_entry"  # now on the receipt's entry
    # 7 on hand, 2 of them reserved: another order gets only 5
    other = run("sales", "order", "import", sales_json(tmp_path, "order", lines=[item_line("6")],
                                                        name="other.json")).stdout.strip()
    assert "INV-QUANTITY-RESERVED" in run("sales", "ship", other, code=2).output
    assert "shipment PSS-" in run("sales", "ship", other, "--qty", "1=5").stdout
    assert "shipment PSS-" in run("sales", "ship", order).stdout
    assert json.loads(run("report", "reservations", "--json").stdout) == []  # shipping consumed it
    entries = json.loads(run("report", "item-ledger", "--json").stdout)
    receipt = [e for e in entries if str(e["document_no"]).startswith("PRCPT-")][0]
    assert float(receipt["remaining_quantity"]) == 0  # the special order took its own receipt
    assert "invoice PSI-" in run("sales", "invoice", order).stdout


def test_special_order_bad_lines_are_refused_and_nothing_is_written(run, tmp_path):
    before = sales_count(run)
    for line, code in ((item_line("1", special_order=True, drop_shipment=True), "SALES-SPECIAL-AND-DROP-SHIPMENT"),
                       ({"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "10",
                         "special_order": True}, "SALES-SPECIAL-ORDER-ITEM-ONLY")):
        refused = run("sales", "order", "import", sales_json(tmp_path, "order", lines=[line]), code=2)
        assert code in refused.output
    invoice = run("sales", "invoice", "import", sales_json(tmp_path, "invoice", lines=[
        item_line("1", special_order=True)]), code=2)
    assert "SALES-SPECIAL-ORDER-ORDER-ONLY" in invoice.output
    quote = run("sales", "quote", "import", sales_json(tmp_path, "quote", lines=[
        item_line("1", special_order=True)])).stdout.strip()
    assert "SALES-QUOTE-LINE-NEEDS-ORDER" in run("sales", "quote", "make-invoice", quote, code=2).output
    assert sales_count(run) == before + 1
    assert run("sales", "make-order", quote).stdout.strip().startswith("SO-")
