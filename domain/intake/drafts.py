"""Decide an incoming document: a draft purchase invoice / credit memo, or review.

BC's "Create Document" from an incoming document, with the checks first: the
vendor must be known, nothing may say the invoice is a duplicate (same vendor
+ vendor invoice no., ``AP-DUPLICATE-VENDOR-INVOICE``), every required field
must be there, and the lines must map to items or accounts with a VAT group
for their rate. The draft carries the printed totals (``amount_including_vat``,
``vat_amount``) so posting compares them with its own computation, and the
bank account printed on the invoice (``vendor_iban``), flagged when it is not
the one on the vendor card.

Runs inside the caller's transaction. The draft is checked as ``purchase import``
checks it (:func:`prepare_document`) before anything of it is written: a refusal
leaves the incoming document in review with the reasons and writes nothing (the
draft's lines name items and G/L accounts, never a nonstock entry, the one thing
preparing a draft would write), so no SAVEPOINT is needed. :func:`judge` also
works on a document that is not in the session yet (registration: it is judged
first and written once, domain/intake/register.py).
"""

from __future__ import annotations

import functools
import json
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from domain import intake_contract as contract
from domain.intake import mapping, rules
from domain.intake.model import IncomingDocument, IncomingDocumentProblem
from domain.problems import Problem, Rejected, RejectedError
from domain.purchasing.documents import find_duplicate, prepare_document
from domain.purchasing.draft_store import save_document
from domain.purchasing.model import PurchaseHeader
from domain.setup.model.cards import Item, Vendor
from domain.setup.model.company import Company, GLAccount, VendorPostingGroup
from domain.setup.queries import company, setup_tables


def fields_of(doc: IncomingDocument) -> dict[str, str | None]:
    return {f.name: f.value for f in doc.fields}


def _dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def problem_row(p: Problem, stage: str, severity: str) -> IncomingDocumentProblem:
    return IncomingDocumentProblem(code=p.code, field=p.field, stage=stage, severity=severity,
                                     params=json.dumps(p.params, default=str, ensure_ascii=False))


def evaluate(session: Session, doc: IncomingDocument, user: str | None, today, create: bool) -> None:
    """Recompute the stored document's check problems; create the draft when nothing blocks and ``create``."""
    comp = company(session)
    status, header = judge(session, doc, user, today, create, comp)
    if header is not None:
        header.incoming_document_entry_no = doc.entry_no
        save_document(session, header, comp)
        doc.purchase_header_id, doc.purchase_document_no = header.id, header.no
    doc.status = status


@contextmanager
def holding(session: Session):
    """Keep every row loaded in the block referenced until it ends. The identity map holds rows
    weakly, so without this the draft's look-up of an account, item or VAT group read moments
    before (by the line mapping, or by the previous line) is one more SELECT each. Registration
    holds a whole batch of documents (domain/intake/register.py ``register_many``), so the
    vendor, accounts and items the first one read serve the others too."""
    held: list = []

    def keep(_session, instance) -> None:
        held.append(instance)

    event.listen(session, "loaded_as_persistent", keep)
    try:
        yield
    finally:
        event.remove(session, "loaded_as_persistent", keep)


def judge(session: Session, doc: IncomingDocument, user: str | None, today, create: bool, comp: Company,
          fields: dict[str, str | None] | None = None) -> tuple[str, PurchaseHeader | None]:
    """The document's status after every check, its check problems recomputed on ``doc``, and,
    when it is to be created, its draft: checked, not yet numbered nor added (:func:`save_document`).
    ``fields`` are the document's field values when the caller has them (registration), else read."""
    with holding(session):
        return _judge(session, doc, user, today, create, comp, fields_of(doc) if fields is None else fields)


