"""Valid inventory, costing and money commands: item journals with transfers, revaluation,
cost adjustment (run twice: the second run must change nothing), post inventory cost to
G/L (then nothing is left unposted), inventory periods, posting ranges, payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from sqlalchemy import func, select

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting as cost_posting
from domain.costing import periods as inventory_periods
from domain.costing import reports as costing_reports
from domain.costing import revaluation
from domain.ledger.model import (
    CustomerLedgerEntry,
    ItemLedgerEntry,
    ValueEntry,
    VendorLedgerEntry,
)
from domain.money import ZERO
from domain.payments import posting as payments
from domain.setup import masterdata
from tests.simulation import harness
from tests.simulation.base import Base, CommandFailed, counted, decimals
from tests.simulation.holes import KNOWN_HOLES
from tests.simulation.model import (
    CUSTOMERS,
    DOMESTIC_VENDORS,
    INVENTORY_ITEMS,
    LOCATIONS,
    PERIOD_ENDS,
)

JOURNAL_TYPES = ("purchase", "positive_adjustment", "sale", "negative_adjustment", "transfer")


class StockRules(Base):
    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def item_journal(self, data):
        rows, moves, date = [], [], self.draw_date(data)
        on_hand = dict(self.model.on_hand)
        for _ in range(data.draw(st.integers(1, 3), label="rows")):
            kind = data.draw(st.sampled_from(JOURNAL_TYPES), label="entry_type")
            item = data.draw(st.sampled_from(sorted(INVENTORY_ITEMS)), label="item")
            location = data.draw(st.sampled_from(LOCATIONS), label="location")
            row = {"posting_date": date.isoformat(), "entry_type": kind, "item_no": item, "location": location}
            if kind in ("purchase", "positive_adjustment"):
                qty = self.draw_qty(data)
                row["unit_cost"] = str(data.draw(decimals("1", "400")))
                if INVENTORY_ITEMS[item] == "standard" and kind == "positive_adjustment" and \
                        "standard_item_adjustment_at_other_cost" in KNOWN_HOLES:
                    row["unit_cost"] = "400"  # the demo item's standard cost
                moves.append((item, location, qty))
            else:
                available = on_hand.get((item, location), ZERO)
                if available <= ZERO:
                    continue
                qty = self.draw_qty(data, available)
                moves.append((item, location, -qty))
                if kind == "transfer":
                    row["new_location"] = next(x for x in LOCATIONS if x != location)
                    moves.append((item, row["new_location"], qty))
                elif kind == "sale":
                    row["unit_price"] = str(data.draw(decimals("1", "600")))
            row["quantity"] = str(qty)
            for key_item, key_location, moved in moves[-2:] if kind == "transfer" else moves[-1:]:
                on_hand[(key_item, key_location)] = on_hand.get((key_item, key_location), ZERO) + moved
            rows.append(row)
        if not rows:
            return
        result = self.attempt("post item journal", lambda: self._journal(rows), {"IJNL": 1})
        if result is None:
            raise CommandFailed(f"a valid item journal was refused: {rows}")
        for item, location, qty in moves:
            self.model.move(item, location, qty)

    def _journal(self, rows):
        from domain.inventory import journal as item_journal

        return item_journal.post_journal(self.app, rows)

    @precondition(lambda self: self.model.open_dates() and any(v > 0 for v in self.model.on_hand.values()))
    @rule(data=st.data())
    @counted
    def revalue(self, data):
        item = data.draw(st.sampled_from(sorted({i for (i, _), q in self.model.on_hand.items() if q > 0})))
        row = {"posting_date": max(self.model.open_dates()).isoformat(), "item_no": item}
        if data.draw(st.booleans(), label="by_unit_cost"):
            row["new_unit_cost"] = str(data.draw(decimals("1", "400")))
        else:
            row["revalued_amount"] = str(data.draw(decimals("1", "5000")))
        if INVENTORY_ITEMS[item] != "average" and data.draw(st.booleans(), label="one_entry"):
            with self.app.uow() as s:
                entries = s.scalars(select(ItemLedgerEntry.entry_no).where(
                    ItemLedgerEntry.item_no == item, ItemLedgerEntry.positive, ItemLedgerEntry.remaining_quantity > 0)
                    .order_by(ItemLedgerEntry.entry_no)).all()
            if entries:
                row["entry_no"] = str(data.draw(st.sampled_from(entries)))
        if "revaluation_refusal_adjusts_costs" in KNOWN_HOLES:
            cost_adjustment.adjust(self.app)  # else a refused revaluation commits the adjustment it runs first
        self.attempt("revalue", lambda: revaluation.revalue(self.app, [row]), {}, allowed=("REVAL-NOTHING-ON-HAND",))

    @rule()
    @counted
    def adjust_cost(self):
        first = self.attempt("adjust cost", lambda: cost_adjustment.adjust(self.app), {})
        if first is None or first.status != "completed":
            raise CommandFailed(f"cost adjustment did not complete: {first!r}")
        self._settled_items_have_no_value()
        before = harness.fingerprint(self.app)
        second = cost_adjustment.adjust(self.app)
        changed = harness.difference(before, harness.fingerprint(self.app))
        if changed or second.entries_created:
            raise CommandFailed(f"a second cost adjustment right after the first changed {changed} "
                                f"({second.entries_created} entries)")

    def _settled_items_have_no_value(self) -> None:
        """After cost adjustment an item with nothing on hand has no value left (BC: the
        adjustment and its rounding entries take the value out with the last unit)."""
        ile, ve = ItemLedgerEntry, ValueEntry
        with self.app.uow() as s:
            quantities = dict(s.execute(select(ile.item_no, func.sum(ile.quantity)).group_by(ile.item_no)).all())
            values = dict(s.execute(select(ve.item_no, func.sum(ve.cost_amount_actual + ve.cost_amount_expected))
                                    .group_by(ve.item_no)).all())
            revalued = set(s.scalars(select(ve.item_no).where(ve.entry_type == "revaluation")))
        left = {i: v for i, v in values.items() if not quantities.get(i) and v}
        if "average_sale_before_revaluation" in KNOWN_HOLES:
            left = {i: v for i, v in left.items() if not (i in revalued and INVENTORY_ITEMS[i] == "average")}
        if left:
            raise CommandFailed(f"after cost adjustment, items with nothing on hand still have value: {left}")

    @rule(mode=st.sampled_from(["per_entry", "summarised"]))
    @counted
    def post_inventory_cost(self, mode):
        result = self.attempt("post inventory cost to G/L", lambda: cost_posting.post_inventory_cost(self.app, mode),
                              {})
        if result is None:
            raise CommandFailed("post inventory cost to G/L was refused")
        if result.skipped and not (self.model.closed_through or self.model.posting_range):
            raise CommandFailed(f"post inventory cost to G/L skipped entries: {result.skipped}")
        rows = costing_reports.inventory_reconciliation(self.app)
        if not result.skipped and any(r["not_posted"] != ZERO for r in rows):
            raise CommandFailed(f"post inventory cost to G/L left cost unposted: {rows}")

    @precondition(lambda self: self._period_ends())
    @rule(data=st.data())
    @counted
    def close_inventory_period(self, data):
        ending = data.draw(st.sampled_from(self._period_ends()))
        if data.draw(st.booleans(), label="adjust_first"):
            cost_adjustment.adjust(self.app)
        result = self.attempt("close inventory period", lambda: inventory_periods.close_period(self.app, ending), {},
                              allowed=("INV-PERIOD-COST-NOT-ADJUSTED",))
        if result is not None:
            self.model.closed_through = ending

    def _period_ends(self) -> list:
        return [d for d in PERIOD_ENDS if not self.model.closed_through or d > self.model.closed_through]

    @rule(clear=st.booleans())
    @counted
    def set_posting_range(self, clear):
        span = None if clear else (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        self.attempt("set posting range", lambda: masterdata.set_posting_range(
            self.app, *(span or (None, None))), {})
        self.model.posting_range = span

    # --- payments ------------------------------------------------------------------------------

    def open_entries(self, party: str) -> list:
        cls, column = (CustomerLedgerEntry, "customer_no") if party == "customer" else (VendorLedgerEntry,
                                                                                         "vendor_no")
        query = select(getattr(cls, column), cls.document_no, cls.remaining_amount).where(
            cls.open, cls.document_type == "invoice").order_by(cls.entry_no)
        if "foreign_currency_payment" in KNOWN_HOLES:
            query = query.where(cls.amount == cls.amount_lcy)  # a payment applies 1:1 to a EUR entry
        with self.app.uow() as s:
            return s.execute(query).all()

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data(), party=st.sampled_from(["customer", "vendor"]))
    @counted
    def payment(self, data, party):
        entries = self.open_entries(party)
        if entries and data.draw(st.integers(0, 4), label="apply") > 0:
            party_no = data.draw(st.sampled_from(sorted({e[0] for e in entries})), label="party_no")
            mine = [e for e in entries if e[0] == party_no]
            chosen = [e for e in mine if data.draw(st.booleans(), label="apply_to")] or mine[:1]
            owed = sum((abs(e[2]) for e in chosen), ZERO)
            amount = owed if data.draw(st.booleans(), label="in_full") else max(
                Decimal("0.01"), (owed * data.draw(decimals("0.1", "1.2"))).quantize(Decimal("0.01")))
            apply_to = [e[1] for e in chosen]
        else:
            party_no = data.draw(st.sampled_from(CUSTOMERS if party == "customer" else DOMESTIC_VENDORS))
            amount, apply_to = data.draw(decimals("1", "1000")), []
        self.attempt(f"{party} payment", lambda: payments.post_payment(
            self.app, party, party_no, amount, apply_to, self.draw_date(data)), {"PAY": 1})
