"""Create, read and list purchase invoice and credit memo drafts.

Defaults come from master data as in Business Central: the vendor gives
posting groups, payment terms (due date = document date + due-date formula),
currency and "prices including VAT"; an item line takes description, unit,
direct unit cost (last direct cost) and posting groups from the item card, a
G/L line from the account, a charge line from the item charge. Vendor invoice
no. is mandatory and unique per vendor and document type, compared normalised
(case, spaces, dashes), checked here and again at posting.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from domain import dateformula
from domain import identifiers as ids
from domain.app import App
from domain.db import lock
from domain.hashing import document_hash
from domain.identifiers import normalise_document_no
from domain.identity.access import require
from domain.inventory import nonstock, units
from domain.money import ZERO
from domain.parse import AMOUNT, QTY, RATE, UNIT, Reader, Shape, at_position
from domain.problems import DomainError, NotFound, Problem, Rejected, RejectedError
from domain.purchasing.model import (
    PostedPurchaseHeader,
    PurchaseChargeAssignment,
    PurchaseHeader,
    PurchaseLine,
)
from domain.purchasing import tracking
from domain.purchasing.draft_store import save_document
from domain.purchasing.rules import value_problems
from domain.setup.contacts import document_contact_problems
from domain.setup.currencies import currency_problems
from domain.setup.masterdata import account_line_defaults, item_line_defaults
from domain.setup.model.cards import Item, ItemCharge, Vendor
from domain.setup.model.company import Location, PaymentTerms, VATProdPostingGroup
from domain.setup.queries import company

DOCUMENT_TYPES = ("invoice", "credit_memo")
LINE_TYPES = ("item", "gl_account", "charge_item")

#: the keys of the purchase import (README "purchase import"); any other key is refused
#: (IMPORT-UNKNOWN-KEY); a special order line is made from its sales order line (``sales
#: create-purchase-orders``), never imported; an order's prepayment_pct is taken out and read
#: before these shapes (domain.purchasing.prepayment_setup)
HEADER_COLUMNS = {"currency": "currency_code", "payment_terms": "payment_terms_code"}
HEADER_SHAPE = Shape({
    "document_type", "vendor_no", "vendor_invoice_no", "posting_date", "document_date", "due_date",
    "currency", "exchange_rate", "prices_including_vat", "payment_terms", "payment_reference", "vendor_iban",
    "amount_including_vat", "vat_amount", "applies_to_doc_no", "contact_no", "lines"}, PurchaseHeader,
    HEADER_COLUMNS)
#: an order (return order) has no printed totals, payment details or applies-to yet: those come
#: with the vendor's invoice (``purchase order invoice``)
ORDER_SHAPE = Shape({
    "document_type", "vendor_no", "vendor_invoice_no", "posting_date", "document_date", "due_date",
    "currency", "exchange_rate", "prices_including_vat", "payment_terms", "ship_to_customer_no", "contact_no",
    "lines"},
    PurchaseHeader, HEADER_COLUMNS)
LINE_SHAPE = Shape({
    "type", "no", "description", "quantity", "unit_of_measure", "direct_unit_cost", "line_discount_pct",
    "location", "gen_prod_posting_group", "vat_prod_posting_group", "applies_to_entry", "assign_to_entry",
    "assign_to_entries", "assignment_method", "indirect_cost_pct", "tracking", "variant_code", "nonstock_no"},
    PurchaseLine,
    {"location": "location_code"})


def find_duplicate(session: Session, vendor_no: str, document_type: str, vendor_invoice_no: str,
                   include_drafts: bool = True) -> str | None:
    """The number of a posted (or, with ``include_drafts``, draft) document with the
    same vendor invoice no. At posting only posted documents count (as in BC), so
    two drafts of one invoice cannot block each other: the first one posts."""
    norm = normalise_document_no(vendor_invoice_no)
    if not norm:
        return None
    return session.scalar(_duplicate_query(include_drafts),
                          {"vendor_no": vendor_no, "document_type": document_type, "norm": norm})


@functools.cache
def _duplicate_query(include_drafts: bool):
    """Built once (statements are immutable): every posting and registration asks. With the
    drafts, one statement: a posted document first, else an open draft."""
    def same(cls, rank: int, *where):
        return select(cls.no, literal(rank).label("rank")).where(
            cls.vendor_no == bindparam("vendor_no"), cls.document_type == bindparam("document_type"),
            cls.vendor_invoice_no_norm == bindparam("norm"), *where)
    posted = same(PostedPurchaseHeader, 0)
    if not include_drafts:
        return posted
    return union_all(posted, same(PurchaseHeader, 1, PurchaseHeader.status != "posted")).order_by("rank").limit(1)


def create_document(app: App, data: dict) -> str:
    """Create a draft from the import shape (README "purchase import"); returns its no."""
    with app.uow() as session:
        require(session, app.user, "purchase.edit")
        header = build_document(session, data, app.user, app.today)
        return header.no


def create_documents(app: App, documents: list) -> list[str]:
    """Create drafts from a list of import shapes, all or none, in one transaction; returns
    their nos in order. Every document is checked: when any has a problem nothing is
    created (the numbers taken go back) and the RejectedError lists the problems of every
    document, each field starting with the document's position (``[2].lines[1].quantity``)."""
    with app.uow() as session:
        require(session, app.user, "purchase.edit")
        numbers, problems = [], []
        for position, data in enumerate(documents, start=1):
            try:
                numbers.append(build_document(session, data, app.user, app.today).no)
            except RejectedError as exc:
                problems += at_position(exc.rejected.problems, position)
        if problems:
            raise RejectedError(Rejected(problems))
        return numbers


