"""Correct and Cancel of an invoice posted from an order give the order its lines back (BC 1313 /
1303, UpdatePurchaseOrderLinesFromCancelledInvoice / UpdateSalesOrderLinesFromCancelledInvoice),
through the CLI on SQLite and PostgreSQL, purchase and sales, with the prepayment the invoice
deducted: the credit memo reverses the invoice (the items go back out / come back in against the
receipt's / shipment's entries, the deduction goes back onto the prepayment account), the order
lines' invoiced and received (shipped) quantities and deducted prepayment go back, no stand-alone
draft is made, and the order is received (shipped) and invoiced again, deducting again."""

import json
from decimal import Decimal as D

from sqlalchemy import select

from domain.purchasing.model import PurchaseHeader
from domain.sales.model import SalesHeader
from tests.conftest import make_app
from tests.support.cli import run, refused, rows, balance


def trial_balance_total(db_url) -> D:
    return sum((D(r["balance"]) for r in rows(db_url, "report", "trial-balance")), D(0))


def on_hand(db_url, item) -> D:
    return sum((D(r["quantity"]) for r in rows(db_url, "report", "item-ledger", "--item", item)), D(0))


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def purchase_order(db_url, no):
    """(status, [(received, invoiced, to receive, to invoice, prepmt deducted)]) of order ``no``."""
    application = make_app(db_url)
    try:
        with application.uow() as session:
            order = session.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
            return order.status, [(x.quantity_received, x.quantity_invoiced, x.qty_to_receive, x.qty_to_invoice,
                                   x.prepmt_amt_deducted) for x in order.lines]
    finally:
        application.dispose()


def sales_order(db_url, no):
    """(status, [(shipped, invoiced, to ship, to invoice, prepmt deducted)]) of order ``no``."""
    application = make_app(db_url)
    try:
        with application.uow() as session:
            order = session.scalar(select(SalesHeader).where(SalesHeader.no == no))
            return order.status, [(x.quantity_shipped, x.quantity_invoiced, x.qty_to_ship, x.qty_to_invoice,
                                   x.prepmt_amt_deducted) for x in order.lines]
    finally:
        application.dispose()


def prepaid_purchase_order(db_url, tmp_path) -> str:
    """PO of 10 x 1100 at 100.00 with a 30 % prepayment, invoiced (375.00) and paid."""
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "vendor", "set", "V10000", "--prepayment-pct", "30")
    po = run(db_url, "purchase", "order", "import", write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "1100", "quantity": "10", "direct_unit_cost": "100"}]})).strip()
    ppi = run(db_url, "purchase", "order", "prepayment-invoice", po).strip()
    run(db_url, "payments", "apply", "--vendor", "V10000", "--amount", "375.00", "--to", ppi, "--date", "2026-11-21")
    return po


def test_correcting_a_purchase_order_invoice_reopens_the_order_and_gives_back_its_prepayment_deduction(
        db_url, tmp_path):
    po = prepaid_purchase_order(db_url, tmp_path)
    stock = on_hand(db_url, "1100")
    final = run(db_url, "purchase", "order", "invoice", po, "--receive", "--vendor-invoice-no", "F-1").strip()
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert D(vendor[final]["amount"]) == D("-875.00")  # 1250.00 less the prepayment 375.00
    assert purchase_order(db_url, po) == ("closed", [(D(10), D(10), D(0), D(0), D("300.00"))])
    assert balance(db_url, "1570") == D(0)
    drafts = len(rows(db_url, "purchase", "list"))

    memo, reopened = run(db_url, "purchase", "correct", final).split()
    assert memo.startswith("PPCM-") and reopened == po  # the order, not a new draft
    assert len(rows(db_url, "purchase", "list")) == drafts + 1  # the corrective credit memo's draft only
    assert purchase_order(db_url, po) == ("open", [(D(0), D(0), D(10), D(0), D(0))])
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert (D(vendor[memo]["amount"]), vendor[memo]["open"], vendor[final]["open"]) == (D("875.00"), False, False)
    assert balance(db_url, "1570") == D("300.00")  # the prepayment stands again, to be deducted again
    assert on_hand(db_url, "1100") == stock  # the receipt stays posted; the credit memo took the items back out
    assert trial_balance_total(db_url) == D(0)
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", po, "--json"))
    assert [(d["posted_no"], d["document_type"], D(d["amount"])) for d in overview["documents"]][1:] == [
        (final, "deduction", D("300.00")), (memo, "deduction", D("-300.00"))]
    assert "PURCH-CANCEL-MEMO-REOPENED-ORDER" in refused(db_url, "purchase", "cancel", memo)

    again = run(db_url, "purchase", "order", "invoice", po, "--receive", "--vendor-invoice-no", "F-2").strip()
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert D(vendor[again]["amount"]) == D("-875.00")
    assert purchase_order(db_url, po) == ("closed", [(D(10), D(10), D(0), D(0), D("300.00"))])
    assert balance(db_url, "1570") == D(0) and on_hand(db_url, "1100") == stock + 10

    # Cancel gives the order its lines back too
    run(db_url, "purchase", "cancel", again)
    assert purchase_order(db_url, po) == ("open", [(D(0), D(0), D(10), D(0), D(0))])
    assert balance(db_url, "1570") == D("300.00") and trial_balance_total(db_url) == D(0)


