"""The ledger invariants the simulation checks after every step (issue 12, "The simulation").

Each check is a plain function of a read-only connection (and, for the quantities, the
machine's reference model) that raises :class:`LedgerBroken` naming what broke;
:data:`CHECKS` lists them in the order they run. They read the tables with plain SQL
(the same on SQLite and PostgreSQL; a step runs them all, so they must be cheap) and,
for the inventory accounts, the existing report
``domain.costing.reports.inventory_reconciliation``; never through the services under test.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import Connection, text

from domain.app import App
from domain.costing import reports as costing_reports

ZERO = Decimal(0)


class LedgerBroken(AssertionError):
    """An invariant of the books does not hold."""


AMOUNT, QTY = 2, 5  # decimals of amount and quantity columns (domain.orm)


def _dec(value, scale: int = AMOUNT, conn: Connection | None = None) -> Decimal:
    """A value read with plain SQL; SQLite keeps these columns as integers in units of their
    scale (domain.orm.ExactNumeric), so it is scaled back there."""
    if value is None:
        return ZERO
    number = Decimal(str(value))
    if conn is not None and conn.dialect.name == "sqlite":
        number = number.scaleb(-scale)
    return number.quantize(Decimal(1).scaleb(-scale))


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise LedgerBroken(message)


def _rows(conn: Connection, sql: str, **params) -> list:
    return conn.execute(text(sql), params).all()


def gl_balances(conn: Connection, model) -> None:
    """Every G/L transaction balances, so the whole ledger does; debit - credit = amount."""
    unbalanced = _rows(conn, "SELECT transaction_no, SUM(amount) FROM gl_entry GROUP BY transaction_no "
                             "HAVING SUM(amount) <> 0")
    wrong_sides = _rows(conn, "SELECT entry_no FROM gl_entry WHERE debit_amount - credit_amount <> amount")
    _require(not unbalanced, f"unbalanced G/L transactions (transaction, sum): {unbalanced[:5]}")
    _require(not wrong_sides, f"G/L entries whose debit - credit differs from the amount: {wrong_sides[:5]}")


def _gl_by_account(conn: Connection) -> dict[str, Decimal]:
    return {a: _dec(v, AMOUNT, conn) for a, v in _rows(conn, "SELECT gl_account_no, SUM(amount) FROM gl_entry "
                                                             "GROUP BY gl_account_no")}


def _subledger(conn: Connection, gl: dict, party: str, group_table: str, account: str) -> None:
    accounts = {a for (a,) in _rows(conn, f"SELECT {account} FROM {group_table}")}
    control = sum((gl.get(a, ZERO) for a in accounts), ZERO)
    subledger = _dec(conn.execute(text(f"SELECT SUM(amount_lcy) FROM detailed_{party}_ledger_entry")).scalar(),
                     AMOUNT, conn)
    _require(control == subledger, f"{party} control account(s) {sorted(accounts)} hold {control} but the "
                                   f"{party} ledger (detailed entries, LCY) holds {subledger}")
    wrong = [r for r in _rows(conn, f"""
        SELECT e.entry_no, e.remaining_amount, d.amount, e.open FROM {party}_ledger_entry e
        JOIN (SELECT {party}_ledger_entry_no AS no, SUM(amount) AS amount FROM detailed_{party}_ledger_entry
              GROUP BY {party}_ledger_entry_no) d ON d.no = e.entry_no""")
             if r[1] != r[2] or bool(r[3]) != (r[1] != 0)]
    _require(not wrong, f"{party} ledger entries whose remaining amount or open flag disagrees with their "
                        f"detailed entries (entry, remaining, detailed sum, open): {wrong[:5]}")
    open_lcy, foreign = ZERO, 0
    for amount, amount_lcy, remaining in _rows(conn, f"SELECT amount, amount_lcy, remaining_amount "
                                                     f"FROM {party}_ledger_entry WHERE remaining_amount <> 0"):
        if amount == amount_lcy:
            open_lcy += _dec(remaining, AMOUNT, conn)
        else:  # a foreign-currency entry: its remaining amount at the entry's own rate
            foreign += 1
            rate = Decimal(amount_lcy) / Decimal(amount)
            open_lcy += (_dec(remaining, AMOUNT, conn) * rate).quantize(Decimal("0.01"))
    _require(abs(control - open_lcy) <= Decimal("0.01") * foreign,
             f"{party} control account(s) {sorted(accounts)} hold {control} but the open {party} ledger entries "
             f"add up to {open_lcy} in local currency")


def control_accounts(conn: Connection, model) -> None:
    """Payables equal the vendor ledger, receivables the customer ledger (in local currency)."""
    gl = _gl_by_account(conn)
    _subledger(conn, gl, "vendor", "vendor_posting_group", "payables_account")
    _subledger(conn, gl, "customer", "customer_posting_group", "receivables_account")


def vat_accounts(conn: Connection, model) -> None:
    """Each VAT account holds exactly what the VAT entries project onto it."""
    setups = {(bus, prod): (sales, purchase, reverse) for bus, prod, sales, purchase, reverse in _rows(
        conn, "SELECT vat_bus_posting_group, vat_prod_posting_group, sales_vat_account, purchase_vat_account, "
              "reverse_chrg_vat_account FROM vat_posting_setup")}
    accounts = {a for accounts in setups.values() for a in accounts if a}
    projected: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for kind, bus, prod, calc, amount in _rows(conn, """
            SELECT type, vat_bus_posting_group, vat_prod_posting_group, vat_calculation_type, SUM(amount)
            FROM vat_entry GROUP BY type, vat_bus_posting_group, vat_prod_posting_group, vat_calculation_type"""):
        sales, purchase, reverse = setups[(bus, prod)]
        if kind == "sale":
            projected[sales] += _dec(amount, AMOUNT, conn)
        else:
            projected[purchase] += _dec(amount, AMOUNT, conn)
            if calc == "reverse_charge":
                projected[reverse] -= _dec(amount, AMOUNT, conn)
    gl = _gl_by_account(conn)
    wrong = {a: (gl.get(a, ZERO), projected.get(a, ZERO)) for a in sorted(accounts)
             if gl.get(a, ZERO) != projected.get(a, ZERO)}
    _require(not wrong, f"VAT accounts differ from the VAT entries (account: G/L, VAT entries): {wrong}")


def inventory_accounts(app: App, model) -> None:
    """The inventory accounts hold what the value entries say was posted to G/L."""
    rows = costing_reports.inventory_reconciliation(app)
    wrong = [r for r in rows if r["posted_to_gl"] != r["gl_balance"] or r["account_no"] == costing_reports.NO_SETUP]
    _require(not wrong, f"inventory accounts differ from the cost posted to G/L: {wrong}")


def documents_not_negative(conn: Connection, model) -> None:
    """No posted invoice or credit memo has a negative total; ledger entries have their document's sign."""
    purchases = _rows(conn, "SELECT no, amount, amount_including_vat FROM posted_purchase_header "
                            "WHERE amount < 0 OR amount_including_vat < 0")
    sales = _rows(conn, "SELECT no, amount, amount_including_vat FROM posted_sales_header "
                        "WHERE document_type IN ('invoice', 'credit_memo') "
                        "AND (amount < 0 OR amount_including_vat < 0)")
    vendor = _rows(conn, "SELECT document_no, amount FROM vendor_ledger_entry WHERE (document_type = 'invoice' "
                         "AND amount > 0) OR (document_type IN ('credit_memo', 'payment') AND amount < 0)")
    customer = _rows(conn, "SELECT document_no, amount FROM customer_ledger_entry WHERE (document_type = 'invoice' "
                           "AND amount < 0) OR (document_type IN ('credit_memo', 'payment') AND amount > 0)")
    _require(not purchases, f"posted purchase documents with a negative total: {purchases}")
    _require(not sales, f"posted sales documents with a negative total: {sales}")
    _require(not vendor, f"vendor ledger entries with the wrong sign for their document: {vendor}")
    _require(not customer, f"customer ledger entries with the wrong sign for their document: {customer}")


