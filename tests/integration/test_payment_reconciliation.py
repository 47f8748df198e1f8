"""Overpayments and refunds, application proposals for unmatched statement lines and unapplying
entries (issue 17 item 10), end to end through the CLI on SQLite and PostgreSQL."""

import json
from decimal import Decimal as D
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from domain.ledger.model import CustomerLedgerEntry, DetailedCustomerLedgerEntry, GLEntry, VendorLedgerEntry
from domain.payments.model import BankStatementLine
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup.model.company import Company
from flows.cli import app as cli
from tests.support.documents import gl_line, invoice

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "camt053-example.xml"


def run(db_url, *args):
    return CliRunner().invoke(cli, ["--db", db_url, *args])


def pay(db_url, party, party_no, amount, to):
    """Post a payment through the CLI; its document no., and the whole output (warnings)."""
    result = run(db_url, "payments", "apply", f"--{party}", party_no, "--amount", amount, "--to", to, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["document_no"], result.output


def sales_invoice(app, customer="C10000", price="1000.00"):
    no = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": customer, "lines": [
        {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": price}]})
    return sales_posting.post(app, no).invoice_no


def entry(app, document_no, cls=CustomerLedgerEntry):
    with app.uow() as s:
        return s.scalar(select(cls).where(cls.document_no == document_no))


def balance(app, account):
    with app.uow() as s:
        return s.scalar(select(func.sum(GLEntry.amount)).where(GLEntry.gl_account_no == account)) or D(0)


def counts(app):
    with app.uow() as s:
        return (s.scalar(select(func.count()).select_from(GLEntry)),
                s.scalar(select(func.count()).select_from(DetailedCustomerLedgerEntry)),
                s.scalar(select(func.count()).select_from(CustomerLedgerEntry)))


def test_an_overpayment_stays_open_as_a_credit_with_a_warning_and_a_refund_closes_it(app, db_url):
    no = sales_invoice(app)  # 1250.00 with VAT
    payment, output = pay(db_url, "customer", "C10000", "1300", no)
    assert "PAY-OVERPAYMENT" in output and "50.00" in output
    assert entry(app, payment).remaining_amount == D("-50.00") and entry(app, payment).open
    before = counts(app)
    too_much = run(db_url, "payments", "refund", "--customer", "C10000", "--amount", "60")
    assert too_much.exit_code == 2 and "PAY-REFUND-EXCEEDS-CREDIT" in too_much.output
    assert counts(app) == before
    refunded = run(db_url, "payments", "refund", "--customer", "C10000", "--json")
    assert refunded.exit_code == 0, refunded.output
    result = json.loads(refunded.stdout)
    assert result["amount"] == "50.00" and result["closed"] == [payment]
    assert not entry(app, payment).open and entry(app, result["document_no"]).document_type == "refund"
    assert balance(app, "1500") == D(0) and balance(app, "1920") == D("1250.00")
    again = run(db_url, "payments", "refund", "--customer", "C10000")
    assert again.exit_code == 2 and "PAY-NO-OPEN-CREDIT" in again.output


def test_a_vendor_overpayment_is_refunded_by_the_vendor_into_the_bank(app, db_url):
    no = purchase_documents.create_document(app, invoice("V10000", lines=[gl_line("6800", "1000.00")]))
    posted = purchase_posting.post_document(app, no).posted_no
    remaining = -entry(app, posted, VendorLedgerEntry).remaining_amount
    assert "PAY-OVERPAYMENT" in pay(db_url, "vendor", "V10000", str(remaining + 10), posted)[1]
    refunded = run(db_url, "payments", "refund", "--vendor", "V10000", "--json")
    assert refunded.exit_code == 0, refunded.output
    assert json.loads(refunded.stdout)["amount"] == "10.00"
    assert balance(app, "1920") == -remaining
    with app.uow() as s:
        assert not s.scalars(select(VendorLedgerEntry).where(VendorLedgerEntry.open.is_(True))).all()


def statement(first_amount, first_name, second_amount, second_name):
    xml = EXAMPLE.read_text(encoding="utf-8").format(amount1=first_amount, kid1="REF-UNKNOWN",
                                                     amount2=second_amount, invoice2="ukjent")
    return xml.replace("Solberg Bakeri AS", first_name).replace("Eik Arkitekter AS", second_name).encode()


def test_unmatched_statement_lines_get_scored_proposals_and_one_is_taken(app, db_url, tmp_path):
    first, second, third = sales_invoice(app), sales_invoice(app, "C20000"), sales_invoice(app, "C10000", "2000.00")
    camt = tmp_path / "camt.xml"
    camt.write_bytes(statement("1250.00", "SOLBERG BAKERI A/S", "999.00", "Eik Arkitekter"))
    imported = run(db_url, "payments", "import-camt", str(camt), "--json")
    assert [r["status"] for r in json.loads(imported.stdout)] == ["unmatched"] * 3
    listed = run(db_url, "payments", "match", "--json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    by_line = {}
    for r in rows:
        by_line.setdefault(r["statement_line"], []).append((r["document_no"], r["confidence"]))
    line1, line2 = sorted(by_line)
    assert by_line[line1] == [(first, "high"), (second, "medium"), (third, "low")]
    assert by_line[line2] == [(second, "low")]
    assert len(by_line) == 2  # "Ukjent Innbetaler" 777.00: nothing proposed
    with app.uow() as s:
        lonely = s.scalar(select(BankStatementLine.id).where(BankStatementLine.amount == D("777.00")))
    before = counts(app)
    refused = run(db_url, "payments", "apply", "--statement-line", str(lonely))
    assert refused.exit_code == 2 and "PAY-NO-PROPOSAL" in refused.output
    not_proposed = run(db_url, "payments", "apply", "--statement-line", str(line2), "--to", first)
    assert not_proposed.exit_code == 2 and "PAY-NOT-PROPOSED" in not_proposed.output
    mixed = run(db_url, "payments", "apply", "--statement-line", str(line2), "--amount", "5")
    assert mixed.exit_code == 2 and "CLI-INVALID-OPTION" in mixed.output
    assert counts(app) == before
    taken = run(db_url, "payments", "apply", "--statement-line", str(line1), "--json")
    assert taken.exit_code == 0, taken.output
    result = json.loads(taken.stdout)
    assert (result["document_no"], result["status"], result["confidence"]) == (first, "applied", "high")
    assert not entry(app, first).open
    partial = run(db_url, "payments", "apply", "--statement-line", str(line2), "--json")
    assert json.loads(partial.stdout)["status"] == "partial"
    assert entry(app, second).remaining_amount == D("251.00")
    done = run(db_url, "payments", "apply", "--statement-line", str(line1))
    assert done.exit_code == 2 and "PAY-STATEMENT-LINE-DONE" in done.output
    assert [r["statement_line"] for r in json.loads(run(db_url, "payments", "match", "--json").stdout)] == []


def test_unapply_reopens_both_entries_of_the_application_and_writes_nothing_on_bad_input(app, db_url):
    first = sales_invoice(app)
    payment, _ = pay(db_url, "customer", "C10000", "1500", first)
    assert entry(app, payment).remaining_amount == D("-250.00") and not entry(app, first).open
    unapplied = run(db_url, "payments", "unapply", first, "--json")
    assert unapplied.exit_code == 0, unapplied.output
    result = json.loads(unapplied.stdout)
    assert result["application"] == payment
    assert {r["document_no"]: (r["remaining_amount"], r["open"]) for r in result["reopened"]} == {
        first: ("1250.00", True), payment: ("-1500.00", True)}
    assert entry(app, first).open and entry(app, payment).remaining_amount == D("-1500.00")
    assert balance(app, "1500") == D("-250.00")  # G/L does not change: only the application is undone
    before = counts(app)
    nothing = run(db_url, "payments", "unapply", first)
    assert nothing.exit_code == 2 and "PAY-NOTHING-TO-UNAPPLY" in nothing.output
    unknown = run(db_url, "payments", "unapply", "NOPE-1")
    assert unknown.exit_code == 2 and "PAY-ENTRY-NOT-FOUND" in unknown.output
    bad_date = run(db_url, "payments", "unapply", first, "--date", "2026-13-01")
    assert bad_date.exit_code == 2 and "IMPORT-INVALID-DATE" in bad_date.output
    assert counts(app) == before
    again, _ = pay(db_url, "customer", "C10000", "1250", first)  # the invoice can be paid again
    assert not entry(app, first).open


def test_unapply_refuses_an_application_a_later_one_depends_on(app, db_url):
    no = sales_invoice(app)
    first_payment, _ = pay(db_url, "customer", "C10000", "1000", no)
    pay(db_url, "customer", "C10000", "250", no)
    before = counts(app)
    refused = run(db_url, "payments", "unapply", first_payment)
    assert refused.exit_code == 2 and "PAY-UNAPPLY-LATER-APPLICATION" in refused.output
    assert counts(app) == before
    latest = run(db_url, "payments", "unapply", no)  # the invoice's latest application: the 250
    assert latest.exit_code == 0, latest.output
    assert entry(app, no).remaining_amount == D("250.00") and entry(app, no).open
    assert run(db_url, "payments", "unapply", first_payment).exit_code == 0
    assert entry(app, no).remaining_amount == D("1250.00")


def test_unapplying_a_cancelled_invoice_is_refused(app, db_url):
    no = sales_invoice(app)
    cancelled = run(db_url, "sales", "cancel", no)
    assert cancelled.exit_code == 0, cancelled.output
    before = counts(app)
    refused = run(db_url, "payments", "unapply", no)
    assert refused.exit_code == 2 and "PAY-UNAPPLY-REVERSED" in refused.output
    assert counts(app) == before


def test_an_overpaying_statement_line_is_applied_and_warned_about(app, db_url, tmp_path):
    first = sales_invoice(app)
    kid = entry(app, first).payment_reference
    camt = tmp_path / "camt.xml"
    xml = EXAMPLE.read_text(encoding="utf-8").format(amount1="1300.00", kid1=kid, amount2="5.00", invoice2="x")
    camt.write_text(xml, encoding="utf-8")
    imported = run(db_url, "payments", "import-camt", str(camt), "--json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)[0]["status"] == "partial" and not entry(app, first).open
    assert "PAY-OVERPAYMENT" in imported.output and "50.00" in imported.output
    refunded = run(db_url, "payments", "refund", "--customer", "C10000", "--json")
    assert json.loads(refunded.stdout)["amount"] == "50.00"


def test_setting_the_company_vat_id_through_document_setup_checks_it_against_the_org_no(app, db_url):
    with app.uow() as s:
        org = s.scalars(select(Company)).first().org_no
    refused = run(db_url, "sales", "document-setup", "--vat-id", "NO974760673MVA")
    assert refused.exit_code == 2 and "ID-VAT-NOT-ORG-NO" in refused.output
    ok = run(db_url, "sales", "document-setup", "--vat-id", f"NO {org} MVA", "--json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["vat_id"] == f"NO{org}MVA"


def test_unapplying_a_payment_that_took_a_discount_gives_the_discount_back_in_the_ledger_and_the_gl(app, db_url):
    no = purchase_documents.create_document(app, invoice("V30000", lines=[gl_line("6800", "1000.00")]))
    posted = purchase_posting.post_document(app, no).posted_no  # V30000: 2 % within 8 days
    paid = run(db_url, "payments", "apply", "--vendor", "V30000", "--amount", "1225.00", "--to", posted,
               "--date", "2026-11-25", "--json")
    assert json.loads(paid.stdout)["discount"] == "25.00" and balance(app, "2400") == D(0)
    early = run(db_url, "payments", "unapply", posted, "--date", "2026-11-24")
    assert early.exit_code == 2 and "PAY-UNAPPLY-DATE-BEFORE-APPLICATION" in early.output
    unapplied = run(db_url, "payments", "unapply", posted, "--date", "2026-11-26", "--json")
    assert unapplied.exit_code == 0, unapplied.output
    assert entry(app, posted, VendorLedgerEntry).remaining_amount == D("-1250.00")
    payment = json.loads(paid.stdout)["document_no"]
    assert entry(app, payment, VendorLedgerEntry).remaining_amount == D("1225.00")
    assert balance(app, "2400") == D("-25.00")  # Payables = the open entries again
    with app.uow() as s:
        assert s.scalar(select(func.sum(GLEntry.amount))) == D(0)
    twice = run(db_url, "payments", "unapply", payment)
    assert twice.exit_code == 2 and "PAY-NOTHING-TO-UNAPPLY" in twice.output
