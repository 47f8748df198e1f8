"""Valid sales commands: invoices, orders shipped and invoiced in parts, quotes made orders,
credit memos and return orders applied from sales, cancellations, purchase for a sale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from sqlalchemy import select

from domain.ledger.model import ItemLedgerEntry
from domain.money import ZERO
from domain.purchasing import edit as purchase_edit
from domain.sales import correction as sales_correction
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales import purchase_for_sale
from domain.sales.returns import returned
from tests.simulation.base import Base, CommandFailed, counted, decimals
from tests.simulation.holes import KNOWN_HOLES
from tests.simulation.model import (
    CUSTOMERS,
    DOMESTIC_VENDORS,
    INVENTORY_ITEMS,
    LOCATIONS,
    Doc,
    Line,
    Posted,
    repeated_stock,
)
from tests.simulation.rules_purchasing import APPROVAL_CODES, STOCK_GONE

SERIES = {"quote": "SQ", "order": "SO", "invoice": "SI", "credit_memo": "SCM", "return_order": "SRO"}

#: a sales draft posted later: the stock it sells may be gone (sales names the location)
SALES_STOCK_GONE = STOCK_GONE + ("SALES-INSUFFICIENT-QUANTITY",)


def sales_item(no, qty, price, location, discount=ZERO, **extra) -> dict:
    line = {"type": "item", "no": no, "quantity": str(qty), "unit_price": str(price), "location": location}
    if discount:
        line["line_discount_pct"] = str(discount)
    return {**line, **extra}


def sales_gl(amount) -> dict:
    return {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": str(amount)}


def sales_data(doc_type, customer, lines, date, **header) -> dict:
    return {"document_type": doc_type, "customer_no": customer, "document_date": date.isoformat(),
            "posting_date": date.isoformat(), "lines": lines, **header}


def model_lines(lines: list[dict]) -> list[Line]:
    return [Line(i, raw["type"], raw["no"], Decimal(raw["quantity"]), raw.get("location", ""))
            for i, raw in enumerate(lines, start=1)]


class SalesRules(Base):
    def approval_allowed(self) -> tuple:
        """The example's sales workflows (large documents, a customer over its credit limit) may
        require an approval the simulation does not ask for: the posting is refused, nothing written."""
        return APPROVAL_CODES if self.model.approvals else ()

    def sale_entries(self, customer: str) -> list[tuple[int, str, str, Decimal]]:
        """(entry no., item, location, returnable) of the customer's sales not yet fully returned."""
        ile = ItemLedgerEntry
        with self.app.uow() as s:
            rows = s.execute(select(ile.entry_no, ile.item_no, ile.location_code, ile.quantity).where(
                ile.entry_type == "sale", ile.positive.is_(False), ile.source_no == customer)).all()
            found = [(e, i, loc, -q - returned(s, e)) for e, i, loc, q in rows]
        return [f for f in found if f[3] > ZERO]

    @staticmethod
    def repeated_sale(doc: Doc) -> tuple:
        """Refused today when two lines draw on the same inbound entry (KNOWN_HOLES two_lines_same_item)."""
        if "two_lines_same_item" in KNOWN_HOLES and doc.kind in ("invoice", "order") and repeated_stock(doc.lines):
            return ("INV-CONCURRENT-APPLICATION",)
        return ()

    def draw_sales_lines(self, data, *, stock_bound: bool) -> list[dict]:
        lines, taken = [], {}
        for _ in range(data.draw(st.integers(1, 3), label="lines")):
            if data.draw(st.integers(0, 3), label="gl_line") == 0:
                lines.append(sales_gl(data.draw(decimals("5", "2000"))))
                continue
            item = data.draw(st.sampled_from(sorted(INVENTORY_ITEMS) + ["9000"]), label="item")
            location = data.draw(st.sampled_from(LOCATIONS), label="location")
            maximum = Decimal(10)
            if stock_bound and item in INVENTORY_ITEMS:
                maximum = self.model.available(item, location) - taken.get((item, location), ZERO)
                if maximum <= ZERO:
                    continue
            qty = self.draw_qty(data, maximum)
            taken[(item, location)] = taken.get((item, location), ZERO) + qty
            discount = data.draw(st.sampled_from([ZERO, ZERO, Decimal(5), Decimal("12.5")]))
            lines.append(sales_item(item, qty, data.draw(decimals("1", "600")), location, discount))
        return lines or [sales_gl(Decimal(250))]

    def import_sales(self, data, doc_type: str, customer: str, lines: list[dict], **header) -> Doc:
        payload = sales_data(doc_type, customer, lines, self.draw_date(data), **header)
        no = self.attempt(f"import sales {doc_type}", lambda: sales_documents.create_document(self.app, payload),
                          {SERIES[doc_type]: 1})
        if no is None:
            raise CommandFailed(f"a valid sales {doc_type} was refused at import: {payload}")
        doc = Doc(no, "sales", doc_type, customer, model_lines(lines), dt.date.fromisoformat(payload["posting_date"]))
        self.model.docs[no] = doc
        return doc

    def post_sales(self, doc: Doc, later: bool = False) -> None:
        """Post a draft; ``later``: not right after its import, so the stock it sells may be gone."""
        series = "PSI" if doc.kind == "invoice" else "PSCM"
        result = self.attempt(f"post sales {doc.kind}", lambda: sales_posting.post(self.app, doc.no), {series: 1},
                              allowed=self.model.late(doc.posting_date) + (SALES_STOCK_GONE if later else ()) +
                              self.repeated_sale(doc) + self.approval_allowed())
        if result is None:
            return
        doc.status, doc.posted_no = "posted", result.invoice_no
        sign = Decimal(-1) if doc.kind == "invoice" else Decimal(1)
        for line in doc.lines:
            self.model.move_line(line, sign * line.quantity)
        if doc.kind == "invoice":
            self.model.posted[result.invoice_no] = Posted(result.invoice_no, "sales", doc.party, doc.lines,
                                                          doc.posting_date)

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def sales_invoice(self, data):
        customer = data.draw(st.sampled_from(CUSTOMERS), label="customer")
        header = {}
        if data.draw(st.integers(0, 4), label="prices_including_vat") == 0:
            header["prices_including_vat"] = True
        if data.draw(st.integers(0, 4), label="foreign_currency") == 0:
            header.update(currency="EUR", exchange_rate="11.5")
        doc = self.import_sales(data, "invoice", customer, self.draw_sales_lines(data, stock_bound=True), **header)
        if data.draw(st.integers(0, 3), label="post_now") > 0:
            self.post_sales(doc)

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def sales_credit_memo(self, data):
        customer = data.draw(st.sampled_from(CUSTOMERS), label="customer")
        lines = []
        for entry_no, item, location, returnable in self.sale_entries(customer)[:3]:
            if data.draw(st.booleans(), label="return_item"):
                lines.append(sales_item(item, self.draw_qty(data, returnable), data.draw(decimals("1", "600")),
                                        location, applies_from_entry=entry_no))
        if not lines or data.draw(st.booleans(), label="gl_line"):
            lines.append(sales_gl(data.draw(decimals("5", "500"))))
        header = {}
        invoices = self.same_currency("sales", customer, [
            p for p in self.model.posted.values() if p.area == "sales" and p.party == customer and not p.cancelled])
        if invoices and data.draw(st.booleans(), label="applies_to_doc_no"):
            header["applies_to_doc_no"] = data.draw(st.sampled_from(invoices)).no
        doc = self.import_sales(data, "credit_memo", customer, lines, **header)
        if data.draw(st.integers(0, 3), label="post_now") > 0:
            self.post_sales(doc)
            if doc.status == "posted" and "applies_to_doc_no" in header:
                self._check_applied("customer", header["applies_to_doc_no"], doc.posted_no)

    @precondition(lambda self: self.model.docs_where("sales", ("invoice", "credit_memo")))
    @rule(data=st.data())
    @counted
    def post_sales_draft(self, data):
        self.post_sales(data.draw(st.sampled_from(self.model.docs_where("sales", ("invoice", "credit_memo")))),
                        later=True)

    # --- orders ------------------------------------------------------------------------------

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def sales_order(self, data):
        customer = data.draw(st.sampled_from(CUSTOMERS), label="customer")
        kind = data.draw(st.sampled_from(["order", "order", "quote"]), label="kind")
        doc = self.import_sales(data, kind, customer, self.draw_sales_lines(data, stock_bound=False))
        if kind == "quote" and data.draw(st.booleans(), label="make_order"):
            no = self.attempt("make order from quote", lambda: sales_documents.make_order(self.app, doc.no),
                              {"SO": 1}, allowed=self.approval_allowed())
            if no is None:
                return
            doc.status = "converted"
            self.model.docs[no] = Doc(no, "sales", "order", customer, [Line(x.line_no, x.type, x.no, x.quantity,
                                                                            x.location) for x in doc.lines],
                                      doc.posting_date)

    def _sales_orders(self, kind: str, test) -> list[Doc]:
        return [d for d in self.model.docs_where("sales", (kind,)) if any(test(x) for x in d.lines)]

    def _shippable(self, doc: Doc, data) -> dict[int, Decimal]:
        wanted, taken = {}, {}
        for line in doc.lines:
            outstanding = line.quantity - line.done
            if line.stocked:
                outstanding = min(outstanding, self.model.available(line.no, line.location)
                                  - taken.get((line.no, line.location), ZERO))
            qty = ZERO
            if outstanding > ZERO and data.draw(st.booleans(), label="ship_line"):
                qty = self.draw_qty(data, outstanding)
                taken[(line.no, line.location)] = taken.get((line.no, line.location), ZERO) + qty
            wanted[line.line_no] = qty
        return wanted

    @precondition(lambda self: self._sales_orders("order", lambda x: x.done < x.quantity))
    @rule(data=st.data())
    @counted
    def ship_sales_order(self, data):
        doc = data.draw(st.sampled_from(self._sales_orders("order", lambda x: x.done < x.quantity)), label="order")
        wanted = self._shippable(doc, data)
        if not any(wanted.values()):
            return
        result = self.attempt("ship sales order", lambda: sales_posting.ship(self.app, doc.no, wanted), {"PSS": 1},
                              allowed=self.model.late(doc.posting_date) + self.repeated_sale(doc) +
                              self.approval_allowed())
        if result is not None:
            for line in doc.lines:
                line.done += wanted[line.line_no]
                self.model.move_line(line, -wanted[line.line_no])

    @precondition(lambda self: self._sales_orders("order", lambda x: x.invoiced < x.done))
    @rule(data=st.data())
    @counted
    def invoice_sales_order(self, data):
        doc = data.draw(st.sampled_from(self._sales_orders("order", lambda x: x.invoiced < x.done)), label="order")
        wanted = {x.line_no: (self.draw_qty(data, x.done - x.invoiced) if x.invoiced < x.done else ZERO)
                  for x in doc.lines}
        result = self.attempt("invoice sales order", lambda: sales_posting.invoice(self.app, doc.no, wanted),
                              {"PSI": 1}, allowed=self.model.late(doc.posting_date) + self.approval_allowed())
        if result is not None:
            invoiced = []
            for line in doc.lines:
                line.invoiced += wanted[line.line_no]
                invoiced.append(Line(line.line_no, line.type, line.no, wanted[line.line_no], line.location))
            self.model.posted[result.invoice_no] = Posted(result.invoice_no, "sales", doc.party, invoiced,
                                                          doc.posting_date)
            if all(x.invoiced == x.quantity for x in doc.lines):
                doc.status = "closed"

    # --- returns -----------------------------------------------------------------------------

    @precondition(lambda self: self.model.open_dates())
    @rule(data=st.data())
    @counted
    def sales_return_order(self, data):
        customer = data.draw(st.sampled_from(CUSTOMERS), label="customer")
        entries = self.sale_entries(customer)
        if not entries:
            return
        entry_no, item, location, returnable = data.draw(st.sampled_from(entries), label="sale")
        lines = [sales_item(item, self.draw_qty(data, returnable), data.draw(decimals("1", "600")), location,
                            applies_from_entry=entry_no)]
        self.import_sales(data, "return_order", customer, lines)

    @precondition(lambda self: self._sales_orders("return_order", lambda x: x.done < x.quantity))
    @rule(data=st.data())
    @counted
    def receive_sales_return(self, data):
        doc = data.draw(st.sampled_from(self._sales_orders("return_order", lambda x: x.done < x.quantity)))
        wanted = {x.line_no: (self.draw_qty(data, x.quantity - x.done) if x.done < x.quantity else ZERO)
                  for x in doc.lines}
        result = self.attempt("receive sales return", lambda: sales_posting.ship(self.app, doc.no, wanted),
                              {"SRRCP": 1}, allowed=("SALES-RETURN-MORE-THAN-SHIPPED",
                                                     *self.model.late(doc.posting_date)))
        if result is not None:
            for line in doc.lines:
                line.done += wanted[line.line_no]
                self.model.move_line(line, wanted[line.line_no])

    @precondition(lambda self: self._sales_orders("return_order", lambda x: x.invoiced < x.done))
    @rule(data=st.data())
    @counted
    def credit_sales_return(self, data):
        doc = data.draw(st.sampled_from(self._sales_orders("return_order", lambda x: x.invoiced < x.done)))
        result = self.attempt("credit sales return", lambda: sales_posting.invoice(self.app, doc.no), {"PSCM": 1},
                              allowed=self.model.late(doc.posting_date))
        if result is not None:
            for line in doc.lines:
                line.invoiced = line.done
            if all(x.invoiced == x.quantity for x in doc.lines):
                doc.status = "closed"

    # --- corrections and purchase for a sale ----------------------------------------------

    @precondition(lambda self: any(p.area == "sales" and not p.cancelled for p in self.model.posted.values()))
    @rule(data=st.data())
    @counted
    def cancel_sales_invoice(self, data):
        candidates = [p for p in self.model.posted.values() if p.area == "sales" and not p.cancelled]
        if not candidates:
            return
        posted = data.draw(st.sampled_from(candidates))
        result = self.attempt("cancel sales invoice", lambda: sales_correction.cancel_invoice(self.app, posted.no),
                              {"SCM": 1, "PSCM": 1}, allowed=("SALES-CANCEL-INVOICE-PAID",
                                                              *self.model.late(posted.posting_date)))
        if result is not None:
            posted.cancelled = True
            for line in posted.lines:
                self.model.move_line(line, line.quantity)

    @precondition(lambda self: self.model.docs_where("sales", ("order", "invoice")))
    @rule(data=st.data())
    @counted
    def purchase_for_sale(self, data):
        doc = data.draw(st.sampled_from(self.model.docs_where("sales", ("order", "invoice"))), label="sale")
        items = [x for x in doc.lines if x.type == "item"]
        if not items:
            return
        chosen = sorted({x.line_no for x in items if data.draw(st.booleans(), label="line")}) or None
        vendor = data.draw(st.sampled_from(DOMESTIC_VENDORS), label="vendor")
        no = self.attempt("create purchase invoice for a sale", lambda: purchase_for_sale.create_purchase_invoice(
            self.app, doc.no, vendor, chosen), {"PI": 1})
        if no is None:
            return
        lines = [Line(i, "item", x.no, x.quantity, x.location)
                 for i, x in enumerate([x for x in items if not chosen or x.line_no in chosen], start=1)]
        new = Doc(no, "purchase", "invoice", vendor, lines, doc.posting_date)
        self.model.docs[no] = new
        ref = self.model.next_ref("VI")
        edited = self.attempt("set vendor invoice no.", lambda: purchase_edit.edit_document(
            self.app, no, {"vendor_invoice_no": ref}), {})
        if edited is None:
            raise CommandFailed(f"setting the vendor invoice no. of {no} was refused")
