"""Prepayments end to end through the CLI on SQLite and PostgreSQL (BC "Create Prepayment
Invoices", "Walkthrough: Setting Up and Invoicing Sales Prepayments"): an order with a 30 %
prepayment, its prepayment invoice (G/L on the prepayment account, VAT, the vendor / customer
ledger), the payment, the receipt / shipment, the final invoice that deducts the prepayment
line by line, the trial balance at zero and the prepayment account back at zero; the
prepayment credit memo; the check that holds a shipment until the prepayment is paid; the
refusals with their codes, exit status 2 and nothing written."""

import io
import json
from decimal import Decimal as D

import pdfplumber
from tests.support.cli import run, refused, rows, balance


def document_gl(db_url, no) -> dict[str, D]:
    totals: dict[str, D] = {}
    for r in rows(db_url, "report", "gl-entries", "--document", no):
        totals[r["gl_account_no"]] = totals.get(r["gl_account_no"], D(0)) + D(r["amount"])
    return totals


def trial_balance_total(db_url) -> D:
    return sum((D(r["balance"]) for r in rows(db_url, "report", "trial-balance")), D(0))


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def entry_count(db_url) -> int:
    return len(rows(db_url, "report", "gl-entries"))


def test_a_purchase_order_with_a_30_pct_prepayment_is_prepaid_received_and_invoiced_net_of_it(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "vendor", "set", "V10000", "--prepayment-pct", "30")
    order = write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "1100", "quantity": "10", "direct_unit_cost": "245"},
            {"type": "item", "no": "1000", "quantity": "4", "direct_unit_cost": "189", "prepayment_pct": "50"}]})
    po = run(db_url, "purchase", "order", "import", order).strip()
    assert "PREPMT-NOTHING-TO-CREDIT" in refused(db_url, "purchase", "order", "prepayment-credit-memo", po)

    ppi = run(db_url, "purchase", "order", "prepayment-invoice", po).strip()
    # 30 % of 2450.00 and 50 % of 756.00 on 1570 Forskudd til leverandører, VAT 25 % / 15 %
    assert document_gl(db_url, ppi) == {"1570": D("1113.00"), "2710": D("183.75"), "2711": D("56.70"),
                                        "2400": D("-1353.45")}
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert (D(vendor[ppi]["amount"]), vendor[ppi]["open"]) == (D("-1353.45"), True)
    assert "PREPMT-NOTHING-TO-INVOICE" in refused(db_url, "purchase", "order", "prepayment-invoice", po)
    assert "PREPMT-CANNOT-CANCEL" in refused(db_url, "purchase", "cancel", ppi)  # its credit memo takes it back

    run(db_url, "payments", "apply", "--vendor", "V10000", "--amount", "1353.45", "--to", ppi,
        "--date", "2026-11-21")
    run(db_url, "purchase", "order", "receive", po)
    final = run(db_url, "purchase", "order", "invoice", po, "--vendor-invoice-no", "F-2026-77").strip()
    # 3206.00 + VAT 725.90 = 3931.90, less the prepayment 1353.45: the vendor is owed the rest
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert D(vendor[final]["amount"]) == D("-2578.45")
    assert vendor[ppi]["open"] is False
    assert document_gl(db_url, final)["1570"] == D("-1113.00")
    assert balance(db_url, "1570") == D(0)
    assert balance(db_url, "2710") + balance(db_url, "2711") == D("725.90")
    assert trial_balance_total(db_url) == D(0)
    # cancelling ``final`` now gives the order its lines and deduction back: test_order_invoice_corrections.py
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", po, "--json"))
    assert [(D(x["prepayment_pct"]), D(x["prepayment"]), D(x["invoiced"]), D(x["deducted"]))
            for x in overview["lines"]] == [(D(30), D("735.00"), D("735.00"), D("735.00")),
                                             (D(50), D("378.00"), D("378.00"), D("378.00"))]
    assert [(d["posted_no"], d["document_type"], d["open"]) for d in overview["documents"]] == [
        (ppi, "invoice", False), (final, "deduction", False)]
    deductions = [r for r in rows(db_url, "report", "gl-entries", "--document", final) if r["gl_account_no"] == "1570"]
    assert sorted(D(r["amount"]) for r in deductions) == [D("-735.00"), D("-378.00")]  # line by line


