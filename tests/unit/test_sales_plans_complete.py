"""The sales planner returns complete plans: the invoice's payment reference is planned, not patched in."""

import datetime as dt
from decimal import Decimal

from domain.ledger.rules.order_posting import InterimSetup
from domain.ledger.rules.posting import AccountInfo, GeneralSetup, SetupTables, VatSetup
from domain.sales.rules import SalesLineSnap, SalesSnapshot, plan_sales

DAY = dt.date(2026, 11, 20)


def test_the_customer_entry_of_a_planned_invoice_carries_the_payment_reference_of_the_snapshot():
    setup = SetupTables(general={("DOMESTIC", "RETAIL"): GeneralSetup(sales_account="3000")},
                        vat={("DOMESTIC", "HIGH"): VatSetup(Decimal(25), "normal", "2710", "2700", None)},
                        accounts={a: AccountInfo(False, True) for a in ("1500", "2700", "3000")})
    line = SalesLineSnap(1, "gl_account", "3000", "x", Decimal(1), Decimal(100), Decimal(0), "RETAIL", "HIGH", "")
    snapshot = SalesSnapshot("invoice", "SI-1", "C1", "", DAY, DAY, DAY, None, Decimal(0), "NOK", "NOK", Decimal(1),
                             False, "DOMESTIC", "DOMESTIC", "1500", "", "0000012343", None, None, False, False,
                             lines=(line,))
    planned = plan_sales(snapshot, setup, InterimSetup())
    assert planned.customer_entry.payment_reference == "0000012343"
    assert planned.customer_entry.amount == Decimal("125.00")


def test_the_sales_planner_refuses_a_negative_unit_price_and_a_discount_above_100_itself():
    setup = SetupTables(general={("DOMESTIC", "RETAIL"): GeneralSetup(sales_account="3000")},
                        vat={("DOMESTIC", "HIGH"): VatSetup(Decimal(25), "normal", "2710", "2700", None)},
                        accounts={a: AccountInfo(False, True) for a in ("1500", "2700", "3000")})
    line = SalesLineSnap(1, "item", "1000", "x", Decimal(1), Decimal(-100), Decimal(150), "RETAIL", "HIGH", "")
    snapshot = SalesSnapshot("invoice", "SI-1", "C1", "", DAY, DAY, DAY, None, Decimal(0), "NOK", "NOK", Decimal(1),
                             False, "DOMESTIC", "DOMESTIC", "1500", "", None, None, None, False, False,
                             lines=(line,))
    planned = plan_sales(snapshot, setup, InterimSetup())
    assert planned.codes == ["SALES-NEGATIVE-UNIT-PRICE", "SALES-LINE-DISCOUNT-OUT-OF-RANGE"]