def _judge(session: Session, doc: IncomingDocument, user: str | None, today, create: bool, comp: Company,
           fields: dict[str, str | None]) -> tuple[str, PurchaseHeader | None]:
    doc.problems = [p for p in doc.problems if p.stage == "extract"]
    fields = rules.usable_fields(fields, [(p.code, p.field) for p in doc.problems])
    found: list[Problem] = [Problem("INTAKE-MISSING-FIELD", name, {"field": name})
                            for name in contract.REQUIRED_FIELDS
                            if not fields.get(name) and not any(p.field == name for p in doc.problems)]
    if not any(p.field == "gross_amount" for p in doc.problems):
        total = rules.totals_problem(*(_dec(fields.get(n)) for n in contract.AMOUNT_FIELDS))
        found += [total] if total is not None else []
    with session.no_autoflush:  # look-ups of other rows: the document's changes flush once, later
        vendor = _vendor(session, doc, fields, comp, found)
    data = None
    if vendor is not None:
        data = _draft_data(session, doc, vendor, fields, comp, found, user)
    known = vendor is not None
    for row in doc.problems:
        row.severity = rules.severity(Problem(row.code, row.field), known)
    doc.problems += [problem_row(p, "check", rules.severity(p, known)) for p in found]
    status, header = rules.decide([row.severity for row in doc.problems]), None
    if status == "created" and create and data is not None:
        header = _prepare(session, data, user, today, comp)
        if isinstance(header, Rejected):
            doc.problems += [problem_row(p, "check", "error") for p in header.problems]
            status, header = "review", None
    elif status == "created":
        status = "review"  # ready: waits for `documents create-invoice`
    return status, header


def _vendor(session: Session, doc: IncomingDocument, fields: dict, comp: Company,
            found: list[Problem]) -> Vendor | None:
    vendor = session.get(Vendor, doc.vendor_no) if doc.vendor_match == "user" and doc.vendor_no else None
    conflict = None
    if vendor is None:
        vendor, how, conflict = mapping.match_vendor(session, fields)
        doc.vendor_match = how if vendor is not None else None
    if vendor is not None:
        doc.vendor_no, doc.proposed_vendor = vendor.no, None
        return vendor
    if conflict is not None:  # a person picks the vendor (documents correct --vendor); no card proposed
        doc.vendor_no, doc.proposed_vendor = None, None
        found.append(Problem("INTAKE-VENDOR-ID-CONFLICT", "vendor_no",
                             {"vendors": conflict["vendors"], "printed": conflict["printed"]}))
        return None
    card = mapping.proposed_vendor_card(session, fields, comp)
    doc.vendor_no, doc.proposed_vendor = None, json.dumps(card, ensure_ascii=False)
    found.append(Problem("INTAKE-UNKNOWN-VENDOR", "vendor_no",
                         {"name": card.get("name", ""), "proposed_no": card["no"]}))
    return None


def _duplicate(session: Session, doc: IncomingDocument, vendor: Vendor, doc_type: str,
               invoice_no: str | None) -> Problem | None:
    if not invoice_no:
        return None
    params = {"vendor_no": vendor.no, "vendor_invoice_no": invoice_no}
    existing = find_duplicate(session, vendor.no, doc_type, invoice_no)
    if existing:
        return Problem("AP-DUPLICATE-VENDOR-INVOICE", "invoice_no", {**params, "existing": existing})
    norm = rules.invoice_no_norm(invoice_no)
    entry_no = session.scalar(_others_query(), {
        "vendor_no": vendor.no, "document_type": doc.document_type, "entry_no": doc.entry_no or 0, "norm": norm})
    if entry_no is not None:
        doc.duplicate_of = entry_no
        return Problem("AP-DUPLICATE-VENDOR-INVOICE", "invoice_no",
                       {**params, "existing": f"incoming document {entry_no}"})
    doc.duplicate_of = None
    return None


@functools.cache
def _others_query():
    """Built once (statements are immutable): the first other document of the vendor with the same
    normalised invoice no., by the index on (vendor_no, invoice_no_norm); a document not yet
    stored has no entry no.: 0 is none's."""
    return (select(IncomingDocument.entry_no).where(
        IncomingDocument.vendor_no == bindparam("vendor_no"),
        IncomingDocument.invoice_no_norm == bindparam("norm"),
        IncomingDocument.entry_no != bindparam("entry_no"),
        IncomingDocument.document_type == bindparam("document_type"),
        IncomingDocument.status.in_(("review", "created", "posted")))
        .order_by(IncomingDocument.entry_no).limit(1))


