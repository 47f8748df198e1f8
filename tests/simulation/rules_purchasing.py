"""Valid purchasing commands: invoices, credit memos and item charges, posting drafts
(again), edits, cancellations. Orders and returns: :mod:`tests.simulation.rules_orders`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from sqlalchemy import select

from domain.ledger.model import ItemLedgerEntry, ValueEntry, VendorLedgerEntry
from domain.money import ZERO
from domain.purchasing import correction as purchase_correction
from domain.purchasing import documents as purchase_documents
from domain.purchasing import edit as purchase_edit
from domain.purchasing import posting as purchase_posting
from tests.simulation.base import Base, CommandFailed, counted, decimals
from tests.simulation.holes import KNOWN_HOLES
from tests.simulation.model import (
    DOMESTIC_VENDORS,
    INVENTORY_ITEMS,
    LOCATIONS,
    Doc,
    Line,
    Posted,
    repeated_stock,
)

GL_EXPENSES = (("6800", "HIGH"), ("7140", "LOW"), ("6300", "ZERO"), ("6540", "HIGH"))
APPROVAL_CODES = ("APPROVAL-REQUIRED", "APPROVAL-REJECTED", "APPROVAL-PENDING")
#: a draft posted later: other postings may have taken the stock it returns or sells
STOCK_GONE = ("INV-INSUFFICIENT-QUANTITY", "INV-APPLIES-TO-ENTRY-NOT-OPEN")


def item_line(no, qty, cost, location, discount=ZERO, **extra) -> dict:
    line = {"type": "item", "no": no, "quantity": str(qty), "direct_unit_cost": str(cost), "location": location}
    if discount:
        line["line_discount_pct"] = str(discount)
    return {**line, **extra}


def gl_line(no, amount, vat) -> dict:
    return {"type": "gl_account", "no": no, "quantity": "1", "direct_unit_cost": str(amount),
            "vat_prod_posting_group": vat}


def purchase_data(model, doc_type, vendor, lines, date, **header) -> dict:
    return {"document_type": doc_type, "vendor_no": vendor, "vendor_invoice_no": model.next_ref("VI"),
            "document_date": date.isoformat(), "posting_date": date.isoformat(), "lines": lines, **header}


def model_lines(lines: list[dict]) -> list[Line]:
    return [Line(i, raw["type"], raw["no"], Decimal(raw["quantity"]), raw.get("location", ""))
            for i, raw in enumerate(lines, start=1)]


class PurchasingRules(Base):
    # --- drawing lines ---------------------------------------------------------------------

    def inbound_entries(self, entry_type: str | None = "purchase", open_only: bool = False) -> list:
        ile = ItemLedgerEntry
        query = select(ile.entry_no, ile.item_no, ile.location_code, ile.remaining_quantity, ile.source_no) \
            .where(ile.positive, ile.item_no.in_(sorted(INVENTORY_ITEMS))).order_by(ile.entry_no)
        if entry_type:
            query = query.where(ile.entry_type == entry_type)
        if open_only:
            query = query.where(ile.remaining_quantity > 0)
        with self.app.uow() as s:
            return s.execute(query).all()

    def draw_purchase_lines(self, data, allow_charges: bool = True) -> list[dict]:
        lines = []
        for _ in range(data.draw(st.integers(1, 3), label="lines")):
            kind = data.draw(st.sampled_from(["item", "item", "gl", "charge"] if allow_charges else ["item", "gl"]))
            if kind == "item":
                discount = data.draw(st.sampled_from([ZERO, ZERO, Decimal(10), Decimal("33.5")]))
                lines.append(item_line(data.draw(st.sampled_from(sorted(INVENTORY_ITEMS) + ["9000"])),
                                       self.draw_qty(data), data.draw(decimals("1", "400")),
                                       data.draw(st.sampled_from(LOCATIONS)), discount))
            elif kind == "gl":
                account, vat = data.draw(st.sampled_from(GL_EXPENSES))
                lines.append(gl_line(account, data.draw(decimals("5", "3000")), vat))
            else:
                targets = self.inbound_entries()
                if "standard_item_charge" in KNOWN_HOLES:
                    targets = [t for t in targets if INVENTORY_ITEMS[t.item_no] != "standard"]
                if targets:
                    target = data.draw(st.sampled_from(targets))
                    lines.append({"type": "charge_item", "no": "FREIGHT", "quantity": "1",
                                  "direct_unit_cost": str(data.draw(decimals("1", "300"))),
                                  "assign_to_entry": target.entry_no})
        return lines or [gl_line("6800", Decimal(100), "HIGH")]

    def stocked(self) -> list[tuple[str, str]]:
        return sorted(k for k, v in self.model.on_hand.items() if v > ZERO)

    @staticmethod
    def repeated(doc: Doc) -> tuple:
        """Refused today when two lines draw on the same inbound entry (KNOWN_HOLES two_lines_same_item)."""
        if "two_lines_same_item" in KNOWN_HOLES and doc.kind != "invoice" and repeated_stock(doc.lines):
            return ("INV-CONCURRENT-APPLICATION",)
        return ()

    def post_allowed(self) -> tuple:
        return APPROVAL_CODES if self.model.approvals else ()

    # --- invoices and credit memos -------------------------------------------------------

    def import_purchase(self, data, doc_type: str, vendor: str, lines: list[dict], **header) -> Doc | None:
        payload = purchase_data(self.model, doc_type, vendor, lines, self.draw_date(data), **header)
        series = "PI" if doc_type == "invoice" else "PCM"
        no = self.attempt(f"import purchase {doc_type}", lambda: purchase_documents.create_document(
            self.app, payload), {series: 1})
        if no is None:
            raise CommandFailed(f"a valid purchase {doc_type} was refused at import: {payload}")
        doc = Doc(no, "purchase", doc_type, vendor, model_lines(lines), dt.date.fromisoformat(payload["posting_date"]))
        self.model.docs[no] = doc
        return doc

    def post_purchase(self, doc: Doc, later: bool = False) -> None:
        """Post a draft; ``later``: not right after its import, so what it returns may be gone."""
        series = "PPI" if doc.kind == "invoice" else "PPCM"
        charge_targets = self._charge_values(doc)
        allowed = self.post_allowed() + self.model.late(doc.posting_date) + (STOCK_GONE if later else ()) + \
            self.repeated(doc)
        result = self.attempt(f"post purchase {doc.kind}", lambda: purchase_posting.post_document(self.app, doc.no),
                              {series: 1}, allowed=allowed)
        if result is None:
            return
        doc.status, doc.posted_no = "posted", result.posted_no
        sign = Decimal(1) if doc.kind == "invoice" else Decimal(-1)
        for line in doc.lines:
            self.model.move_line(line, sign * line.quantity)
        if doc.kind == "invoice":
            self.model.posted[result.posted_no] = Posted(result.posted_no, "purchase", doc.party, doc.lines,
                                                         doc.posting_date)
        self._check_standard_charges(charge_targets)

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def purchase_invoice(self, data):
        vendor = data.draw(st.sampled_from(DOMESTIC_VENDORS + ("V90000",)), label="vendor")
        header = {}
        if data.draw(st.integers(0, 4), label="prices_including_vat") == 0:
            header["prices_including_vat"] = True
        if data.draw(st.integers(0, 4), label="foreign_currency") == 0:
            header.update(currency="EUR", exchange_rate="11.5")
        doc = self.import_purchase(data, "invoice", vendor, self.draw_purchase_lines(data), **header)
        if data.draw(st.integers(0, 3), label="post_now") > 0:
            self.post_purchase(doc)

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def purchase_credit_memo(self, data):
        vendor = data.draw(st.sampled_from(DOMESTIC_VENDORS), label="vendor")
        lines = []
        for item, location in self.stocked()[:3]:
            if data.draw(st.booleans(), label="return_item"):
                qty = self.draw_qty(data, self.model.available(item, location))
                extra = {}
                fixed = [e for e in self.inbound_entries(None, open_only=True)
                         if e.item_no == item and e.location_code == location and e.remaining_quantity >= qty]
                if fixed and data.draw(st.booleans(), label="applies_to_entry"):
                    extra["applies_to_entry"] = data.draw(st.sampled_from(fixed)).entry_no
                lines.append(item_line(item, qty, data.draw(decimals("1", "300")), location, **extra))
        if not lines or data.draw(st.booleans(), label="gl_line"):
            account, vat = data.draw(st.sampled_from(GL_EXPENSES))
            lines.append(gl_line(account, data.draw(decimals("5", "500")), vat))
        header = {}
        invoices = self.same_currency("purchase", vendor, [
            p for p in self.model.posted.values() if p.area == "purchase" and p.party == vendor and not p.cancelled])
        if invoices and data.draw(st.booleans(), label="applies_to_doc_no"):
            header["applies_to_doc_no"] = data.draw(st.sampled_from(invoices)).no
        doc = self.import_purchase(data, "credit_memo", vendor, lines, **header)
        if data.draw(st.integers(0, 3), label="post_now") > 0:
            self.post_purchase(doc)
            if doc.status == "posted" and "applies_to_doc_no" in header:
                self._check_applied("vendor", header["applies_to_doc_no"], doc.posted_no)

    @precondition(lambda self: any(d.area == "purchase" and d.kind in ("invoice", "credit_memo")
                                   and d.status in ("open", "released") for d in self.model.docs.values()))
    @rule(data=st.data())
    @counted
    def post_purchase_draft(self, data):
        drafts = self.model.docs_where("purchase", ("invoice", "credit_memo"), ("open", "released"))
        self.post_purchase(data.draw(st.sampled_from(drafts), label="draft"), later=True)

    @precondition(lambda self: any(d.area == "purchase" and d.status == "posted" for d in self.model.docs.values()))
    @rule(data=st.data())
    @counted
    def post_purchase_again(self, data):
        doc = data.draw(st.sampled_from(self.model.docs_where("purchase", ("invoice", "credit_memo"), ("posted",))))
        before = self.series()
        result = self.attempt("post purchase again", lambda: purchase_posting.post_document(self.app, doc.no), {})
        if result is None or not result.already_posted or result.posted_no != doc.posted_no:
            raise CommandFailed(f"posting {doc.no} again did not return its first result: {result!r}")
        assert self.series() == before

    @precondition(lambda self: any(d.area == "purchase" and d.kind in ("invoice", "credit_memo")
                                   and d.status in ("open", "released") for d in self.model.docs.values()))
    @rule(data=st.data())
    @counted
    def edit_purchase_draft(self, data):
        doc = data.draw(st.sampled_from(self.model.docs_where("purchase", ("invoice", "credit_memo"),
                                                               ("open", "released"))))
        line = data.draw(st.sampled_from(doc.lines))
        if line.stocked and doc.kind == "credit_memo":
            return  # a credit memo's quantity is bound by what is on hand: leave it
        field = data.draw(st.sampled_from(["quantity", "direct_unit_cost", "posting_date"]))
        if field == "posting_date":
            value, target = self.draw_date(data).isoformat(), None
        elif field == "quantity" and line.type != "charge_item":
            value, target = str(self.draw_qty(data)), line.line_no
        else:
            value, target = str(data.draw(decimals("1", "400"))), line.line_no
            field = "direct_unit_cost"
        result = self.attempt("edit purchase draft", lambda: purchase_edit.edit_document(
            self.app, doc.no, {field: value}, target), {})
        if result is not None:
            doc.status = result.status
            if field == "quantity":
                line.quantity = Decimal(value)
            elif field == "posting_date":
                doc.posting_date = dt.date.fromisoformat(value)

    # --- corrections -----------------------------------------------------------------------

    @precondition(lambda self: any(p.area == "purchase" and not p.cancelled for p in self.model.posted.values()))
    @rule(data=st.data())
    @counted
    def cancel_purchase_invoice(self, data):
        candidates = [p for p in self.model.posted.values() if p.area == "purchase" and not p.cancelled]
        if not candidates:
            return
        posted = data.draw(st.sampled_from(candidates))
        result = self.attempt("cancel purchase invoice", lambda: purchase_correction.cancel_invoice(
            self.app, posted.no), {"PCM": 1, "PPCM": 1}, allowed=(
            "PURCH-CANCEL-INVOICE-PAID", "PURCH-CANCEL-ITEM-CONSUMED", "PURCH-CANCEL-HAS-ITEM-CHARGES",
            *self.model.late(posted.posting_date)))
        if result is not None:
            posted.cancelled = True
            for line in posted.lines:
                self.model.move_line(line, -line.quantity)

    def _check_applied(self, party: str, invoice_no: str, credit_no: str) -> None:
        hole = f"{'purchase' if party == 'vendor' else 'sales'}_credit_memo_applies_to_ignored"
        if hole in KNOWN_HOLES:
            return
        cls = VendorLedgerEntry if party == "vendor" else __import__(
            "domain.ledger.model", fromlist=["CustomerLedgerEntry"]).CustomerLedgerEntry
        with self.app.uow() as s:
            credit = s.scalar(select(cls).where(cls.document_no == credit_no))
            if credit is not None and credit.amount != ZERO and credit.remaining_amount == credit.amount:
                invoice = s.scalar(select(cls).where(cls.document_no == invoice_no))
                if invoice is not None and invoice.open:
                    raise CommandFailed(f"credit memo {credit_no} names {invoice_no} (applies_to_doc_no) but was "
                                        "not applied to it: both stay open")

    def _charge_values(self, doc: Doc) -> dict[int, Decimal]:
        """Standard-cost entries an item charge of ``doc`` is assigned to, with their value now."""
        if doc.kind != "invoice" or "standard_item_charge" in KNOWN_HOLES:
            return {}
        with self.app.uow() as s:
            from domain.purchasing.model import PurchaseHeader, PurchaseLine

            targets = s.scalars(select(PurchaseLine.assign_to_entry).join(PurchaseHeader).where(
                PurchaseHeader.no == doc.no, PurchaseLine.type == "charge_item",
                PurchaseLine.assign_to_entry.is_not(None))).all()
            entries = [e for e in targets if (ile := s.get(ItemLedgerEntry, e)) is not None
                       and INVENTORY_ITEMS.get(ile.item_no) == "standard"]
        return {e: self._entry_value(e) for e in entries}

    def _entry_value(self, entry_no: int) -> Decimal:
        with self.app.uow() as s:
            rows = s.execute(select(ValueEntry.cost_amount_actual, ValueEntry.cost_amount_expected)
                             .where(ValueEntry.item_ledger_entry_no == entry_no)).all()
        return sum((a + e for a, e in rows), ZERO)

    def _check_standard_charges(self, before: dict[int, Decimal]) -> None:
        changed = {e: (v, self._entry_value(e)) for e, v in before.items() if self._entry_value(e) != v}
        if changed:
            raise CommandFailed(f"an item charge changed the value of standard-cost entries {changed}: "
                                "a Standard item's inventory stays at standard cost (the charge is a variance)")
