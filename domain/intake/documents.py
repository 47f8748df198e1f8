"""Incoming documents for people: list, show, correct, accept the vendor, create the draft.

Each command is one transaction (design.md section 1). A correction is checked
like an extracted value, against the field contract (domain/intake_contract.py:
a value without room is refused, never cut), stored on the field with who made
it (confidence 1, source ``user``) and clears the extraction problems of that field; a line mapped by hand is remembered for
the vendor's next invoice (:func:`intake_mapping.learn`). Corrections never
create the draft by themselves: as in BC, ``create-invoice`` does, after the
same checks as the sweep. Registration lives in :mod:`intake_register`,
deciding in :mod:`intake_drafts`, matching in :mod:`intake_mapping`.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from domain import identifiers as ids
from domain import intake_contract as contract
from domain.app import App
from domain.approvals.model import ApprovalRequest
from domain.identity.access import require
from domain.intake import rules
from domain.intake.drafts import evaluate, fields_of
from domain.intake.model import IncomingDocument, IncomingDocumentField
from domain.money import MoneyError, to_decimal
from domain.problems import DomainError, NotFound, Problem, Rejected, RejectedError
from domain.purchasing.model import PurchaseHeader
from domain.setup import masterdata
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import GLAccount

_IDENTIFIERS = {"vendor_org_no": ids.org_no, "vendor_vat_id": ids.vat_id, "vendor_kvk": ids.kvk_no,
                "vendor_iban": ids.iban, "vendor_account_no": ids.no_bank_account}
_OPEN = ("new", "review")


def _load(session: Session, entry_no: int) -> IncomingDocument:
    doc = session.scalar(select(IncomingDocument).where(IncomingDocument.entry_no == entry_no).options(
        selectinload(IncomingDocument.fields), selectinload(IncomingDocument.lines),
        selectinload(IncomingDocument.problems), selectinload(IncomingDocument.copies)))
    if doc is None:
        raise NotFound("INTAKE-DOCUMENT-NOT-FOUND", f"no incoming document {entry_no}", entry_no=entry_no)
    return doc


def mark_posted(session: Session, header: PurchaseHeader, posted_no: str) -> None:
    """BC: the incoming document turns Posted in the posting's own transaction (an
    ``after_posting`` port of purchasing, wired by domain.bootstrap)."""
    if header.incoming_document_entry_no is None:
        return
    session.execute(update(IncomingDocument).where(
        IncomingDocument.entry_no == header.incoming_document_entry_no,
        IncomingDocument.status == "created").values(status="posted")
        .execution_options(synchronize_session=False))


def refresh_posted(session: Session) -> None:
    """Documents whose draft has been posted become ``posted`` (BC status Posted)."""
    posted = select(PurchaseHeader.id).where(PurchaseHeader.status == "posted")
    for doc in session.scalars(select(IncomingDocument).where(
            IncomingDocument.status == "created", IncomingDocument.purchase_header_id.in_(posted))):
        doc.status = "posted"


def list_documents(app: App, status: str | None = None) -> list[dict]:
    with app.uow() as session:
        refresh_posted(session)
        query = select(IncomingDocument).options(
            selectinload(IncomingDocument.fields), selectinload(IncomingDocument.problems),
            selectinload(IncomingDocument.copies)).order_by(IncomingDocument.entry_no)
        if status:
            query = query.where(IncomingDocument.status == status)
        return [_summary(doc) for doc in session.scalars(query)]


def _summary(doc: IncomingDocument) -> dict:
    fields = fields_of(doc)
    return {"entry_no": doc.entry_no, "status": doc.status, "type": doc.document_type,
            "source": doc.source_kind or "", "name": doc.original_name, "vendor_no": doc.vendor_no or "",
            "vendor_name": fields.get("vendor_name") or "", "invoice_no": fields.get("invoice_no") or "",
            "gross_amount": fields.get("gross_amount") or "", "currency": fields.get("currency") or "",
            "document": doc.purchase_document_no or "", "copies": len(doc.copies),
            "problems": " ".join(p.code for p in doc.problems if p.severity == "error")}


def show_document(app: App, entry_no: int, language: str = "en") -> dict:
    with app.uow() as session:
        refresh_posted(session)
        return describe(_load(session, entry_no), language)


#: lines ``documents show`` prints of one document (``lines_total`` says how many it has);
#: e-invoices over ocr.xmlsafe.MAX_LINES lines keep none, this bounds any other
MAX_SHOWN_LINES = 5_000


def describe(doc: IncomingDocument, language: str = "en") -> dict:
    data = _summary(doc)
    data.update({
        "sha256": doc.sha256, "pages": doc.page_count, "size": doc.size, "vendor_match": doc.vendor_match,
        "duplicate_of": doc.duplicate_of, "archive_path": doc.archive_path,
        "quarantine_path": doc.quarantine_path, "quarantine_code": doc.quarantine_code,
        "created_at": doc.created_at,
        "fields": [{"name": f.name, "value": f.value, "confidence": f.confidence, "source": f.source,
                    "corrected_by": f.corrected_by} for f in doc.fields],
        "lines": [{"line_no": ln.line_no, "description": ln.description, "quantity": ln.quantity,
                   "unit_price": ln.unit_price, "vat_rate": ln.vat_rate, "amount": ln.amount,
                   "vendor_item_no": ln.vendor_item_no, "standard_item_no": ln.standard_item_no,
                   "type": ln.type, "no": ln.no,
                   "mapped_by": ln.mapped_by} for ln in doc.lines[:MAX_SHOWN_LINES]],
        "lines_total": len(doc.lines),
        "problems": [{"code": p.code, "field": p.field, "severity": p.severity,
                      "message": Problem(p.code, p.field, json.loads(p.params)).message(language),
                      "params": json.loads(p.params)}  # the rule id of PEPPOL-RULE-*, say
                     for p in doc.problems],
        "proposed_vendor": json.loads(doc.proposed_vendor) if doc.proposed_vendor else None,
    })
    return data


def _invalid(name: str, value: str, code: str = "INTAKE-INVALID-CORRECTION") -> Problem:
    return Problem(code, name, {"value": value})


def _header_value(name: str, value: str) -> str | Problem:
    """The corrected value as the field stores it, checked like an extracted one; or its problem."""
    checked = _parsed_header_value(name, value.strip())
    if isinstance(checked, Problem):
        return checked
    return rules.too_long(name, checked, contract.FIELD_LENGTHS[name][0]) or checked


def _parsed_header_value(name: str, value: str) -> str | Problem:
    try:
        if name in contract.DATE_FIELDS:
            return dt.date.fromisoformat(value).isoformat()
        if name in contract.AMOUNT_FIELDS:
            return format(to_decimal(value), "f")
        if name in _IDENTIFIERS and value:
            return _IDENTIFIERS[name](value)
        if name == "currency":
            return value.upper() if len(value) == 3 and value.isalpha() else _invalid(name, value)
    except (ValueError, MoneyError) as exc:
        return Problem(getattr(exc, "code", "INTAKE-INVALID-CORRECTION"), name, {"value": value})
    return value


def _set_field(session: Session, doc: IncomingDocument, name: str, value: str, user: str | None) -> None:
    row = next((f for f in doc.fields if f.name == name), None)
    if row is None:
        row = IncomingDocumentField(name=name)
        doc.fields.append(row)
    row.value, row.confidence, row.source, row.corrected_by = value or None, to_decimal("1"), "user", user
    if name == "invoice_no":
        doc.invoice_no_norm = rules.invoice_no_norm(value)
    doc.problems = [p for p in doc.problems if not (p.stage == "extract" and p.field == name)]


def _set_line(session: Session, doc: IncomingDocument, key: str, value: str, user: str | None,
              problems: list[Problem]) -> None:
    _, no, attr = (key.split(".") + ["", ""])[:3]
    line = next((ln for ln in doc.lines if str(ln.line_no) == no), None)
    if line is None or attr not in rules.LINE_FIELDS:
        problems.append(_invalid(key, value, "INTAKE-UNKNOWN-FIELD"))
        return
    if attr in ("account", "item"):
        if attr == "account" and session.get(GLAccount, value) is None:
            problems.append(Problem("SETUP-UNKNOWN-ACCOUNT", key, {"account": value, "value": value}))
            return
        if attr == "item" and session.get(Item, value) is None:
            problems.append(Problem("PURCH-UNKNOWN-ITEM", key, {"item_no": value, "value": value}))
            return
        line.type, line.no = ("gl_account" if attr == "account" else "item"), value
        line.mapped_by, line.corrected_by = "user", user
        return
    checked = _line_value(key, attr, value)
    if isinstance(checked, Problem):
        problems.append(checked)
        return
    setattr(line, attr, "" if checked is None and attr == "description" else checked)
    line.corrected_by = user
    doc.problems = [p for p in doc.problems if not (p.stage == "extract" and p.field == "lines")]


def _line_value(key: str, attr: str, value: str) -> str | Decimal | Problem | None:
    """A corrected line text or number, checked against its column like an extracted one."""
    if attr in contract.LINE_LENGTHS:
        return rules.too_long(key, value, contract.LINE_LENGTHS[attr][0], "lines") or value or None
    try:
        number = to_decimal(value)
    except MoneyError:
        return _invalid(key, value, "IMPORT-INVALID-NUMBER")
    return rules.line_number(key, attr, number)


def _apply(session: Session, doc: IncomingDocument, name: str, value: str, user: str | None,
           problems: list[Problem]) -> None:
    if name.startswith("line."):
        _set_line(session, doc, name, value, user, problems)
    elif name == "vendor_no":
        if session.get(Vendor, value) is None:
            problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": value}))
        doc.vendor_no, doc.vendor_match = value, "user"
    elif name == "account":
        for line in doc.lines:
            _set_line(session, doc, f"line.{line.line_no}.account", value, user, problems)
        if doc.vendor_no and session.get(GLAccount, value) is not None:
            from domain.intake.mapping import learn

            learn(session, doc.vendor_no, "", "gl_account", value, user)
    elif name == "document_type":
        if value not in ("invoice", "credit_memo"):
            problems.append(_invalid(name, value))
        doc.document_type = value
    elif name in contract.FIELD_NAMES:
        checked = _header_value(name, value)
        problems.append(checked) if isinstance(checked, Problem) else _set_field(session, doc, name, checked, user)
    else:
        problems.append(_invalid(name, value, "INTAKE-UNKNOWN-FIELD"))


def _open(doc: IncomingDocument) -> None:
    if doc.status not in _OPEN:
        raise DomainError("INTAKE-DOCUMENT-CLOSED", f"incoming document {doc.entry_no} is {doc.status}",
                          entry_no=doc.entry_no, status=doc.status)


def _reopen_draft(session: Session, doc: IncomingDocument) -> None:
    """A created document's draft is still a draft: a correction remakes it (BC: the created
    purchase invoice is deleted and created again from the corrected incoming document). A
    draft in approval (sent, approved or rejected) or already posted stays as it is."""
    header = session.get(PurchaseHeader, doc.purchase_header_id) if doc.purchase_header_id else None
    if header is None:
        raise DomainError("INTAKE-DOCUMENT-CLOSED", f"incoming document {doc.entry_no} is {doc.status}",
                          entry_no=doc.entry_no, status=doc.status)
    in_approval = session.scalar(select(func.count()).select_from(ApprovalRequest).where(
        ApprovalRequest.document_no == header.no))
    if header.status != "open" or in_approval:
        raise DomainError("INTAKE-DRAFT-IN-APPROVAL", f"draft {header.no} is in approval",
                          entry_no=doc.entry_no, no=header.no)
    doc.purchase_header_id = doc.purchase_document_no = None
    session.delete(header)
    session.flush()
    doc.status = "review"


def correct(app: App, entry_no: int, changes: dict[str, str]) -> dict:
    """Apply ``FIELD=VALUE`` corrections (``line.N.account``, ``line.N.item``, ``account`` for all
    lines, header fields, ``vendor_no``) and re-check; all or nothing. When nothing blocks any
    more the draft is created at once (the issue: "when every required field passes its checks,
    a draft ... is created"); ``create-invoice`` stays for an explicit retry."""
    with app.uow() as session:
        require(session, app.user, "intake.process")
        doc = _load(session, entry_no)
        if doc.status == "created":
            _reopen_draft(session, doc)
        _open(doc)
        problems: list[Problem] = []
        for name, value in changes.items():
            _apply(session, doc, name.strip(), value, app.user, problems)
        if problems:
            raise RejectedError(Rejected(problems))
        # the PEPPOL rules judged the document as received; a person who corrected it has reviewed
        # it (the intake's own checks still run on the corrected values): the rule errors go, the
        # rule warnings stay shown
        doc.problems = [p for p in doc.problems
                        if not (p.stage == "extract" and p.code in rules.CLEARED_BY_REVIEW)]
        evaluate(session, doc, app.user, app.today, create=True)
        return describe(doc)


def accept_vendor(app: App, entry_no: int, overrides: dict | None = None) -> str:
    """Create the proposed vendor card (masterdata.add_vendor) and link the document to it."""
    with app.uow() as session:
        require(session, app.user, "intake.process")
        doc = _load(session, entry_no)
        _open(doc)
        if not doc.proposed_vendor:
            raise DomainError("INTAKE-NO-PROPOSED-VENDOR", f"incoming document {entry_no} has a vendor",
                              entry_no=entry_no)
        card = {**json.loads(doc.proposed_vendor), **(overrides or {})}
    vendor = masterdata.add_vendor(app, card)
    with app.uow() as session:
        doc = _load(session, entry_no)
        doc.vendor_no, doc.vendor_match = vendor.no, "user"
        evaluate(session, doc, app.user, app.today, create=True)
    return vendor.no


def create_invoice(app: App, entry_no: int) -> str | Rejected:
    """The draft's number, creating it when every check passes (idempotent)."""
    with app.uow() as session:
        require(session, app.user, "intake.process")
        doc = _load(session, entry_no)
        if doc.status in ("created", "posted"):
            return doc.purchase_document_no
        _open(doc)
        evaluate(session, doc, app.user, app.today, create=True)
        if doc.status == "created":
            return doc.purchase_document_no
        return Rejected([Problem(p.code, p.field, json.loads(p.params))
                         for p in doc.problems if p.severity == "error"])


def file_path(app: App, entry_no: int) -> str:
    """Where the original file is: the archive, or quarantine for a refused file."""
    with app.uow() as session:
        doc = _load(session, entry_no)
        path = doc.archive_path or doc.quarantine_path
        if not path:
            raise DomainError("INTAKE-NO-FILE", f"incoming document {entry_no} has no stored file",
                              entry_no=entry_no)
        return path


def buyer_context(app: App) -> tuple[str, set[str]]:
    """The company's country and its own identifiers (never to be taken as the vendor's)."""
    from domain.setup.queries import company

    with app.uow() as session:
        comp = company(session)
        own = {v for v in (comp.org_no, comp.vat_id) if v}
        if comp.org_no and comp.country == "NO":
            own.add(f"NO{comp.org_no}MVA")
        return comp.country, own


def quarantined_paths(app: App) -> set[str]:
    with app.uow() as session:
        return set(session.scalars(select(IncomingDocument.quarantine_path).where(
            IncomingDocument.quarantine_path.is_not(None))))


def refresh(app: App) -> None:
    """Bring statuses up to date (drafts posted since the last look)."""
    with app.uow() as session:
        refresh_posted(session)