def test_cancelling_one_of_two_receipt_invoices_reopens_only_its_part_of_the_order(db_url, tmp_path):
    po = prepaid_purchase_order(db_url, tmp_path)
    run(db_url, "purchase", "order", "receive", po, "--qty", "1=4")
    first = run(db_url, "purchase", "order", "invoice", po, "--vendor-invoice-no", "F-1").strip()
    run(db_url, "purchase", "order", "receive", po)
    second = run(db_url, "purchase", "order", "invoice", po, "--vendor-invoice-no", "F-2").strip()
    assert purchase_order(db_url, po) == ("closed", [(D(10), D(10), D(0), D(0), D("300.00"))])
    run(db_url, "purchase", "cancel", first)  # 4 of 10, 120.00 of the prepayment
    assert purchase_order(db_url, po) == ("open", [(D(6), D(6), D(4), D(0), D("180.00"))])
    assert balance(db_url, "1570") == D("120.00")
    third = run(db_url, "purchase", "order", "invoice", po, "--receive", "--vendor-invoice-no", "F-3").strip()
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert D(vendor[third]["amount"]) == D("-500.00") + D("150.00")  # 400.00 + VAT, less 120.00 + VAT
    assert purchase_order(db_url, po) == ("closed", [(D(10), D(10), D(0), D(0), D("300.00"))])
    assert balance(db_url, "1570") == D(0) and trial_balance_total(db_url) == D(0)
    assert second != third


def test_correcting_a_sales_order_invoice_reopens_the_order_and_gives_back_its_prepayment_deduction(
        db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "customer", "set", "C10000", "--prepayment-pct", "30")
    stock = tmp_path / "stock.csv"
    stock.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n"
                     "2026-11-01,purchase,1100,MAIN,10,245,\n")
    run(db_url, "journal", "post", str(stock))
    so = run(db_url, "sales", "order", "import", write(tmp_path, "so.json", {
        "customer_no": "C10000", "posting_date": "2026-11-22", "lines": [
            {"type": "item", "no": "1100", "quantity": "2", "unit_price": "349", "location": "MAIN"}]})).strip()
    psi = run(db_url, "sales", "order", "prepayment-invoice", so).strip()
    run(db_url, "payments", "apply", "--customer", "C10000", "--amount", "261.75", "--to", psi, "--date", "2026-11-23")
    out = run(db_url, "sales", "post", so)
    final = next(word for word in out.split() if word.startswith("PSI-") and word != psi)
    assert sales_order(db_url, so) == ("closed", [(D(2), D(2), D(0), D(0), D("209.40"))])
    assert balance(db_url, "2900") == D(0) and on_hand(db_url, "1100") == D(8)

    memo, reopened = run(db_url, "sales", "correct", final).split()
    assert memo.startswith("PSCM-") and reopened == so
    assert sales_order(db_url, so) == ("open", [(D(0), D(0), D(2), D(0), D(0))])
    customer = {r["document_no"]: r for r in rows(db_url, "report", "customer-ledger")}
    assert (D(customer[memo]["amount"]), customer[memo]["open"], customer[final]["open"]) == (
        D("-610.75"), False, False)  # 872.50 less the prepayment 261.75
    assert balance(db_url, "2900") == D("-209.40")  # the prepayment stands again
    assert on_hand(db_url, "1100") == D(10)  # the shipment stays posted; the credit memo took the items back
    assert trial_balance_total(db_url) == D(0)
    assert "SALES-CANCEL-MEMO-REOPENED-ORDER" in refused(db_url, "sales", "cancel", memo)

    out = run(db_url, "sales", "post", so)
    again = next(word for word in out.split() if word.startswith("PSI-") and word not in (psi, final))
    customer = {r["document_no"]: r for r in rows(db_url, "report", "customer-ledger")}
    assert D(customer[again]["amount"]) == D("610.75")
    assert sales_order(db_url, so) == ("closed", [(D(2), D(2), D(0), D(0), D("209.40"))])
    assert balance(db_url, "2900") == D(0) and on_hand(db_url, "1100") == D(8)

    run(db_url, "sales", "cancel", again)  # Cancel gives the order its lines back too
    assert sales_order(db_url, so) == ("open", [(D(0), D(0), D(2), D(0), D(0))])
    assert balance(db_url, "2900") == D("-209.40") and trial_balance_total(db_url) == D(0)