def test_a_prepayment_credit_memo_takes_back_what_was_prepaid_and_closes_the_prepayment_invoice(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    order = write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "prepayment_pct": "40",
        "lines": [{"type": "item", "no": "1100", "quantity": "4", "direct_unit_cost": "250"}]})
    po = run(db_url, "purchase", "order", "import", order).strip()
    ppi = run(db_url, "purchase", "order", "prepayment-invoice", po).strip()
    memo = run(db_url, "purchase", "order", "prepayment-credit-memo", po).strip()
    assert document_gl(db_url, memo) == {"1570": D("-400.00"), "2710": D("-100.00"), "2400": D("500.00")}
    vendor = {r["document_no"]: r for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    assert (vendor[ppi]["open"], vendor[memo]["open"]) == (False, False)
    assert balance(db_url, "1570") == D(0)
    assert "PREPMT-NOTHING-TO-CREDIT" in refused(db_url, "purchase", "order", "prepayment-credit-memo", po)
    # the order is invoiced in full afterwards with nothing to deduct
    run(db_url, "purchase", "order", "invoice", po, "--receive", "--vendor-invoice-no", "F-9")
    assert balance(db_url, "1570") == D(0) and trial_balance_total(db_url) == D(0)


def test_a_sales_order_ships_only_once_its_prepayment_invoice_is_paid(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    run(db_url, "setup", "prepayments", "--sales-check", "yes", user="admin")
    run(db_url, "customer", "set", "C10000", "--prepayment-pct", "30")
    stock = tmp_path / "stock.csv"
    stock.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,lot_no\n"
                     "2026-11-01,purchase,1100,MAIN,10,245,\n")
    run(db_url, "journal", "post", str(stock))
    order = write(tmp_path, "so.json", {"customer_no": "C10000", "posting_date": "2026-11-22", "lines": [
        {"type": "item", "no": "1100", "quantity": "2", "unit_price": "349", "location": "MAIN"}]})
    so = run(db_url, "sales", "order", "import", order).strip()
    before = entry_count(db_url)
    assert "PREPMT-UNPAID" in refused(db_url, "sales", "ship", so)
    assert entry_count(db_url) == before

    psi = run(db_url, "sales", "order", "prepayment-invoice", so).strip()
    # 30 % of 698.00 on 2900 Forskudd fra kunder, 25 % VAT, the customer owes 261.75
    assert document_gl(db_url, psi) == {"2900": D("-209.40"), "2700": D("-52.35"), "1500": D("261.75")}
    customer = {r["document_no"]: r for r in rows(db_url, "report", "customer-ledger")}
    assert (D(customer[psi]["amount"]), customer[psi]["open"]) == (D("261.75"), True)
    assert "PREPMT-UNPAID" in refused(db_url, "sales", "ship", so)
    assert "PREPMT-UNPAID" in refused(db_url, "sales", "post", so)
    assert "PREPMT-CANNOT-CANCEL" in refused(db_url, "sales", "cancel", psi)
    overview = json.loads(run(db_url, "sales", "order", "prepayments", so, "--json"))
    assert [(d["posted_no"], D(d["amount_including_vat"]), d["open"]) for d in overview["documents"]] == [
        (psi, D("261.75"), True)]

    pdf = tmp_path / "prepayment.pdf"
    run(db_url, "sales", "render", psi, "--pdf", str(pdf), "--language", "en")
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    assert "Prepayment Invoice" in text and psi in text and so in text and "261.75" in text

    run(db_url, "payments", "apply", "--customer", "C10000", "--amount", "261.75", "--to", psi,
        "--date", "2026-11-23")
    run(db_url, "sales", "ship", so)
    final = run(db_url, "sales", "invoice", so)
    final_no = next(word for word in final.split() if word.startswith("PSI-") and word != psi)
    customer = {r["document_no"]: r for r in rows(db_url, "report", "customer-ledger")}
    assert D(customer[final_no]["amount"]) == D("872.50") - D("261.75")
    assert document_gl(db_url, final_no)["2900"] == D("209.40")
    assert balance(db_url, "2900") == D(0)
    assert trial_balance_total(db_url) == D(0)


def test_prepayment_refusals_have_codes_exit_2_and_write_nothing(db_url, tmp_path):
    run(db_url, "init", "--country", "NO", "--demo")
    for pct in ("101", "-1"):
        bad = write(tmp_path, f"bad{pct}.json", {
            "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "lines": [
                {"type": "item", "no": "1100", "quantity": "1", "direct_unit_cost": "10", "prepayment_pct": pct}]})
        assert "PREPMT-PCT-OUT-OF-RANGE" in refused(db_url, "purchase", "order", "import", bad)
    header = write(tmp_path, "header.json", {"customer_no": "C10000", "prepayment_pct": "150",
                                             "lines": [{"type": "item", "no": "1100", "quantity": "1"}]})
    assert "PREPMT-PCT-OUT-OF-RANGE" in refused(db_url, "sales", "order", "import", header)
    invoice = write(tmp_path, "invoice.json", {"customer_no": "C10000", "prepayment_pct": "10",
                                               "lines": [{"type": "item", "no": "1100", "quantity": "1"}]})
    assert "IMPORT-UNKNOWN-KEY" in refused(db_url, "sales", "invoice", "import", invoice)
    back = write(tmp_path, "return.json", {"document_type": "return_order", "vendor_no": "V10000",
                                           "prepayment_pct": "10", "lines": [
                                               {"type": "item", "no": "1100", "quantity": "1", "direct_unit_cost": "1"}]})
    assert "IMPORT-UNKNOWN-KEY" in refused(db_url, "purchase", "return-order", "import", back)
    assert rows(db_url, "purchase", "list") == [] and rows(db_url, "sales", "list") == []
    assert "PREPMT-PCT-OUT-OF-RANGE" in refused(db_url, "customer", "set", "C10000", "--prepayment-pct", "100.5")
    assert "PREPMT-PCT-OUT-OF-RANGE" in refused(db_url, "item", "set", "1100", "--prepayment-pct", "-5")
    assert "SETUP-UNKNOWN-ACCOUNT" in refused(db_url, "setup", "prepayments", "--sales-account", "9999",
                                              user="admin")
    # an order without a prepayment has nothing due; one whose setup lacks the account is refused
    plain = write(tmp_path, "plain.json", {"customer_no": "C10000", "posting_date": "2026-11-22",
                                           "lines": [{"type": "item", "no": "9000", "quantity": "1"}]})
    so = run(db_url, "sales", "order", "import", plain).strip()
    assert "PREPMT-NOTHING-TO-INVOICE" in refused(db_url, "sales", "order", "prepayment-invoice", so)
    assert "PREPMT-NOTHING-TO-CREDIT" in refused(db_url, "sales", "order", "prepayment-credit-memo", so)
    run(db_url, "item", "set", "9000", "--prepayment-pct", "20")  # the item's % wins over the customer's 0
    quote = run(db_url, "sales", "quote", "import", plain).strip()
    so = run(db_url, "sales", "make-order", quote).strip().split()[-1]  # an order made from a quote takes it too
    setup = json.loads(run(db_url, "setup", "prepayments", "--json"))
    assert {r["sales_prepayments_account"] for r in setup["general_posting_setup"]} == {"2900"}
    with_account = json.loads(run(db_url, "setup", "prepayments", "--sales-account", "", "--gen-prod", "SERVICES",
                                  "--json", user="admin"))
    assert with_account is not None
    before = entry_count(db_url)
    assert "PREPMT-ACCOUNT-MISSING" in refused(db_url, "sales", "order", "prepayment-invoice", so)
    assert entry_count(db_url) == before
    # the purchase side's check holds the receipt of an order whose prepayment is not invoiced
    run(db_url, "setup", "prepayments", "--purchase-check", "yes", user="admin")
    prepaid = write(tmp_path, "prepaid.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "prepayment_pct": "10",
        "lines": [{"type": "item", "no": "1100", "quantity": "1", "direct_unit_cost": "100"}]})
    po = run(db_url, "purchase", "order", "import", prepaid).strip()
    assert "PREPMT-UNPAID" in refused(db_url, "purchase", "order", "receive", po)
    assert "PREPMT-UNPAID" in refused(db_url, "purchase", "order", "invoice", po, "--receive",
                                      "--vendor-invoice-no", "F-1")
    assert entry_count(db_url) == before