def build_document(session: Session, data: dict, user: str | None, today) -> PurchaseHeader:
    comp = company(session)
    return save_document(session, prepare_document(session, data, user, today, comp), comp)


def prepare_document(session: Session, data: dict, user: str | None, today, comp,
                     duplicate_checked: bool = False) -> PurchaseHeader:
    """The checked draft of ``data``, not numbered nor in the session (else RejectedError); writes
    nothing unless a line names a ``nonstock`` entry. ``duplicate_checked``: by the caller, in this transaction."""
    r = Reader(data, shape=HEADER_SHAPE)
    doc_type = r.choice("document_type", DOCUMENT_TYPES, required=True, default="invoice")
    vendor = read_vendor(session, r)
    vendor_invoice_no = r.text("vendor_invoice_no", required=True, default="")
    posting_date = r.date("posting_date", default=today(comp.time_zone))
    document_date = r.date("document_date", default=posting_date)
    currency = (r.text("currency") or (vendor.currency_code if vendor else None) or comp.currency).upper()
    exchange_rate = r.decimal("exchange_rate", default=Decimal(1) if currency == comp.currency else ZERO,
                              places=RATE)
    header = PurchaseHeader(
        document_type=doc_type, vendor_invoice_no=vendor_invoice_no,
        vendor_invoice_no_norm=normalise_document_no(vendor_invoice_no),
        posting_date=posting_date, document_date=document_date, currency_code=currency,
        exchange_rate=exchange_rate, payment_reference=read_payment_reference(r, vendor),
        vendor_iban=r.identifier("vendor_iban", ids.bank_account),
        vendor_amount_incl_vat=r.decimal("amount_including_vat", places=AMOUNT),
        vendor_vat_amount=r.decimal("vat_amount", places=AMOUNT), applies_to_doc_no=r.text("applies_to_doc_no"),
        contact_no=r.text("contact_no"), created_by=user, status="open", version=1,
    )
    problems = header_value_problems(exchange_rate) + currency_problems(currency, comp.currency)
    if vendor is not None:
        problems += applies_to_problems(session, vendor.no, doc_type, header.applies_to_doc_no, currency)
        apply_vendor(session, header, vendor, r, problems)
        problems += document_contact_problems(session, header.contact_no, "vendor", vendor.no)
        duplicate = None if duplicate_checked else find_duplicate(session, vendor.no, doc_type, vendor_invoice_no)
        if duplicate:
            problems.append(Problem("AP-DUPLICATE-VENDOR-INVOICE", "vendor_invoice_no", {
                "vendor_no": vendor.no, "vendor_invoice_no": vendor_invoice_no, "existing": duplicate}))
    raw_lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(Problem("IMPORT-MISSING-FIELD", "lines"))
        raw_lines = []
    header.lines = [read_line(session, i + 1, raw, problems, doc_type) for i, raw in enumerate(raw_lines)]
    problems[:0] = r.problems  # last: the vendor's defaults read fields too (prices_including_vat, due_date)
    if problems:
        raise RejectedError(Rejected(problems))
    return header


