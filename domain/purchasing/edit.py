"""Editing a purchase draft: header fields and line fields, each edit a new version.

Business Central semantics: a document pending approval cannot be modified
(cancel the request first); a released document is reopened by the edit and
its approval no longer counts (the request is voided, so posting asks for a
new one). Every edit bumps ``version``, is an append-only audit event naming
the editor (who therefore may not approve the document), and a refused edit is
audited too.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain import identifiers as ids
from domain.app import App, required_port
from domain.identifiers import normalise_document_no
from domain.identity.access import require
from domain.parse import AMOUNT, QTY, RATE, UNIT, Reader, Shape
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.purchasing.documents import (
    header_value_problems,
    locked_header,
    version_hash,
)
from domain.purchasing import prepayment_edits
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.purchasing.rules import value_problems
from domain.setup.model.cards import Vendor
from domain.setup.model.company import Location, VATProdPostingGroup

HEADER_FIELDS = {
    "vendor_no": "text", "vendor_invoice_no": "text", "vendor_iban": "bank_account",
    "payment_reference": "payment_reference",
    "posting_date": "date", "document_date": "date", "due_date": "date",
    "exchange_rate": ("decimal", RATE), "amount_including_vat": ("decimal", AMOUNT),
    "vat_amount": ("decimal", AMOUNT), "prices_including_vat": "boolean",
}
HEADER_COLUMNS = {"amount_including_vat": "vendor_amount_incl_vat", "vat_amount": "vendor_vat_amount"}
LINE_FIELDS = {
    "description": "text", "quantity": ("decimal", QTY), "direct_unit_cost": ("decimal", UNIT),
    "line_discount_pct": ("decimal", RATE), "vat_prod_posting_group": "text", "location": "text",
    "indirect_cost_pct": ("decimal", RATE),
}
LINE_COLUMNS = {"location": "location_code"}
#: the columns that bound an edited text (as in the import: refused when longer, never cut)
HEADER_SHAPE = Shape(HEADER_FIELDS, PurchaseHeader, HEADER_COLUMNS)
LINE_SHAPE = Shape(LINE_FIELDS, PurchaseLine, LINE_COLUMNS)


@dataclass(frozen=True)
class EditResult:
    document_no: str
    version: int
    status: str
    approval_voided: bool


def edit_document(app: App, no: str, changes: dict[str, str], line_no: int | None = None) -> EditResult:
    """Set ``changes`` (field -> text) on the header, or on line ``line_no``."""
    actor = app.user
    try:
        return _edit(app, no, changes, line_no, actor)
    except DomainError as exc:
        app.port("approvals").refused(app, no, actor, "edit", exc)
        raise


def _edit(app: App, no: str, changes: dict[str, str], line_no: int | None, actor) -> EditResult:
    with app.uow() as session:
        require(session, actor, "purchase.edit")
        header = locked_header(session, no)
        if header.status == "posted":
            raise DomainError("PURCH-DOCUMENT-POSTED", f"{no} is posted: correct it with a credit memo", no=no)
        if header.status == "pending_approval":
            raise DomainError("APPROVAL-DOCUMENT-LOCKED", f"{no} waits for approval: cancel the request "
                              "before editing", no=no)
        fields, shape = (LINE_FIELDS, LINE_SHAPE) if line_no is not None else (HEADER_FIELDS, HEADER_SHAPE)
        vendor = session.get(Vendor, str(changes.get("vendor_no") or header.vendor_no))
        values = _read(changes, fields, shape, vendor.country if vendor is not None else None)
        target = _target(header, line_no)
        before_hash = version_hash(header)
        was = prepayment_edits.fields_of(target) if line_no is not None else None
        if line_no is None and (prepaid := prepayment_edits.header_problems(
                header, {HEADER_COLUMNS.get(k, k): v for k, v in values.items()})):
            raise RejectedError(Rejected(prepaid))
        for name, value in values.items():
            _set(session, header, target, name, value, line_no is not None)
        _check(header, target, line_no)
        if was is not None and (prepaid := prepayment_edits.change_problems(
                "purchase", header, target, was, prepayment_edits.fields_of(target), target.quantity,
                target.direct_unit_cost, target.line_discount_pct)):
            raise RejectedError(Rejected(prepaid))
        session.flush()
        if version_hash(header) == before_hash:
            return EditResult(no, header.version, header.status, False)
        header.version += 1
        before, header.status = header.status, "open"
        comment = ", ".join(f"{k}={v}" for k, v in changes.items()) + (
            f" (line {line_no})" if line_no is not None else "")
        voided = required_port(session, "approvals").edited(session, header, actor, before, comment)
        return EditResult(no, header.version, header.status, voided)


def _read(changes: dict[str, str], fields: dict, shape: Shape, country: str | None) -> dict:
    """The edited values, read as the import reads them (text bounded by its column, payment
    details checked by their check digits); a field that cannot be edited: PURCH-EDIT-UNKNOWN-FIELD."""
    r = Reader({k: v for k, v in changes.items() if k in fields}, shape=shape)
    values = {}
    for name in changes:
        kind = fields.get(name)
        if kind is None:
            r.problems.append(Problem("PURCH-EDIT-UNKNOWN-FIELD", name, {"allowed": ", ".join(fields)}))
        elif kind == "text":
            values[name] = r.text(name, default="")
        elif kind == "bank_account":
            values[name] = r.identifier(name, ids.bank_account)
        elif kind == "payment_reference":
            values[name] = r.identifier(name, lambda value: ids.payment_reference(value, country))
        elif kind == "date":
            values[name] = r.date(name, required=True)
        elif kind == "boolean":
            values[name] = r.boolean(name)
        else:
            values[name] = r.decimal(name, places=kind[1])
    if r.problems:
        raise RejectedError(Rejected(r.problems))
    return values


def _check(header: PurchaseHeader, target, line_no: int | None) -> None:
    """The edited document obeys the import's rules (README: purchase import)."""
    if line_no is not None:
        problems = value_problems(line_no, target.quantity, target.direct_unit_cost,
                                  target.line_discount_pct, True, target.type, target.indirect_cost_pct)
    else:
        problems = header_value_problems(header.exchange_rate)
        if header.due_date and header.document_date and header.due_date < header.document_date:
            problems.append(Problem("PURCH-DUE-BEFORE-DOCUMENT-DATE", "due_date", {
                "due_date": header.due_date.isoformat(), "document_date": header.document_date.isoformat()}))
    if problems:
        raise RejectedError(Rejected(problems))