def _bank(vendor: Vendor, ids: dict[str, str], found: list[Problem]) -> None:
    printed = {ids.get("iban"), ids.get("bank_account_no")} - {None}
    if rules.bank_account_changed(printed, mapping.card_bank_ids(vendor)):
        found.append(Problem("INTAKE-BANK-ACCOUNT-CHANGED", "vendor_iban", {
            "vendor_no": vendor.no, "printed": ids.get("iban") or ids.get("bank_account_no"),
            "card": vendor.iban or vendor.bank_account_no}))


def _groups(doc: IncomingDocument, net, vat, sign, tables) -> list[tuple[Decimal, Decimal]]:
    """The printed VAT breakdown; for a one-rate invoice without one, the rate that fits."""
    groups = [(Decimal(g["rate"]), sign * Decimal(g["base"])) for g in json.loads(doc.vat_groups or "[]")]
    if not groups and net is not None and vat is not None:
        legal = {s.vat_pct for s in tables.vat.values() if s.calculation_type == "normal"}
        rate = rules.derive_rate(net, vat, legal)
        groups = [(rate, net)] if rate is not None else []
    return groups


def _draft_data(session: Session, doc: IncomingDocument, vendor: Vendor, fields: dict,
                comp: Company, found: list[Problem], user: str | None) -> dict | None:
    doc_type, sign = rules.sign_of(doc.document_type, _dec(fields.get("gross_amount")))
    net, vat, gross = (_dec(fields.get(n)) for n in contract.AMOUNT_FIELDS)
    net, vat, gross = (sign * v if v is not None else None for v in (net, vat, gross))
    ids = mapping.invoice_ids(fields)
    _bank(vendor, ids, found)
    with session.no_autoflush:  # reads other documents only (entry_no != this one)
        duplicate = _duplicate(session, doc, vendor, doc_type, fields.get("invoice_no"))
    if duplicate is not None:
        found.append(duplicate)
    with session.no_autoflush:  # read-only look-ups: flush the document once, not per query
        fallback = mapping.default_account(session, vendor.no, comp.country)
        found += mapping.map_lines(session, doc, vendor, comp.country, fallback)
    learned = False
    for line in doc.lines:
        if line.mapped_by == "user" and line.type and line.no:
            mapping.learn(session, vendor.no, line.description, line.type, line.no, user)
            learned = True
    source = [rules.SourceLine(ln.line_no, ln.description, ln.quantity,
                               sign * ln.unit_price if ln.unit_price is not None else None,
                               ln.discount_pct, ln.vat_rate, sign * ln.amount if ln.amount is not None else None)
              for ln in doc.lines]
    tables = setup_tables(session)  # cached while the posting setup is unchanged
    setups = sorted((prod, s.calculation_type, s.vat_pct) for (bus, prod), s in tables.vat.items()
                    if bus == vendor.vat_bus_posting_group)
    drafted = rules.draft_lines(source, _groups(doc, net, vat, sign, tables), net,
                                f"{vendor.name} {fields.get('invoice_no') or ''}".strip())
    if drafted is None:
        found.append(Problem("INTAKE-NO-LINES", "lines"))
        return None
    if doc.lines and drafted[0].source_line_no is None:
        found.append(Problem("INTAKE-LINES-FROM-VAT-GROUPS", "lines", {"lines": len(doc.lines)}))
    with session.no_autoflush:
        if learned:  # a line without text may have taught the vendor's default: ask again
            fallback = mapping.default_account(session, vendor.no, comp.country)
        lines = _import_lines(session, doc, vendor, drafted, fallback, setups, found)
        lines += _settlement_lines(session, vendor, fields, sign, setups, found)
    payable = _payable(fields, gross, sign)
    data = {"document_type": doc_type, "vendor_no": vendor.no, "vendor_invoice_no": fields.get("invoice_no"),
            "document_date": fields.get("invoice_date"), "due_date": fields.get("due_date"),
            "currency": fields.get("currency"), "payment_reference": fields.get("payment_reference"),
            "vendor_iban": ids.get("iban"), "prices_including_vat": False, "lines": lines}
    if payable is not None:
        data["amount_including_vat"] = str(payable)
    if vat is not None:
        data["vat_amount"] = str(vat)
    return {k: v for k, v in data.items() if v is not None}


