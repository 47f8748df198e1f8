"""Valid purchase order commands: orders received and invoiced in parts, receive and
invoice in one go, undo receipt; return orders shipped back and credited."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from domain.money import ZERO
from domain.purchasing import orders as purchase_orders
from domain.purchasing import receipts as purchase_receipts
from domain.purchasing import returns as purchase_returns
from tests.simulation.base import CommandFailed, counted, decimals
from tests.simulation.model import DOMESTIC_VENDORS, Doc, Line, Posted
from tests.simulation.rules_purchasing import (
    PurchasingRules,
    item_line,
    model_lines,
    purchase_data,
)


class OrderRules(PurchasingRules):
    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def purchase_order(self, data):
        lines = self.draw_purchase_lines(data, allow_charges=False)
        payload = purchase_data(self.model, "order", data.draw(st.sampled_from(DOMESTIC_VENDORS)), lines,
                                self.draw_date(data))
        payload["vendor_invoice_no"] = ""
        no = self.attempt("create purchase order", lambda: purchase_orders.create_order(self.app, payload),
                          {"PO": 1})
        if no is None:
            raise CommandFailed(f"a valid purchase order was refused: {payload}")
        self.model.docs[no] = Doc(no, "purchase", "order", payload["vendor_no"], model_lines(lines),
                                  dt.date.fromisoformat(payload["posting_date"]))

    def _orders(self, test) -> list[Doc]:
        return [d for d in self.model.docs_where("purchase", ("order",)) if any(test(x) for x in d.lines)]

    @precondition(lambda self: self._orders(lambda x: x.done < x.quantity))
    @rule(data=st.data())
    @counted
    def receive_purchase_order(self, data):
        doc = data.draw(st.sampled_from(self._orders(lambda x: x.done < x.quantity)), label="order")
        wanted = {}
        for line in doc.lines:
            if line.done < line.quantity and data.draw(st.booleans(), label="receive_line"):
                wanted[line.line_no] = self.draw_qty(data, line.quantity - line.done)
        if not wanted:  # name every line: an unnamed line receives its whole outstanding quantity
            line = next(x for x in doc.lines if x.done < x.quantity)
            wanted[line.line_no] = line.quantity - line.done
        wanted.update({x.line_no: ZERO for x in doc.lines if x.line_no not in wanted})
        result = self.attempt("receive purchase order", lambda: purchase_orders.receive(self.app, doc.no, wanted),
                              {"PRCPT": 1}, allowed=self.model.late(doc.posting_date))
        if result is not None:
            for line in doc.lines:
                line.done += wanted[line.line_no]
                self.model.move_line(line, wanted[line.line_no])
            doc.receipts.append([result.posted_no, dict(wanted), False])

    @precondition(lambda self: self._orders(lambda x: x.invoiced < x.done))
    @rule(data=st.data())
    @counted
    def invoice_purchase_order(self, data):
        doc = data.draw(st.sampled_from(self._orders(lambda x: x.invoiced < x.done)), label="order")
        wanted = {x.line_no: (self.draw_qty(data, x.done - x.invoiced) if x.invoiced < x.done else ZERO)
                  for x in doc.lines}
        costs = {x.line_no: data.draw(decimals("1", "400")) for x in doc.lines if x.type == "item"
                 and data.draw(st.booleans(), label="new_cost")}
        result = self.attempt("invoice purchase order", lambda: purchase_orders.invoice(
            self.app, doc.no, self.model.next_ref("VI"), wanted, costs), {"PI": 1, "PPI": 1},
            allowed=self.model.late(doc.posting_date))
        if result is not None:
            invoiced = []
            for line in doc.lines:
                line.invoiced += wanted[line.line_no]
                invoiced.append(Line(line.line_no, line.type, line.no, wanted[line.line_no], line.location))
            self.model.posted[result.posted_no] = Posted(result.posted_no, "purchase", doc.party, invoiced,
                                                             doc.posting_date)
            if all(x.invoiced == x.quantity for x in doc.lines):
                doc.status = "closed"

    @precondition(lambda self: self._orders(lambda x: x.done < x.quantity))
    @rule(data=st.data())
    @counted
    def post_purchase_order(self, data):
        """Receive and invoice all that is outstanding (``purchase order invoice --receive``)."""
        doc = data.draw(st.sampled_from(self._orders(lambda x: x.done < x.quantity)), label="order")
        result = self.attempt("receive and invoice purchase order", lambda: purchase_orders.receive_and_invoice(
            self.app, doc.no, self.model.next_ref("VI")), {"PRCPT": 1, "PI": 1, "PPI": 1},
            allowed=self.model.late(doc.posting_date))
        if result is not None:
            invoiced = []
            for line in doc.lines:
                self.model.move_line(line, line.quantity - line.done)
                invoiced.append(Line(line.line_no, line.type, line.no, line.quantity - line.invoiced, line.location))
                line.done = line.invoiced = line.quantity
            doc.status = "closed"
            self.model.posted[result.posted_no] = Posted(result.posted_no, "purchase", doc.party, invoiced,
                                                             doc.posting_date)

    def _undoable(self) -> list:
        return [(d, r) for d in self.model.docs_where("purchase", ("order",)) for r in d.receipts if not r[2]]

    @precondition(lambda self: self._undoable())
    @rule(data=st.data())
    @counted
    def undo_purchase_receipt(self, data):
        doc, receipt = data.draw(st.sampled_from(self._undoable()), label="receipt")
        result = self.attempt("undo purchase receipt", lambda: purchase_receipts.undo_receipt(self.app, receipt[0]),
                              {"PRCPT": 1}, allowed=("PURCH-UNDO-RECEIPT-INVOICED", "PURCH-UNDO-RECEIPT-ITEM-USED",
                                                     "PURCH-RECEIPT-ALREADY-UNDONE",
                                                     *self.model.late(doc.posting_date)))
        if result is not None:
            receipt[2] = True
            for line in doc.lines:
                qty = receipt[1].get(line.line_no, ZERO)
                line.done -= qty
                self.model.move_line(line, -qty)


class ReturnRules(OrderRules):
    @precondition(lambda self: self.model.open_dates() and any(v > 0 for v in self.model.on_hand.values()))
    @rule(data=st.data())
    @counted
    def purchase_return_order(self, data):
        entries = [e for e in self.inbound_entries(open_only=True) if e.source_no in DOMESTIC_VENDORS]
        if not entries:
            return
        entry = data.draw(st.sampled_from(entries), label="entry")
        qty = self.draw_qty(data, entry.remaining_quantity)
        lines = [item_line(entry.item_no, qty, data.draw(decimals("1", "300")), entry.location_code,
                           applies_to_entry=entry.entry_no)]
        payload = purchase_data(self.model, "return_order", entry.source_no, lines, self.draw_date(data))
        payload.update(document_type="order", vendor_invoice_no="")
        no = self.attempt("create purchase return order", lambda: purchase_returns.create_return_order(
            self.app, payload), {"PRO": 1})
        if no is None:
            raise CommandFailed(f"a valid purchase return order was refused: {payload}")
        self.model.docs[no] = Doc(no, "purchase", "return_order", entry.source_no, model_lines(lines),
                                  dt.date.fromisoformat(payload["posting_date"]))

    def _returns(self, test) -> list[Doc]:
        return [d for d in self.model.docs_where("purchase", ("return_order",)) if any(test(x) for x in d.lines)]

    @precondition(lambda self: self._returns(lambda x: x.done < x.quantity))
    @rule(data=st.data())
    @counted
    def ship_purchase_return(self, data):
        doc = data.draw(st.sampled_from(self._returns(lambda x: x.done < x.quantity)), label="return_order")
        wanted = {x.line_no: (self.draw_qty(data, x.quantity - x.done) if x.done < x.quantity else ZERO)
                  for x in doc.lines}
        result = self.attempt("ship purchase return", lambda: purchase_returns.ship(self.app, doc.no, wanted),
                              {"PRSHP": 1}, allowed=("PURCH-RETURN-MORE-THAN-RECEIVED",
                                                     *self.model.late(doc.posting_date)))
        if result is not None:
            for line in doc.lines:
                line.done += wanted[line.line_no]
                self.model.move_line(line, -wanted[line.line_no])

    @precondition(lambda self: self._returns(lambda x: x.invoiced < x.done))
    @rule(data=st.data())
    @counted
    def credit_purchase_return(self, data):
        doc = data.draw(st.sampled_from(self._returns(lambda x: x.invoiced < x.done)), label="return_order")
        result = self.attempt("credit purchase return", lambda: purchase_returns.invoice(
            self.app, doc.no, self.model.next_ref("CR")), {"PCM": 1, "PPCM": 1},
            allowed=self.model.late(doc.posting_date))
        if result is not None:
            for line in doc.lines:
                line.invoiced = line.done
            if all(x.invoiced == x.quantity for x in doc.lines):
                doc.status = "closed"