def _partial_invoices(db_url, side, no, parts):
    posted = []
    for index, quantities in enumerate(parts, start=1):
        qty = [arg for line_no, q in quantities.items() for arg in ("--qty", f"{line_no}={q}")]
        if side == "purchase":
            posted.append(run(db_url, "purchase", "order", "invoice", no, "--receive", "--vendor-invoice-no",
                              f"F-{no}-{index}", *qty).strip())
        else:
            output = run(db_url, "sales", "post", no, *qty)
            posted.append(next(word for word in output.split() if word.startswith("PSI-")))
    return posted


def test_an_order_with_prices_including_vat_ends_with_its_prepayment_and_the_vat_on_it_at_exactly_zero(
        db_url, tmp_path):
    """Regression: with prices including VAT the deductions of three partial invoices took the VAT
    out per document, and the prepayment account kept -0.01 (purchase) / 0.01 (sales)."""
    run(db_url, "init", "--country", "NO", "--demo")
    po = run(db_url, "purchase", "order", "import", write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "prices_including_vat": True,
        "prepayment_pct": "33", "lines": [
            {"type": "item", "no": "1100", "quantity": "7", "direct_unit_cost": "13.37"},
            {"type": "item", "no": "1000", "quantity": "5", "direct_unit_cost": "9.99", "line_discount_pct": "3"}]})
               ).strip()
    ppi = run(db_url, "purchase", "order", "prepayment-invoice", po).strip()
    # 33 % of 93.59 and of 48.45 (incl. VAT): 30.88 with VAT 6.18 (25 %), 15.99 with VAT 2.09 (15 %)
    assert document_gl(db_url, ppi) == {"1570": D("38.60"), "2710": D("6.18"), "2711": D("2.09"),
                                        "2400": D("-46.87")}
    finals = _partial_invoices(db_url, "purchase", po, [{1: 2, 2: 1}, {1: 3, 2: 2}, {1: 2, 2: 2}])
    assert balance(db_url, "1570") == D(0)
    deducted = [document_gl(db_url, no) for no in finals]
    assert sum((gl["1570"] for gl in deducted), D(0)) == D("-38.60")
    overview = json.loads(run(db_url, "purchase", "order", "prepayments", po, "--json"))
    assert [(D(x["invoiced"]), D(x["deducted"])) for x in overview["lines"]] == [
        (D("30.88"), D("30.88")), (D("15.99"), D("15.99"))]
    vendor = {r["document_no"]: D(r["amount"]) for r in rows(db_url, "report", "vendor-ledger", "--vendor", "V10000")}
    # what the vendor is owed in all is the three final invoices' own lines: 93.59 + 48.45
    assert sum(vendor.values(), D(0)) == D("-142.04")
    assert trial_balance_total(db_url) == D(0)

    so = run(db_url, "sales", "order", "import", write(tmp_path, "so.json", {
        "customer_no": "C10000", "posting_date": "2026-11-22", "prices_including_vat": True, "prepayment_pct": "33",
        "lines": [{"type": "item", "no": "9000", "quantity": "7", "unit_price": "13.37"},
                  {"type": "item", "no": "9000", "quantity": "5", "unit_price": "9.99", "line_discount_pct": "3",
                   "vat_prod_posting_group": "MEDIUM"}]})).strip()
    psi = run(db_url, "sales", "order", "prepayment-invoice", so).strip()
    assert document_gl(db_url, psi)["2900"] == D("-38.60")
    _partial_invoices(db_url, "sales", so, [{1: 2, 2: 1}, {1: 3, 2: 2}, {1: 2, 2: 2}])
    assert balance(db_url, "2900") == D(0)
    customer = {r["document_no"]: D(r["amount"]) for r in rows(db_url, "report", "customer-ledger")}
    assert sum(customer.values(), D(0)) == D("142.04")
    assert trial_balance_total(db_url) == D(0)


