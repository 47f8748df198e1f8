"""Ship, invoice or post (ship + invoice) sales documents: the entry point, with the one dispatch table.

One transaction each (design.md section 3): :mod:`domain.sales.kernel` locks the
document, returns the first result if it is already posted (idempotent) and refuses
what cannot post; the handler for the document type posts it. An order ships
(:mod:`domain.sales.shipping`) and invoices, a return order receives back
(:mod:`domain.sales.returns`) and credits, an invoice or credit memo posts directly
(:mod:`domain.sales.invoicing`). A refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.problems import Rejected
from domain.sales import documents, invoicing, kernel, returns, shipping, tracked_stock
from domain.sales import lines as line_edits
from domain.sales.kernel import ORDERS, SalesResult

__all__ = ["HANDLERS", "ORDERS", "SalesResult", "invoice", "post", "post_in_session", "ship"]

#: document type -> its handler (quotes and converted or closed documents do not post)
HANDLERS: dict[str, kernel.Handler] = {
    "order": shipping.post_order,  # ship, then invoice what has shipped
    "return_order": returns.post_return_order,  # receive back, then credit
    "invoice": invoicing.post_invoice,
    "credit_memo": invoicing.post_invoice,
}


def ship(app: App, no: str, quantities: dict[int, Decimal] | None = None,
         posting_date: dt.date | None = None, assign_lots: bool = False,
         lot_quantities: dict[int, dict[str, Decimal]] | None = None) -> SalesResult | Rejected:
    """``lot_quantities`` (line no. -> {serial/lot no.: qty}): what the shipment takes of each
    serial/lot no. of those lines (their quantity to ship is the sum)."""
    return _run(app, no, True, False, quantities or {}, posting_date, assign_lots, lot_quantities)


def invoice(app: App, no: str, quantities: dict[int, Decimal] | None = None,
            posting_date: dt.date | None = None) -> SalesResult | Rejected:
    return _run(app, no, False, True, quantities or {}, posting_date)


def post(app: App, no: str, quantities: dict[int, Decimal] | None = None,
         posting_date: dt.date | None = None, assign_lots: bool = False) -> SalesResult | Rejected:
    return _run(app, no, True, True, quantities or {}, posting_date, assign_lots)


def _run(app: App, no: str, do_ship: bool, do_invoice: bool, quantities,
         posting_date: dt.date | None = None, assign_lots: bool = False,
         lot_quantities: dict | None = None) -> SalesResult | Rejected:
    """With ``posting_date`` the document first takes that posting date (an audited edit, see
    :func:`domain.sales.lines.redate`), in the same transaction: a refused posting keeps the old date.
    ``assign_lots``: lines of tracked items that name no serial/lot no. get them first, FEFO
    (:func:`domain.sales.tracked_stock.assign_for`), in the same transaction too."""
    def run(session: Session) -> SalesResult | Rejected:
        if posting_date is not None:
            line_edits.redate(session, no, posting_date, app.user)
        wanted = quantities
        if lot_quantities:
            wanted = {**tracked_stock.ship_lots(session, no, lot_quantities), **quantities}
        if assign_lots and (short := tracked_stock.assign_for(session, no, wanted)):
            return Rejected(short)
        return post_in_session(session, no, app.user, do_ship, do_invoice, wanted)

    result = access.command(app, "sales.post", run)
    documents.audit_gate_refusal(app, no, result)
    return result


def post_in_session(session: Session, no: str, user, do_ship: bool, do_invoice: bool,
                    quantities: dict[int, Decimal]) -> SalesResult | Rejected:
    """Post document ``no`` in the caller's transaction."""
    return kernel.post_in_session(session, no, user, do_ship, do_invoice, quantities, HANDLERS)