def _target(header: PurchaseHeader, line_no: int | None):
    if line_no is None:
        return header
    line = next((x for x in header.lines if x.line_no == line_no), None)
    if line is None:
        raise DomainError("PURCH-LINE-NOT-FOUND", f"{header.no} has no line {line_no}", no=header.no,
                          line_no=line_no)
    return line


def _set(session, header: PurchaseHeader, target, name: str, value, is_line: bool) -> None:
    if is_line:
        if name == "vat_prod_posting_group" and session.get(VATProdPostingGroup, value) is None:
            raise RejectedError(Rejected([Problem("SETUP-UNKNOWN-VAT-PROD-POSTING-GROUP", name,
                                                  {"code": value})]))
        if name == "location" and value and session.get(Location, value) is None:  # as the import checks it
            raise RejectedError(Rejected([Problem("SETUP-UNKNOWN-LOCATION", f"lines[{target.line_no}].location",
                                                  {"location": value})]))
        setattr(target, LINE_COLUMNS.get(name, name), value)
        return
    if name == "vendor_no":
        vendor = session.get(Vendor, value)
        if vendor is None or vendor.blocked == "all":
            code = "PURCH-UNKNOWN-VENDOR" if vendor is None else "PURCH-VENDOR-BLOCKED"
            raise RejectedError(Rejected([Problem(code, name, {"vendor_no": value})]))
        header.vendor_no, header.vendor_iban = vendor.no, vendor.iban
        header.gen_bus_posting_group = vendor.gen_bus_posting_group
        header.vat_bus_posting_group = vendor.vat_bus_posting_group
        header.vendor_posting_group = vendor.vendor_posting_group
        return
    if name == "vendor_invoice_no":
        header.vendor_invoice_no_norm = normalise_document_no(value)
    setattr(header, HEADER_COLUMNS.get(name, name), value or None if name in ("vendor_iban",
                                                                          "payment_reference") else value)