def quantities(conn: Connection, model) -> None:
    """Nothing on hand is negative, open entries add up to it, and it is what the model expects."""
    on_hand = {(i, loc): _dec(q, QTY, conn) for i, loc, q in _rows(
        conn, "SELECT item_no, location_code, SUM(quantity) FROM item_ledger_entry GROUP BY item_no, location_code")}
    remaining = {(i, loc): _dec(q, QTY, conn) for i, loc, q in _rows(
        conn, "SELECT item_no, location_code, SUM(remaining_quantity) FROM item_ledger_entry WHERE positive = :yes "
              "GROUP BY item_no, location_code", yes=True)}
    entries = _rows(conn, "SELECT entry_no, positive, quantity, remaining_quantity, open FROM item_ledger_entry")
    bad = [e for e in entries if (e[1] and (not 0 <= e[3] <= e[2] or bool(e[4]) != (e[3] != 0)))
           or (not e[1] and (e[3] != 0 or e[4]))]
    negative = {k: v for k, v in on_hand.items() if v < ZERO}
    _require(not negative, f"negative quantity on hand (item, location): {negative}")
    _require(not bad, f"item ledger entries with an impossible remaining quantity or open flag: {bad[:5]}")
    apart = {k: (v, remaining.get(k, ZERO)) for k, v in on_hand.items() if v != remaining.get(k, ZERO)}
    _require(not apart, f"on hand differs from the open inbound entries (on hand, remaining): {apart}")
    expected = {k: _dec(v, QTY) for k, v in model.on_hand.items() if v != ZERO}
    actual = {k: v for k, v in on_hand.items() if v != ZERO}
    _require(actual == expected, f"quantities on hand {actual} differ from the reference model {expected}")


