"""Invoices assembled from posted receipts deduct the order's prepayment as the order's own final
invoice does (BC Purch.-Get Receipt copies Prepmt Amt to Deduct), through the CLI on SQLite and
PostgreSQL: an order with a 30 % prepayment, its prepayment invoice, two receipts, one invoice
per receipt made by ``purchase get-receipt-lines``; "Check Prepmt. when Posting" holds such an
invoice while the prepayment is unpaid, and a draft deleted before posting deducts nothing."""

import json
from decimal import Decimal as D

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def invoke(db_url, *args, user="kari"):
    return runner.invoke(app, ["--db", db_url, "--user", user, *args])


def run(db_url, *args, user="kari") -> str:
    result = invoke(db_url, *args, user=user)
    assert result.exit_code == 0, result.output
    return result.output


def refused(db_url, *args, user="kari") -> str:
    result = invoke(db_url, *args, user=user)
    assert result.exit_code == 2, result.output
    return result.output


def rows(db_url, *args) -> list[dict]:
    return json.loads(run(db_url, *args, "--json"))


def balance(db_url, account) -> D:
    return sum((D(r["amount"]) for r in rows(db_url, "report", "gl-entries", "--account", account)), D(0))


def vendor_entries(db_url) -> dict[str, dict]:
    return {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}


def deducted(db_url, order_no) -> list[D]:
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", order_no, "--json"))
    return [D(x["deducted"]) for x in overview["lines"]]


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def freight_invoice(tmp_path, name, vendor_invoice_no) -> str:
    """A draft invoice with a freight line (40.00 + 25 % VAT); the receipts' lines are added to it."""
    return write(tmp_path, name, {
        "document_type": "invoice", "vendor_no": "V10000", "vendor_invoice_no": vendor_invoice_no,
        "posting_date": "2026-11-25", "document_date": "2026-11-25", "lines": [
            {"type": "gl_account", "no": "6800", "quantity": "1", "direct_unit_cost": "40.00",
             "vat_prod_posting_group": "HIGH"}]})


def test_invoices_made_of_receipts_deduct_the_prepayment_and_the_prepayment_account_ends_at_zero(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "vendor", "set", "V10000", "--prepayment-pct", "30")
    po = run(db_url, "purchase", "order", "import", write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "1100", "quantity": "10", "direct_unit_cost": "100"}]})).strip()
    ppi = run(db_url, "purchase", "order", "prepayment-invoice", po).strip()
    assert D(vendor_entries(db_url)[ppi]["amount"]) == D("-375.00")  # 30 % of 1000.00 + 25 % VAT
    r1 = run(db_url, "purchase", "order", "receive", po, "--qty", "1=4").strip()
    r2 = run(db_url, "purchase", "order", "receive", po).strip()
    run(db_url, "setup", "prepayments", "--purchase-check", "yes", user="admin")

    # a draft made of the first receipt and deleted before posting: nothing is deducted
    dropped = run(db_url, "purchase", "import", freight_invoice(tmp_path, "x.json", "F-X")).strip()
    run(db_url, "purchase", "get-receipt-lines", dropped, r1)
    run(db_url, "purchase", "delete", dropped)
    assert deducted(db_url, po) == [D(0)]

    first = run(db_url, "purchase", "import", freight_invoice(tmp_path, "a.json", "F-1")).strip()
    run(db_url, "purchase", "get-receipt-lines", first, r1)
    before = rows(db_url, "report", "gl-entries")
    assert "PREPMT-UNPAID" in refused(db_url, "purchase", "post", first)  # Check Prepmt. when Posting
    assert rows(db_url, "report", "gl-entries") == before and deducted(db_url, po) == [D(0)]
    run(db_url, "payments", "apply", "--vendor", "V10000", "--amount", "375.00", "--to", ppi, "--date", "2026-11-21")

    posted1 = run(db_url, "purchase", "post", first).strip()
    # 400.00 + 40.00 freight + 110.00 VAT = 550.00, less 120.00 + 30.00 VAT of the prepayment (4 of 10)
    assert D(vendor_entries(db_url)[posted1]["amount"]) == D("-400.00")
    assert deducted(db_url, po) == [D("120.00")]
    assert balance(db_url, "1570") == D("180.00")

    second = run(db_url, "purchase", "import", freight_invoice(tmp_path, "b.json", "F-2")).strip()
    run(db_url, "purchase", "get-receipt-lines", second, r2)
    posted2 = run(db_url, "purchase", "post", second).strip()
    # 600.00 + 40.00 + 160.00 VAT = 800.00, less the rest of the prepayment 180.00 + 45.00 VAT
    assert D(vendor_entries(db_url)[posted2]["amount"]) == D("-575.00")
    assert deducted(db_url, po) == [D("300.00")]
    assert balance(db_url, "1570") == D(0)
    assert sum((D(r["balance"]) for r in rows(db_url, "report", "trial-balance")), D(0)) == D(0)
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", po, "--json"))
    assert [(d["posted_no"], d["document_type"]) for d in overview["documents"]] == [
        (ppi, "invoice"), (posted1, "deduction"), (posted2, "deduction")]
    assert json.loads(run(db_url, "purchase", "show", po, "--json"))["status"] == "closed"
