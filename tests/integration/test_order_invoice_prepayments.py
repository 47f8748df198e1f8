"""Invoices assembled from posted receipts deduct the order's prepayment as the order's own final
invoice does (BC Purch.-Get Receipt copies Prepmt Amt to Deduct), through the CLI on SQLite and
PostgreSQL: an order with a 30 % prepayment, its prepayment invoice, two receipts, one invoice
per receipt made by ``purchase get-receipt-lines``; "Check Prepmt. when Posting" holds such an
invoice while the prepayment is unpaid, and a draft deleted before posting deducts nothing."""

import json
from decimal import Decimal as D
from tests.support.cli import run, refused, rows, balance


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


def customer_entries(db_url) -> dict[str, dict]:
    return {r["document_no"]: r for r in rows(db_url, "report", "customer-ledger")}


def sales_deducted(db_url, order_no) -> list[D]:
    overview = json.loads(run(db_url, "sales", "order", "prepayments", order_no, "--json"))
    return [D(x["deducted"]) for x in overview["lines"]]


def freight_sales_invoice(tmp_path, name) -> str:
    """A draft sales invoice with a freight line (40.00 + 25 % VAT); shipment lines are added to it."""
    return write(tmp_path, name, {"customer_no": "C10000", "posting_date": "2026-11-25", "lines": [
        {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "40.00", "vat_prod_posting_group": "HIGH"}]})


def first_word(output: str, prefix: str) -> str:
    return next(word for word in output.split() if word.startswith(prefix))


def on_hand(db_url, item) -> D:
    return sum((D(r["quantity"]) for r in rows(db_url, "report", "item-ledger", "--item", item)), D(0))


def test_sales_invoices_made_of_shipments_deduct_the_prepayment_and_cancelling_one_reopens_its_part(
        db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "customer", "set", "C10000", "--prepayment-pct", "30")
    stock = tmp_path / "stock.csv"
    stock.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n"
                     "2026-11-01,purchase,1100,MAIN,10,245,\n")
    run(db_url, "journal", "post", str(stock))
    so = run(db_url, "sales", "order", "import", write(tmp_path, "so.json", {
        "customer_no": "C10000", "posting_date": "2026-11-22", "lines": [
            {"type": "item", "no": "1100", "quantity": "4", "unit_price": "100", "location": "MAIN"}]})).strip()
    psi = run(db_url, "sales", "order", "prepayment-invoice", so).strip()
    assert D(customer_entries(db_url)[psi]["amount"]) == D("150.00")  # 30 % of 400.00 + 25 % VAT
    s1 = first_word(run(db_url, "sales", "ship", so, "--qty", "1=1"), "PSS-")
    s2 = first_word(run(db_url, "sales", "ship", so), "PSS-")
    assert s1.startswith("PSS-") and s2.startswith("PSS-") and on_hand(db_url, "1100") == D(6)
    run(db_url, "setup", "prepayments", "--sales-check", "yes", user="admin")

    dropped = first_word(run(db_url, "sales", "invoice", "import", freight_sales_invoice(tmp_path, "x.json")), "SI-")
    assert "1 line(s) added" in run(db_url, "sales", "get-shipment-lines", dropped, s1)
    run(db_url, "sales", "delete", dropped)
    assert sales_deducted(db_url, so) == [D(0)]

    first = first_word(run(db_url, "sales", "invoice", "import", freight_sales_invoice(tmp_path, "a.json")), "SI-")
    run(db_url, "sales", "get-shipment-lines", first, s1)
    assert "0 line(s) added" in run(db_url, "sales", "get-shipment-lines", first, s1)  # already on it
    assert "PREPMT-UNPAID" in refused(db_url, "sales", "post", first)
    assert "SALES-SHIPMENT-NOT-FOR-CUSTOMER" in refused(db_url, "sales", "get-shipment-lines", first, psi)
    run(db_url, "payments", "apply", "--customer", "C10000", "--amount", "150.00", "--to", psi, "--date", "2026-11-23")
    posted1 = first_word(run(db_url, "sales", "post", first), "PSI-")
    # 100.00 + 40.00 freight + 35.00 VAT = 175.00, less 30.00 + 7.50 VAT of the prepayment (1 of 4)
    assert D(customer_entries(db_url)[posted1]["amount"]) == D("137.50")
    assert sales_deducted(db_url, so) == [D("30.00")]

    second = first_word(run(db_url, "sales", "invoice", "import", freight_sales_invoice(tmp_path, "b.json")), "SI-")
    run(db_url, "sales", "get-shipment-lines", second, s2)
    posted2 = first_word(run(db_url, "sales", "post", second), "PSI-")
    # 300.00 + 40.00 + 85.00 VAT = 425.00, less the rest of the prepayment 90.00 + 22.50 VAT
    assert D(customer_entries(db_url)[posted2]["amount"]) == D("312.50")
    assert sales_deducted(db_url, so) == [D("120.00")]
    assert balance(db_url, "2900") == D(0) and on_hand(db_url, "1100") == D(6)
    assert sum((D(r["balance"]) for r in rows(db_url, "report", "trial-balance")), D(0)) == D(0)
    order = json.loads(run(db_url, "sales", "show", so, "--json"))
    assert order["status"] == "closed"
    assert [(D(x["quantity_shipped"]), D(x["quantity_invoiced"])) for x in order["lines"]] == [(D(4), D(4))]
    entries = [r for r in rows(db_url, "report", "item-ledger", "--item", "1100") if D(r["quantity"]) < 0]
    assert sorted(D(r["quantity"]) for r in entries) == [D(-3), D(-1)]  # invoiced on the shipments' entries

    run(db_url, "sales", "cancel", posted1)  # the order gets that shipment's part back
    order = json.loads(run(db_url, "sales", "show", so, "--json"))
    assert order["status"] == "open"
    assert [(D(x["quantity_shipped"]), D(x["quantity_invoiced"])) for x in order["lines"]] == [(D(3), D(3))]
    assert sales_deducted(db_url, so) == [D("90.00")]
    assert balance(db_url, "2900") == D("-30.00") and on_hand(db_url, "1100") == D(7)
    assert sum((D(r["balance"]) for r in rows(db_url, "report", "trial-balance")), D(0)) == D(0)