#: where the numbers of each series end up (a posted document, a draft, a posting transaction)
_NUMBERS = """SELECT no FROM posted_purchase_header UNION SELECT no FROM posted_purchase_receipt
    UNION SELECT no FROM posted_sales_header UNION SELECT no FROM purchase_header UNION SELECT no FROM sales_header
    UNION SELECT document_no FROM transaction_register"""
_POSTED_TWICE = """
    SELECT 'draft', posted_no, COUNT(*) FROM purchase_header WHERE posted_no IS NOT NULL
        AND document_type IN ('invoice', 'credit_memo') GROUP BY posted_no HAVING COUNT(*) > 1
    UNION ALL SELECT 'draft', posted_no, COUNT(*) FROM sales_header WHERE posted_no IS NOT NULL
        AND document_type IN ('invoice', 'credit_memo') GROUP BY posted_no HAVING COUNT(*) > 1
    UNION ALL SELECT 'vendor entry', document_no, COUNT(*) FROM vendor_ledger_entry GROUP BY document_no
        HAVING COUNT(*) > 1
    UNION ALL SELECT 'customer entry', document_no, COUNT(*) FROM customer_ledger_entry GROUP BY document_no
        HAVING COUNT(*) > 1
    UNION ALL SELECT 'transaction', document_no, COUNT(*) FROM transaction_register
        WHERE source_code IN ('PURCHASES', 'SALES', 'PAYMENTS') GROUP BY document_no HAVING COUNT(*) > 1
    UNION ALL SELECT 'posted draft without number', no, 1 FROM purchase_header
        WHERE status = 'posted' AND posted_no IS NULL"""


def numbers(conn: Connection, model) -> None:
    """Numbers are gap-free per series, each used once; no document is posted twice."""
    twice = _rows(conn, _POSTED_TWICE)
    _require(not twice, f"documents posted twice (kind, no., count): {twice}")
    used = [n for (n,) in _rows(conn, _NUMBERS) if n]
    for code, prefix, width, last_no in _rows(conn, "SELECT code, prefix, width, last_no FROM number_series"):
        pattern = re.compile(rf"{re.escape(prefix)}(\d{{{width}}})$")
        found = sorted(int(m.group(1)) for n in used if (m := pattern.match(n)))
        _require(found == list(range(1, last_no + 1)),
                 f"number series {code} ({prefix}) is not gap-free: last no. {last_no}, used {found}")


CHECKS = (gl_balances, control_accounts, vat_accounts, documents_not_negative, quantities, numbers)


def check_all(app: App, model) -> int:
    """Run every invariant; returns how many were checked."""
    with app.engine.connect() as conn:
        for check in CHECKS:
            check(conn, model)
    inventory_accounts(app, model)
    return len(CHECKS) + 1