def read_vendor(session: Session, r: Reader) -> Vendor | None:
    """The vendor ``vendor_no`` names (problems on ``r``: unknown, blocked for all)."""
    vendor_no = r.text("vendor_no", required=True)
    if vendor_no is None:
        return None
    vendor = session.get(Vendor, vendor_no)
    if vendor is None:
        r.problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": vendor_no}))
    elif vendor.blocked == "all":
        r.problems.append(Problem("PURCH-VENDOR-BLOCKED", "vendor_no", {"vendor_no": vendor_no}))
    return vendor


def read_payment_reference(r: Reader, vendor: Vendor | None) -> str | None:
    """The payment reference, checked by its scheme (KID, betalingskenmerk for a Dutch
    vendor, RF creditor reference; free text is not checked)."""
    country = vendor.country if vendor is not None else None
    return r.identifier("payment_reference", lambda value: ids.payment_reference(value, country))


def apply_vendor(session: Session, header: PurchaseHeader, vendor: Vendor, r: Reader,
                 problems: list[Problem]) -> None:
    """The vendor's defaults on ``header``: posting groups, payment terms and due date, IBAN."""
    header.vendor_no = vendor.no
    header.gen_bus_posting_group = vendor.gen_bus_posting_group
    header.vat_bus_posting_group = vendor.vat_bus_posting_group
    header.vendor_posting_group = vendor.vendor_posting_group
    header.prices_including_vat = r.boolean("prices_including_vat", vendor.prices_including_vat)
    header.payment_terms_code = r.text("payment_terms", default=vendor.payment_terms_code)
    terms = None
    if header.payment_terms_code:
        terms = session.get(PaymentTerms, header.payment_terms_code)
        if terms is None:
            problems.append(Problem("SETUP-UNKNOWN-PAYMENT-TERMS", "payment_terms",
                                    {"code": header.payment_terms_code}))
    header.vendor_iban = header.vendor_iban or vendor.iban
    due = r.date_or_formula("due_date", header.document_date)
    if due is None:
        due = dateformula.apply(terms.due_date_formula, header.document_date) if terms else header.document_date
    header.due_date = due
    if terms is not None and terms.discount_date_formula and terms.discount_pct:
        header.pmt_discount_date = dateformula.apply(terms.discount_date_formula, header.document_date)
        header.payment_discount_pct = terms.discount_pct
    if due < header.document_date:
        problems.append(Problem("PURCH-DUE-BEFORE-DOCUMENT-DATE", "due_date",
                                {"due_date": due.isoformat(), "document_date": header.document_date.isoformat()}))


