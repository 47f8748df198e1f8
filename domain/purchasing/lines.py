"""Drafts you can fix: add, remove and change the lines of a purchase document; delete a draft.

Business Central's purchase document pages let a user insert, delete and change lines
until the document is posted. The rules here are BC's, with the import's checks reused
(a line added or changed is read by :func:`domain.purchasing.documents.read_line`, exactly
as an imported line: unknown or blocked item / account / charge, location, VAT group,
quantity, cost and discount):

- a posted (or closed) document is not changed: correct it with a credit memo;
- a document waiting for approval is not changed (cancel the request first); a released
  one is reopened and its approval voided, as :mod:`domain.purchasing.edit` does;
- on an order (return order) a line that has been received (shipped back) keeps its type,
  no., location and unit, cannot go below what was received or invoiced, and cannot be
  removed (BC: "You cannot delete the order line because it has been received");
- a line linked to a sales order (drop shipment, special order) is changed from the sales
  side only; a draft made from an incoming document is remade by correcting that document;
- a document may be left with no line (posting refuses it: PURCH-NOTHING-TO-POST);
- deleting a draft does not give its number back: gap-free numbering is for posted
  documents (BC's number series behave the same).

Every change is a new version, audited through the approvals port (who changed what); a
refused change is audited too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.app import App, required_port
from domain.identity.access import require
from domain.money import ZERO
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing.documents import locked_header, read_line
from domain.purchasing import prepayment_edits
from domain.purchasing.edit import EditResult
from domain.purchasing.model import PurchaseHeader, PurchaseLine

ORDERS = ("order", "return_order")
#: what a received (or get-receipt-lines) line keeps: it names stock already posted
FIXED_WHEN_RECEIVED = ("type", "no", "location", "unit_of_measure", "applies_to_entry")
#: the card's values a line takes again when its type or no. changes (unless given)
CARD_VALUES = ("description", "unit_of_measure", "direct_unit_cost", "gen_prod_posting_group",
               "vat_prod_posting_group")
COPIED = ("type", "no", "description", "quantity", "unit_of_measure", "direct_unit_cost", "line_discount_pct",
          "gen_prod_posting_group", "vat_prod_posting_group", "location_code", "applies_to_item_entry",
          "assign_to_entry")


@dataclass(frozen=True)
class LineEdit(EditResult):
    #: the line added (changed, removed)
    line_no: int | None = None


def added(result: EditResult, line_no: int) -> LineEdit:
    return LineEdit(result.document_no, result.version, result.status, result.approval_voided, line_no)


def add_line(app: App, no: str, data: dict) -> LineEdit:
    """Add a line (the import's line shape: type, no, quantity, direct_unit_cost, location, ...)."""
    numbers = []

    def run(session, header: PurchaseHeader) -> str:
        numbers.append(max((x.line_no for x in header.lines), default=0) + 1)
        line = _read(session, header, numbers[0], data)
        header.lines.append(line)
        return f"line {numbers[0]} added: " + _summary(line)
    return added(_audited(app, no, "edit", run), numbers[0])


def remove_line(app: App, no: str, line_no: int) -> EditResult:
    """Remove line ``line_no``; the others keep their numbers."""
    def run(session, header: PurchaseHeader) -> str:
        line = find_line(header, line_no)
        _not_linked(header, line)
        if header.document_type in ORDERS and (line.quantity_received or line.quantity_invoiced):
            raise DomainError("PURCH-LINE-RECEIVED", f"line {line_no} of {no} has been received",
                                  no=no, line_no=line_no, received=str(line.quantity_received))
        _refused(prepayment_edits.remove_problems("purchase", header, line))
        header.lines.remove(line)
        return f"line {line_no} removed: " + _summary(line)
    return _audited(app, no, "edit", run)


def set_line(app: App, no: str, line_no: int, changes: dict) -> EditResult:
    """Change line ``line_no``: ``changes`` maps import keys (type, no, quantity, direct_unit_cost,
    line_discount_pct, location, description, assign_to_entries, ...) to their new text. A new type
    or no. takes the new card's description, unit, cost and posting groups unless given."""
    def run(session, header: PurchaseHeader) -> str:
        line = find_line(header, line_no)
        _not_linked(header, line)
        raw = _current(line)
        if "type" in changes or "no" in changes:
            for key in CARD_VALUES:
                raw.pop(key, None)
            if changes.get("type", line.type) != "charge_item":
                raw.pop("assign_to_entries", None)
                raw.pop("assignment_method", None)
        raw.update(changes)
        if isinstance(raw.get("assign_to_entries"), str):
            raw["assign_to_entries"] = [x.strip() for x in raw["assign_to_entries"].split(",") if x.strip()]
        new = _read(session, header, line_no, raw)
        _check_received(header, line, new, changes)
        _refused(prepayment_edits.change_problems("purchase", header, line, prepayment_edits.fields_of(line),
                                                  prepayment_edits.fields_of(new), new.quantity,
                                                  new.direct_unit_cost, new.line_discount_pct))
        assignments = list(new.charge_assignments)
        new.charge_assignments = []
        for column in COPIED:
            setattr(line, column, getattr(new, column))
        _replace_assignments(session, line, assignments)
        _order_quantities(header, line)
        return f"line {line_no}: " + ", ".join(f"{k}={v}" for k, v in changes.items())
    return _audited(app, no, "edit", run)


def delete_document(app: App, no: str) -> str:
    """Delete a draft (BC: delete the document); returns its no. Its number is not reused."""
    actor = app.user
    try:
        with app.uow() as session:
            require(session, actor, "purchase.edit")
            header = editable(session, no)
            for line in header.lines:
                _not_linked(header, line)
            if any(x.quantity_received or x.quantity_invoiced for x in header.lines):
                raise DomainError("PURCH-DOCUMENT-PARTLY-POSTED", f"{no} has posted receipts or invoices",
                                  no=no)
            if header.incoming_document_entry_no is not None:
                raise DomainError("PURCH-DRAFT-FROM-INCOMING-DOCUMENT", f"{no} was made from incoming "
                                  f"document {header.incoming_document_entry_no}", no=no,
                                  entry_no=header.incoming_document_entry_no)
            required_port(session, "approvals").deleted(session, header, actor)
            session.delete(header)
            return no
    except DomainError as exc:
        app.port("approvals").refused(app, no, actor, "delete", exc)
        raise


def editable(session, no: str) -> PurchaseHeader:
    """The document ``no``, locked, if it may still be changed."""
    header = locked_header(session, no)
    if header.status in ("posted", "closed"):
        raise DomainError("PURCH-DOCUMENT-POSTED", f"{no} is posted: correct it with a credit memo", no=no)
    if header.status == "pending_approval":
        raise DomainError("APPROVAL-DOCUMENT-LOCKED", f"{no} waits for approval: cancel the request "
                          "before editing", no=no)
    return header


def find_line(header: PurchaseHeader, line_no: int) -> PurchaseLine:
    line = next((x for x in header.lines if x.line_no == line_no), None)
    if line is None:
        raise DomainError("PURCH-LINE-NOT-FOUND", f"{header.no} has no line {line_no}", no=header.no,
                          line_no=line_no)
    return line


def redate(session, no: str, posting_date, actor: str | None) -> None:
    """``purchase order receive|invoice --posting-date``: in the posting's own transaction the
    order's posting date becomes the date given (BC: change Posting Date on the header, then
    post), an audited edit like ``purchase set``; a document that cannot be edited is left to
    posting to refuse."""
    require(session, actor, "purchase.edit")
    header = locked_header(session, no)
    if header.status not in ("open", "released") or header.posting_date == posting_date:
        return
    header.posting_date = posting_date
    _new_version(session, header, actor, f"posting_date={posting_date.isoformat()} (posting)")


def _audited(app: App, no: str, action: str, change) -> EditResult:
    """``change(session, header) -> comment`` in one unit of work on an editable document: a new
    version, reopened, its approval voided, audited; a refusal is audited too."""
    actor = app.user
    try:
        with app.uow() as session:
            require(session, actor, "purchase.edit")
            header = editable(session, no)
            return _new_version(session, header, actor, change(session, header))
    except DomainError as exc:
        app.port("approvals").refused(app, no, actor, action, exc)
        raise


def _new_version(session, header: PurchaseHeader, actor: str | None, comment: str) -> EditResult:
    session.flush()
    header.version += 1
    before, header.status = header.status, "open"
    voided = required_port(session, "approvals").edited(session, header, actor, before, comment)
    return EditResult(header.no, header.version, header.status, voided)


def _read(session, header: PurchaseHeader, line_no: int, raw: dict) -> PurchaseLine:
    """A line read as the import reads it, with the order's rules; RejectedError on any problem."""
    problems: list[Problem] = []
    line = read_line(session, line_no, raw, problems, header.document_type)
    if header.document_type in ORDERS and line.type == "charge_item":
        problems.append(Problem("PURCH-ORDER-CHARGE-NOT-SUPPORTED", f"lines[{line_no}]"))
    if problems:
        raise RejectedError(Rejected(problems))
    _order_quantities(header, line)
    return line


def _order_quantities(header: PurchaseHeader, line: PurchaseLine) -> None:
    """BC Qty. to Receive / Qty. to Invoice: what is left of the (changed) quantity."""
    if header.document_type in ORDERS:
        line.qty_to_receive = line.quantity - (line.quantity_received or ZERO)
        line.qty_to_invoice = line.quantity - (line.quantity_invoiced or ZERO)


def _check_received(header: PurchaseHeader, line: PurchaseLine, new: PurchaseLine, changes: dict) -> None:
    received = line.quantity_received or ZERO
    if not (received or line.quantity_invoiced or line.receipt_line_id):
        return
    fixed = [k for k in FIXED_WHEN_RECEIVED if k in changes]
    problems = [Problem("PURCH-LINE-RECEIVED", f"lines[{line.line_no}].{k}", {
        "no": header.no, "line_no": line.line_no, "received": str(received)}) for k in fixed]
    floor = max(abs(received), abs(line.quantity_invoiced or ZERO))
    if new.quantity < floor:
        problems.append(Problem("PURCH-QUANTITY-BELOW-RECEIVED", f"lines[{line.line_no}].quantity", {
            "line_no": line.line_no, "quantity": str(new.quantity), "received": str(floor)}))
    if problems:
        raise RejectedError(Rejected(problems))


def _refused(problems: list[Problem]) -> None:
    if problems:
        raise RejectedError(Rejected(problems))


def _replace_assignments(session, line: PurchaseLine, assignments: list) -> None:
    """The charge's assignments as read (old rows go first: one entry is assigned once)."""
    def key(rows):
        return [(a.item_ledger_entry_no, a.method) for a in rows]
    if key(line.charge_assignments) != key(assignments):
        line.charge_assignments = []
        session.flush()
        line.charge_assignments = assignments


def _not_linked(header: PurchaseHeader, line: PurchaseLine) -> None:
    if line.sales_order_no:
        raise DomainError("PURCH-LINE-LINKED-TO-SALES-ORDER", f"line {line.line_no} of {header.no} ships "
                          f"sales order {line.sales_order_no}", no=header.no, line_no=line.line_no,
                          sales_order_no=line.sales_order_no)


def _current(line: PurchaseLine) -> dict:
    """The line in the import's shape (what ``read_line`` reads back unchanged)."""
    raw = {"type": line.type, "no": line.no, "description": line.description, "quantity": str(line.quantity),
           "unit_of_measure": line.unit_of_measure, "direct_unit_cost": str(line.direct_unit_cost),
           "line_discount_pct": str(line.line_discount_pct), "location": line.location_code,
           "gen_prod_posting_group": line.gen_prod_posting_group,
           "vat_prod_posting_group": line.vat_prod_posting_group,
           "applies_to_entry": line.applies_to_item_entry, "assign_to_entry": line.assign_to_entry}
    if line.charge_assignments:
        raw["assign_to_entries"] = [a.item_ledger_entry_no for a in line.charge_assignments]
        raw["assignment_method"] = line.charge_assignments[0].method
    return raw


def _summary(line: PurchaseLine) -> str:
    return f"{line.type} {line.no} x {_plain(line.quantity)} @ {_plain(line.direct_unit_cost)}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value is not None else ""
