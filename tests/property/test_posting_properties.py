"""Properties of the pure posting rules over random documents (hypothesis)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.costing.rules.valuation import OpenEntry, apply_outbound
from domain.ledger.rules.amounts import LineInput, compute
from domain.ledger.rules.posting import AccountInfo, GeneralSetup, SetupTables, VatSetup
from domain.problems import Rejected
from domain.purchasing.rules import ItemSnap, LineSnap, PurchaseSnapshot, plan_purchase

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2)
unit_cost = st.decimals(min_value=Decimal("0.00001"), max_value=Decimal("9999"), places=5)
quantity = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("500"), places=3)
percent = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2)
VAT = {"HIGH": Decimal(25), "MEDIUM": Decimal(15), "LOW": Decimal(12), "ZERO": Decimal(0), "RC": Decimal(25)}


def setup_tables() -> SetupTables:
    accounts = ["1460", "2400", "2710", "2705", "4300", "4390", "4396", "6800"]
    general = GeneralSetup(purch_account="4300", direct_cost_applied_account="4390",
                           purchase_variance_account="4396")
    return SetupTables(
        general={("DOMESTIC", "RETAIL"): general},
        vat={("DOMESTIC", code): VatSetup(pct, "reverse_charge" if code == "RC" else "normal", "2710", "2700",
                                          "2705" if code == "RC" else None) for code, pct in VAT.items()},
        inventory={("", "RESALE"): "1460"}, payables={"DOMESTIC": "2400"},
        accounts={a: AccountInfo(False, True) for a in accounts})


line_strategy = st.tuples(st.sampled_from(["item", "gl_account"]), quantity, unit_cost, percent,
                          st.sampled_from(list(VAT)), st.sampled_from(["fifo", "standard"]))


def snapshot(lines, doc_type, incl_vat) -> PurchaseSnapshot:
    snaps = tuple(
        LineSnap(i + 1, kind, "1000" if kind == "item" else "6800", "x", qty, cost, disc, "RETAIL", vat, "",
                 item=ItemSnap("1000", "inventory", False, method, Decimal("12.5"), "RESALE") if kind == "item"
                 else None)
        for i, (kind, qty, cost, disc, vat, method) in enumerate(lines))
    day = dt.date(2026, 11, 20)
    return PurchaseSnapshot(doc_type, "PI-1", "V1", "", "INV-1", day, day, day, None, Decimal(0), "NOK", "NOK",
                            Decimal(1), incl_vat, "DOMESTIC", "DOMESTIC", "DOMESTIC", None, None, None, True,
                            Decimal("0.05"), lines=snaps)


@settings(max_examples=150, deadline=None)
@given(st.lists(line_strategy, min_size=1, max_size=8), st.sampled_from(["invoice", "credit_memo"]), st.booleans())
def test_every_purchase_posting_plan_balances_to_the_cent(lines, doc_type, incl_vat):
    plan = plan_purchase(snapshot(lines, doc_type, incl_vat), setup_tables())
    assert not isinstance(plan, Rejected), plan
    assert sum(g.amount for g in plan.gl_lines) == 0
    payable = sum(g.amount for g in plan.gl_lines if g.account_no == "2400")
    assert payable == plan.vendor_entry.amount_lcy
    assert all(g.amount == g.amount.quantize(Decimal("0.01")) for g in plan.gl_lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(quantity, unit_cost, percent, st.sampled_from(list(VAT))), min_size=1, max_size=10),
       st.booleans())
def test_vat_groups_add_up_and_line_shares_sum_to_their_group(lines, incl_vat):
    inputs = [LineInput(i, q, p, d, f"normal|{VAT[v]}|{v}", VAT[v], v == "RC") for i, (q, p, d, v) in enumerate(lines)]
    result = compute(inputs, incl_vat, "NOK")
    assert result.net == sum(x.net for x in result.lines)
    for group in result.groups:
        members = [x for x, i in zip(result.lines, inputs) if i.vat_group == group.vat_group]
        assert sum(x.vat for x in members) == group.vat
        assert sum(x.net for x in members) == group.base


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 30)), min_size=1, max_size=12),
       st.integers(1, 400), st.sampled_from(["fifo", "lifo", "average", "standard"]))
def test_application_never_draws_more_than_is_open_and_draws_exactly_what_is_asked(entries, wanted, method):
    day = dt.date(2026, 1, 1)
    open_entries = [OpenEntry(i + 1, day + dt.timedelta(days=offset), Decimal(q), Decimal(q), Decimal(q * 10))
                    for i, (q, offset) in enumerate(entries)]
    result = apply_outbound(open_entries, Decimal(wanted), method, item_no="ITEM")
    available = sum(e.remaining_quantity for e in open_entries)
    if wanted > available:
        assert result.code == "INV-INSUFFICIENT-QUANTITY"
        return
    assert sum(take for _, take in result) == wanted
    assert all(0 < take <= entry.remaining_quantity for entry, take in result)
    dates = [entry.posting_date for entry, _ in result]
    assert dates == sorted(dates, reverse=(method == "lifo"))