def read_line(session: Session, line_no: int, raw, problems: list[Problem],
              doc_type: str | None = "invoice") -> PurchaseLine:
    """A draft line from its import shape, with the item/account/charge defaults (and its item
    tracking, checked for ``doc_type``: domain.purchasing.tracking; a ``nonstock`` line: the item
    made from the catalog entry; its unit and variant: domain.inventory.units)."""
    r = Reader(raw, f"lines[{line_no}]", LINE_SHAPE)
    line_type, no = nonstock.line_item(session, r, LINE_TYPES, "gl_account")
    line = PurchaseLine(
        line_no=line_no, type=line_type, no=no, quantity=r.decimal("quantity", required=True, default=ZERO, places=QTY),
        line_discount_pct=r.decimal("line_discount_pct", default=ZERO, places=RATE), location_code=r.text("location", default=""),
        applies_to_item_entry=r.integer("applies_to_entry"), assign_to_entry=r.integer("assign_to_entry"),
    )
    if line_type == "charge_item":
        line.charge_assignments = _charge_assignments(r)
    defaults = _line_defaults(session, line_type, no, r)
    line.description = r.text("description", default=defaults.get("description", ""))
    item = session.get(Item, no) if line_type == "item" and no else None
    base_only = units.keeps_base(item, doc_type, isinstance(raw, dict) and bool(raw.get("tracking")))
    unit = None if base_only or doc_type is None else defaults.get("purch_unit")  # BC: Purch. Unit of Measure
    line.unit_of_measure = r.text("unit_of_measure", default=unit or defaults.get("unit", ""))
    line.variant_code = r.text("variant_code", default="") or ""
    if line_type == "item" or line.variant_code:
        r.problems += units.line_problems(session, item, line.unit_of_measure, line.variant_code, f"lines[{line_no}]",
                                          doc_type, line.quantity, base_only)
    line.direct_unit_cost = r.decimal("direct_unit_cost", default=defaults.get("cost"), places=UNIT)
    line.gen_prod_posting_group = r.text("gen_prod_posting_group", default=defaults.get("gen_prod", ""))
    line.vat_prod_posting_group = r.text("vat_prod_posting_group", default=defaults.get("vat_prod"))
    # BC copies the item's Indirect Cost % to the purchase line; only an item line carries one
    line.indirect_cost_pct = r.decimal("indirect_cost_pct", default=defaults.get("indirect_pct") or ZERO,
                                       places=RATE)
    if line.direct_unit_cost is None:
        field_name = f"lines[{line_no}].direct_unit_cost"
        if not any(p.field == field_name for p in r.problems):
            r.problems.append(Problem("IMPORT-MISSING-FIELD", field_name))
        line.direct_unit_cost = ZERO
    if not line.vat_prod_posting_group:
        r.problems.append(Problem("IMPORT-MISSING-FIELD", f"lines[{line_no}].vat_prod_posting_group"))
    elif session.get(VATProdPostingGroup, line.vat_prod_posting_group) is None:
        r.problems.append(Problem("SETUP-UNKNOWN-VAT-PROD-POSTING-GROUP", f"lines[{line_no}]",
                                  {"code": line.vat_prod_posting_group}))
    if line.location_code and session.get(Location, line.location_code) is None:
        r.problems.append(Problem("SETUP-UNKNOWN-LOCATION", f"lines[{line_no}].location",
                                  {"location": line.location_code}))
    _read_tracking(session, r, line, doc_type)
    unreadable = {p.field for p in r.problems}
    problems += r.problems + [p for p in value_problems(line_no, line.quantity, line.direct_unit_cost,
                                                        line.line_discount_pct, True, line_type,
                                                        line.indirect_cost_pct)
                              if p.field not in unreadable]
    return line


def _read_tracking(session: Session, r: Reader, line: PurchaseLine, doc_type: str | None) -> None:
    portions = tracking.read_tracking(r, line.line_no)
    line.tracking = [p.stored() for p in portions]
    if doc_type is None or any(p.field.startswith(f"lines[{line.line_no}].tracking") for p in r.problems):
        return
    item = session.get(Item, line.no) if line.type == "item" and line.no else None
    r.problems += tracking.line_problems(session, doc_type, line.line_no, line.type, item, line.quantity, portions,
                                        line.applies_to_item_entry)
    if item is not None and doc_type not in tracking.OUTBOUND:
        r.problems += tracking.inbound_problems(session, line.line_no, item.no, portions)


def applies_to_problems(session: Session, vendor_no: str, doc_type: str, applies_to: str | None,
                        currency: str | None = None) -> list[Problem]:
    """A credit memo applies to a posted invoice of the same vendor (BC Applies-to Doc. No.),
    in the invoice's currency (BC applies no entries between currencies by default)."""
    if not applies_to:
        return []
    found = session.execute(select(PostedPurchaseHeader.no, PostedPurchaseHeader.currency_code).where(
        PostedPurchaseHeader.no == applies_to, PostedPurchaseHeader.vendor_no == vendor_no,
        PostedPurchaseHeader.document_type == "invoice")).first()
    if found is None or doc_type != "credit_memo":
        return [Problem("PURCH-UNKNOWN-APPLIES-TO-DOC", "applies_to_doc_no",
                        {"applies_to_doc_no": applies_to, "vendor_no": vendor_no})]
    if currency is not None and (found.currency_code or "") != (currency or ""):
        return [Problem("PURCH-APPLIES-TO-OTHER-CURRENCY", "applies_to_doc_no", {
            "applies_to_doc_no": applies_to, "currency": currency, "invoice_currency": found.currency_code})]
    return []


def header_value_problems(exchange_rate: Decimal | None) -> list[Problem]:
    """An exchange rate is positive (zero: not given, posting looks it up or refuses)."""
    if exchange_rate is not None and exchange_rate < ZERO:
        return [Problem("PURCH-NEGATIVE-EXCHANGE-RATE", "exchange_rate", {"rate": str(exchange_rate)})]
    return []