def _shown(db_url, side, no) -> dict:
    """The whole document as ``show --json`` prints it (header with its version, every line)."""
    return json.loads(run(db_url, side, "show", no, "--json"))


def test_a_line_whose_prepayment_is_invoiced_keeps_its_no_vat_group_and_prepayment_and_stays(db_url, tmp_path):
    """BC (Purchase Line / Sales Line): with Prepmt. Amt. Inv. not 0 a line's type, no., VAT group and
    prepayment cannot go, nor can the order's prices including VAT or vendor; refused with a code,
    exit 2 and nothing written, on both sides; after the prepayment credit memo the line is free."""
    run(db_url, "init", "--country", "NO", "--demo")
    po = run(db_url, "purchase", "order", "import", write(tmp_path, "po.json", {
        "document_type": "order", "vendor_no": "V10000", "posting_date": "2026-11-20", "prepayment_pct": "30",
        "lines": [{"type": "item", "no": "1100", "quantity": "10", "direct_unit_cost": "245"},
                  {"type": "item", "no": "1000", "quantity": "4", "direct_unit_cost": "189"}]})).strip()
    run(db_url, "purchase", "order", "prepayment-invoice", po)
    before = (_shown(db_url, "purchase", po), entry_count(db_url))
    assert "PURCH-LINE-PREPAID" in refused(db_url, "purchase", "line", "set", po, "1", "no=1200")
    assert "PURCH-LINE-PREPAID" in refused(db_url, "purchase", "line", "set", po, "2",
                                           "vat_prod_posting_group=HIGH")
    assert "PURCH-LINE-PREPAID" in refused(db_url, "purchase", "set", po, "vat_prod_posting_group=HIGH",
                                           "--line", "2")
    assert "PURCH-LINE-PREPAID" in refused(db_url, "purchase", "line", "remove", po, "1")
    # 30 % of 9 x 245 = 661.50 is less than the 735.00 invoiced; of 10 x 200 too
    out = refused(db_url, "purchase", "line", "set", po, "1", "quantity=9")
    assert "PURCH-LINE-BELOW-PREPAID" in out and "661.50" in out and "735.00" in out
    assert "PURCH-LINE-BELOW-PREPAID" in refused(db_url, "purchase", "set", po, "direct_unit_cost=200",
                                                 "--line", "1")
    assert "PURCH-ORDER-PREPAID" in refused(db_url, "purchase", "set", po, "prices_including_vat=true")
    assert "PURCH-ORDER-PREPAID" in refused(db_url, "purchase", "set", po, "vendor_no=V20000")
    assert (_shown(db_url, "purchase", po), entry_count(db_url)) == before
    # more is fine (the difference is due as prepayment), and so are other header fields
    run(db_url, "purchase", "line", "set", po, "1", "quantity=12")
    run(db_url, "purchase", "set", po, "posting_date=2026-11-21")
    # the credit memo gives the lines back
    run(db_url, "purchase", "order", "prepayment-credit-memo", po)
    run(db_url, "purchase", "line", "set", po, "2", "vat_prod_posting_group=HIGH")
    run(db_url, "purchase", "line", "remove", po, "1")

    so = run(db_url, "sales", "order", "import", write(tmp_path, "so.json", {
        "customer_no": "C10000", "posting_date": "2026-11-22", "prepayment_pct": "40",
        "lines": [{"type": "item", "no": "9000", "quantity": "3", "unit_price": "950"}]})).strip()
    run(db_url, "sales", "order", "prepayment-invoice", so)
    before = (_shown(db_url, "sales", so), entry_count(db_url))
    assert "SALES-LINE-PREPAID" in refused(db_url, "sales", "line", "set", so, "1", "vat_prod_posting_group=MEDIUM")
    assert "SALES-LINE-PREPAID" in refused(db_url, "sales", "line", "set", so, "1", "no=1100", "unit_price=950")
    assert "SALES-LINE-PREPAID" in refused(db_url, "sales", "line", "remove", so, "1")
    out = refused(db_url, "sales", "line", "set", so, "1", "unit_price=900")
    assert "SALES-LINE-BELOW-PREPAID" in out and "1080.00" in out and "1140.00" in out
    assert "SALES-LINE-BELOW-PREPAID" in refused(db_url, "sales", "line", "set", so, "1", "line_discount_pct=10")
    assert (_shown(db_url, "sales", so), entry_count(db_url)) == before
    run(db_url, "sales", "line", "set", so, "1", "quantity=4")
    run(db_url, "sales", "set", so, "exchange_rate=1")