#: (field, vendor posting group account, line text) of what turns the gross amount into the amount due
_SETTLEMENT = (("prepaid_amount", "prepayment_account", "Prepaid amount / forskudd / vooruitbetaling", -1),
               ("rounding_amount", "invoice_rounding_account", "Rounding / avrunding / afronding", 1))


def _payable(fields: dict, gross: Decimal | None, sign: Decimal) -> Decimal | None:
    """What the vendor ledger will owe: the e-invoice's amount due (BT-115) where it prints one."""
    if gross is None:
        return None
    prepaid, rounding = (_dec(fields.get(n)) or Decimal(0) for n in ("prepaid_amount", "rounding_amount"))
    return gross - sign * prepaid + sign * rounding


def _settlement_lines(session: Session, vendor: Vendor, fields: dict, sign: Decimal, setups: list,
                      found: list[Problem]) -> list[dict]:
    """A prepaid amount (BT-113) and a payable rounding (BT-114) as G/L lines without VAT on
    the vendor posting group's prepayment and invoice rounding accounts, so the vendor
    ledger entry is the amount due while the VAT stays the invoice's (Business Central:
    prepayment deduction and invoice rounding lines)."""
    out, group = [], None
    for name, column, text, direction in _SETTLEMENT:
        value = _dec(fields.get(name))
        if not value:
            continue
        group = group or session.get(VendorPostingGroup, vendor.vendor_posting_group)
        account_no = getattr(group, column, None) if group is not None else None
        account = session.get(GLAccount, account_no) if account_no else None
        if account is None:
            found.append(Problem("INTAKE-SETTLEMENT-ACCOUNT-MISSING", name, {
                "group": vendor.vendor_posting_group, "account": column}))
            continue
        vat_group = rules.vat_prod_group(setups, Decimal(0), account.vat_prod_posting_group)
        if vat_group is None:
            found.append(Problem("INTAKE-VAT-RATE-UNMAPPED", name, {
                "rate": "0", "vat_bus": vendor.vat_bus_posting_group}))
            continue
        out.append({"type": "gl_account", "no": account.no, "description": text, "quantity": "1",
                    "direct_unit_cost": str(direction * sign * value), "line_discount_pct": "0",
                    "vat_prod_posting_group": vat_group})
    return out


def _fit(description: str) -> str:
    """A draft line's description. The document's own descriptions fit (register checked them
    against the contract); only our label (vendor name + invoice no., for a line without text
    or a line per VAT rate) can be longer, and it is ours to shorten."""
    return description[:contract.LINE_LENGTHS["description"][0]]


def _import_lines(session: Session, doc: IncomingDocument, vendor: Vendor, drafted: list[rules.DraftLine],
                  fallback: tuple[str, str] | None, setups: list, found: list[Problem]) -> list[dict]:
    by_no = {ln.line_no: ln for ln in doc.lines}
    out = []
    for i, d in enumerate(drafted, start=1):
        source = by_no.get(d.source_line_no)
        kind, no = (source.type, source.no) if source is not None else ("gl_account", fallback and fallback[0])
        if not kind or not no:
            found.append(Problem("INTAKE-LINE-UNMAPPED", f"lines[{i}]", {"description": d.description}))
            continue
        target = session.get(Item if kind == "item" else GLAccount, no)
        preferred = target.vat_prod_posting_group if target is not None else None
        group = rules.vat_prod_group(setups, d.vat_rate, preferred)
        if group is None:
            found.append(Problem("INTAKE-VAT-RATE-UNMAPPED", f"lines[{i}]", {
                "rate": str(d.vat_rate), "vat_bus": vendor.vat_bus_posting_group}))
            continue
        out.append({"type": kind, "no": no, "description": _fit(d.description), "quantity": str(d.quantity),
                    "direct_unit_cost": str(d.direct_unit_cost), "line_discount_pct": str(d.line_discount_pct),
                    "vat_prod_posting_group": group})
    return out


def _prepare(session: Session, data: dict, user: str | None, today, comp: Company) -> PurchaseHeader | Rejected:
    # _draft_data looked for the vendor invoice no. (find_duplicate) in this transaction
    try:
        return prepare_document(session, data, user, today, comp, duplicate_checked=True)
    except RejectedError as exc:
        return exc.rejected