def _charge_assignments(r: Reader) -> list[PurchaseChargeAssignment]:
    """``assign_to_entries: [1, 2]`` with ``assignment_method`` equally | by_amount: one
    charge shared over several receipt entries (BC Item Charge Assignment)."""
    method = r.choice("assignment_method", ("equally", "by_amount"), default="equally")
    raw = r.raw("assign_to_entries")
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(str(x).strip().isdigit() for x in raw):
        r.problems.append(Problem("IMPORT-INVALID-NUMBER", f"{r.where}.assign_to_entries", {"value": str(raw)}))
        return []
    entries = sorted({int(str(x).strip()) for x in raw})
    return [PurchaseChargeAssignment(item_ledger_entry_no=no, method=method) for no in entries]


def _line_defaults(session: Session, line_type: str, no: str, r: Reader) -> dict:
    if not no:
        return {}
    if line_type == "item":
        return item_line_defaults(session, no, r, "PURCH")
    if line_type == "gl_account":
        return account_line_defaults(session, no, r)
    charge = session.get(ItemCharge, no)
    if charge is None:
        r.problems.append(Problem("PURCH-UNKNOWN-ITEM-CHARGE", f"{r.where}.no", {"charge": no}))
        return {}
    return {"description": charge.description, "gen_prod": charge.gen_prod_posting_group,
            "vat_prod": charge.vat_prod_posting_group}


def get_document(session: Session, no: str) -> PurchaseHeader:
    header = session.scalar(select(PurchaseHeader).options(selectinload(PurchaseHeader.lines))
                            .where(PurchaseHeader.no == no))
    if header is None:
        raise NotFound("PURCH-DOCUMENT-NOT-FOUND", f"no purchase document {no!r}", no=no)
    return header


def list_documents(app: App, status: str | None = None) -> list[PurchaseHeader]:
    with app.uow() as session:
        query = select(PurchaseHeader).options(selectinload(PurchaseHeader.lines)).order_by(PurchaseHeader.id)
        if status:
            query = query.where(PurchaseHeader.status == status)
        return list(session.scalars(query))


def locked_header(session: Session, no: str) -> PurchaseHeader:
    header = session.scalar(lock(session, select(PurchaseHeader).where(PurchaseHeader.no == no)))
    if header is None:
        raise DomainError("PURCH-DOCUMENT-NOT-FOUND", f"no purchase document {no!r}", no=no)
    return header


def version_hash(header: PurchaseHeader) -> str:
    fields = ("document_type", "vendor_no", "vendor_iban", "vendor_invoice_no", "currency_code",
              "exchange_rate", "prices_including_vat", "posting_date", "document_date", "due_date",
              "payment_reference", "vendor_amount_incl_vat", "vendor_vat_amount", "gen_bus_posting_group",
              "vat_bus_posting_group", "vendor_posting_group")
    line_fields = ("line_no", "type", "no", "description", "quantity", "unit_of_measure", "direct_unit_cost",
                   "line_discount_pct", "gen_prod_posting_group", "vat_prod_posting_group", "location_code",
                   "applies_to_item_entry", "assign_to_entry")
    if header.document_type in ("order", "return_order"):
        # BC: the vendor's invoice (credit memo) no. is filled in on a released order when it is
        # invoiced; it does not change what was approved
        fields = tuple(f for f in fields if f != "vendor_invoice_no")
    extra = ("applies_to_doc_no", "ship_to_customer_no", "contact_no")
    return document_hash({f: getattr(header, f) for f in fields} | _set(header, extra),
                         [{f: getattr(line, f) for f in line_fields} | _set(line, LINE_EXTRAS)
                          | ({"charge_assignments": sorted([a.item_ledger_entry_no, a.method]
                                                           for a in line.charge_assignments)}
                             if line.type == "charge_item" and line.charge_assignments else {})
                          for line in header.lines])


#: line fields an approver saw that join the fingerprint only when set, so that the fingerprints
#: of documents from before them stay the same (a pending approval survives an upgrade)
LINE_EXTRAS = ("indirect_cost_pct", "variant_code", "tracking")


def _set(row, names: tuple[str, ...]) -> dict:
    return {name: value for name in names if (value := getattr(row, name, None))}
