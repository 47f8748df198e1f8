"""What both sides' prepayments share: the Prepayment % read at import, the prepayment
accounts of the general posting setup, the prepayment documents of an order and whether
they are paid ("Check Prepmt. when Posting").

Business Central ("Set Up Prepayments"): the Prepayment % of an order header defaults from
the vendor (customer) card; a line takes the item's prepayment % when the item has one
(BC's Purchase / Sales Prepayment % table per item), else the header's; a line may name its
own. Only orders carry it: on an invoice or credit memo ``prepayment_pct`` stays an unknown
key. The prepayment invoice posts to the Purch. Prepayments Account (Sales Prepayments
Account) of the line's general posting setup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.ledger.customer_entries import LEDGERS
from domain.ledger.rules import amounts as amt
from domain.ledger.rules import prepayment
from domain.ledger.rules.amounts import Fixed
from domain.ledger.rules.prepayment import PrepaymentLine, line_prepayment, pct_problem
from domain.money import ZERO, round_amount
from domain.parse import RATE, Reader, Shape
from domain.problems import Problem
from domain.purchasing.prepayment_model import PrepaymentDocument
from domain.setup.model.cards import Item
from domain.setup.model.company import GeneralPostingSetup, VATPostingSetup

PCT_SHAPE = Shape({"prepayment_pct"})
#: side -> the general posting setup column of its prepayment account
ACCOUNT_COLUMN = {"purchase": "purch_prepayments_account", "sales": "sales_prepayments_account"}
PARTY = {"purchase": "vendor", "sales": "customer"}


@dataclass
class Pcts:
    """The ``prepayment_pct`` keys of an order's import, taken out before its shapes read it."""

    header: object = None
    lines: dict[int, object] = field(default_factory=dict)


def split_pcts(data) -> tuple[object, Pcts]:
    """``data`` without its ``prepayment_pct`` keys (a copy: the caller's dict is not changed)."""
    pcts = Pcts()
    if not isinstance(data, dict):
        return data, pcts
    data = dict(data)
    pcts.header = data.pop("prepayment_pct", None)
    lines = data.get("lines")
    if isinstance(lines, list):
        copied = []
        for index, raw in enumerate(lines, start=1):
            if isinstance(raw, dict) and "prepayment_pct" in raw:
                raw = dict(raw)
                pcts.lines[index] = raw.pop("prepayment_pct")
            copied.append(raw)
        data["lines"] = copied
    return data, pcts


def _read(value, where: str, problems: list[Problem]) -> Decimal | None:
    if value is None:
        return None
    r = Reader({"prepayment_pct": value}, where, PCT_SHAPE)
    pct = r.decimal("prepayment_pct", places=RATE)
    problems += r.problems
    field_name = f"{where}.prepayment_pct" if where else "prepayment_pct"
    if pct is not None and (problem := pct_problem(pct, field_name)) is not None:
        problems.append(problem)
        return None
    return pct


def apply_pcts(session: Session, header, pcts: Pcts, card_pct: Decimal) -> list[Problem]:
    """Set the header's and lines' Prepayment %: given, else the item's, else the header's
    (which defaults to the vendor's / customer's ``card_pct``)."""
    problems: list[Problem] = []
    given = _read(pcts.header, "", problems)
    header.prepayment_pct = given if given is not None else (card_pct or ZERO)
    for line in header.lines:
        own = _read(pcts.lines.get(line.line_no), f"lines[{line.line_no}]", problems)
        item = session.get(Item, line.no) if line.type == "item" else None
        if own is not None:
            line.prepayment_pct = own
        elif item is not None and item.prepayment_pct:
            line.prepayment_pct = item.prepayment_pct
        else:
            line.prepayment_pct = header.prepayment_pct
    return problems


def prepayment_line(session: Session, header, line, price: Decimal) -> PrepaymentLine:
    """The rules' view of an order line (``price``: its direct unit cost or unit price)."""
    vat = vat_setup(session, header, line)
    pct = vat.vat_pct if vat is not None else ZERO
    reverse = vat is not None and vat.calculation_type == "reverse_charge"
    computed = amt.compute([amt.LineInput(line.line_no, line.quantity, price, line.line_discount_pct, "line", pct)],
                           header.prices_including_vat, header.currency_code)
    return PrepaymentLine(line.line_no, line.quantity, line.quantity_invoiced, computed.lines[0].line_amount,
                          line.prepayment_pct, line.prepmt_amt_inv, line.prepmt_amt_deducted,
                          Fixed(line.prepmt_vat_base_inv, line.prepmt_vat_amount_inv, line.prepmt_amount_inv_lcy,
                                line.prepmt_vat_amount_inv_lcy),
                          Fixed(line.prepmt_vat_base_deducted, line.prepmt_vat_amount_deducted,
                                line.prepmt_amount_deducted_lcy, line.prepmt_vat_amount_deducted_lcy),
                          bool(header.prices_including_vat) and not reverse)


def vat_setup(session: Session, header, line) -> VATPostingSetup | None:
    return session.scalar(select(VATPostingSetup).where(
        VATPostingSetup.vat_bus_posting_group == header.vat_bus_posting_group,
        VATPostingSetup.vat_prod_posting_group == line.vat_prod_posting_group))


def invoice_amounts(session: Session, header, amounts: dict[int, Decimal], lcy: str) -> dict[int, Fixed]:
    """Line no. -> the net and VAT the prepayment invoice of ``amounts`` posts for the line."""
    due = {}
    for line in header.lines:
        if line.line_no in amounts:
            vat = vat_setup(session, header, line)
            calc, pct = (vat.calculation_type, vat.vat_pct) if vat is not None else ("normal", ZERO)
            due[line.line_no] = (amounts[line.line_no], f"{calc}|{pct}|{line.vat_prod_posting_group}", pct,
                                 calc == "reverse_charge")
    return prepayment.invoice_amounts(due, header.prices_including_vat, header.currency_code, lcy,
                                      lambda amount: to_lcy(header, amount, lcy))


def to_lcy(header, amount: Decimal, lcy: str) -> Decimal:
    """``amount`` in LCY at the document's exchange rate (as the posting planners convert)."""
    return amount if header.currency_code == lcy else round_amount(amount * header.exchange_rate, lcy)


def add_invoiced(line, amounts: Fixed, sign: Decimal) -> None:
    """The order line's prepayment net and VAT invoiced grow by ``sign`` x ``amounts``."""
    line.prepmt_vat_base_inv = line.prepmt_vat_base_inv + sign * amounts.net
    line.prepmt_vat_amount_inv = line.prepmt_vat_amount_inv + sign * amounts.vat
    line.prepmt_amount_inv_lcy = line.prepmt_amount_inv_lcy + sign * amounts.net_lcy
    line.prepmt_vat_amount_inv_lcy = line.prepmt_vat_amount_inv_lcy + sign * amounts.vat_lcy


def add_deducted(line, amounts: Fixed) -> None:
    line.prepmt_vat_base_deducted = line.prepmt_vat_base_deducted + amounts.net
    line.prepmt_vat_amount_deducted = line.prepmt_vat_amount_deducted + amounts.vat
    line.prepmt_amount_deducted_lcy = line.prepmt_amount_deducted_lcy + amounts.net_lcy
    line.prepmt_vat_amount_deducted_lcy = line.prepmt_vat_amount_deducted_lcy + amounts.vat_lcy


def prepayment_line_columns(fixed: Fixed | None) -> dict:
    """A purchase draft line's columns for a prepayment line of ``fixed`` (None: an ordinary line)."""
    if fixed is None:
        return {}
    return {"prepayment_line": True, "prepmt_vat_base_inv": fixed.net, "prepmt_vat_amount_inv": fixed.vat,
            "prepmt_amount_inv_lcy": fixed.net_lcy, "prepmt_vat_amount_inv_lcy": fixed.vat_lcy}


def line_fixed(line) -> Fixed | None:
    """A purchase draft line's amounts when it is a prepayment line (what the planner posts as they are)."""
    if not getattr(line, "prepayment_line", False):
        return None
    return Fixed(line.prepmt_vat_base_inv, line.prepmt_vat_amount_inv, line.prepmt_amount_inv_lcy,
                 line.prepmt_vat_amount_inv_lcy)


def to_deduct(session: Session, header, line, price: Decimal, qty: Decimal,
              lcy: str) -> tuple[Decimal, Fixed | None]:
    """What the final invoice of ``qty`` of ``line`` deducts: (amount in the price convention, its
    net and VAT or None for a legacy line); the order line's deducted amounts grow by it."""
    view = prepayment_line(session, header, line, price)
    if view.legacy:
        amount, fixed = prepayment.to_deduct(view, qty, header.currency_code), None
    else:
        fixed = prepayment.to_deduct_fixed(view, qty, header.currency_code, lcy)
        amount = view.shown(fixed) if fixed is not None else ZERO
    if fixed is not None:
        add_deducted(line, fixed)
    line.prepmt_amt_deducted = line.prepmt_amt_deducted + amount
    return amount, fixed


def prepayment_account(session: Session, side: str, gen_bus: str, gen_prod: str, line_no: int,
                       problems: list[Problem]) -> str | None:
    """The prepayment account of (gen_bus, gen_prod), or PREPMT-ACCOUNT-MISSING."""
    setup = session.scalar(select(GeneralPostingSetup).where(
        GeneralPostingSetup.gen_bus_posting_group == gen_bus,
        GeneralPostingSetup.gen_prod_posting_group == gen_prod))
    account = getattr(setup, ACCOUNT_COLUMN[side], None) if setup is not None else None
    if not account:
        problems.append(Problem("PREPMT-ACCOUNT-MISSING", f"lines[{line_no}]",
                                {"gen_bus": gen_bus, "gen_prod": gen_prod, "side": side}))
    return account


def documents(session: Session, side: str, order_no: str) -> list[PrepaymentDocument]:
    return list(session.scalars(select(PrepaymentDocument).where(
        PrepaymentDocument.side == side, PrepaymentDocument.order_no == order_no).order_by(PrepaymentDocument.id)))


def record(session: Session, side: str, document_type: str, posted_no: str, header, party_no: str,
           amount: Decimal, amount_including_vat: Decimal, user: str | None) -> None:
    session.add(PrepaymentDocument(side=side, document_type=document_type, posted_no=posted_no,
                                   order_no=header.no, party_no=party_no, posting_date=header.posting_date,
                                   amount=amount, amount_including_vat=amount_including_vat, created_by=user))
    session.flush()


def cancel_problem(session: Session, side: str, posted_no: str) -> Problem | None:
    """PREPMT-CANNOT-CANCEL for a prepayment invoice or a final invoice that deducted a prepayment
    (BC: a posted prepayment invoice is not corrected or cancelled; the order's prepayment
    credit memo takes it back, and the order keeps what was invoiced and deducted)."""
    found = session.scalar(select(PrepaymentDocument).where(PrepaymentDocument.side == side,
                                                            PrepaymentDocument.posted_no == posted_no))
    if found is None:
        return None
    return Problem("PREPMT-CANNOT-CANCEL", "no", {"no": posted_no, "order_no": found.order_no})


def open_invoices(session: Session, side: str, order_no: str) -> list[str]:
    """The order's prepayment invoices whose ledger entry is still open (not paid in full)."""
    entry = LEDGERS[PARTY[side]][0]
    nos = [d.posted_no for d in documents(session, side, order_no) if d.document_type == "invoice"]
    if not nos:
        return []
    return sorted(session.scalars(select(entry.document_no).where(entry.document_no.in_(nos), entry.open)))


def check_problems(session: Session, side: str, header, lines: list[PrepaymentLine], check: bool) -> list[Problem]:
    """BC "Check Prepmt. when Posting": with ``check`` on, an order whose prepayment is not
    invoiced in full or not paid is neither shipped (received) nor invoiced."""
    if not check or header.document_type != "order":
        return []
    uninvoiced = [line.line_no for line in lines
                  if line.prepayment_pct and line_prepayment(line, header.currency_code) > line.prepmt_amt_inv
                  and line.quantity_invoiced < line.quantity]
    unpaid = open_invoices(session, side, header.no)
    if not uninvoiced and not unpaid:
        return []
    return [Problem("PREPMT-UNPAID", "no", {"no": header.no, "documents": ", ".join(unpaid) or "-"})]


def overview(session: Session, side: str, order, price_of) -> dict:
    """An order's prepayment as ``… order prepayments`` shows it: per line the Prepayment %, the
    prepayment (BC Prepmt. Line Amount), what is invoiced and deducted (in the order's price
    convention) and the VAT of each; the prepayment documents
    with whether each is still open (unpaid)."""
    open_nos = set(open_invoices(session, side, order.no))
    lines = []
    for line in order.lines:
        view = prepayment_line(session, order, line, price_of(line))
        lines.append({"line_no": line.line_no, "no": line.no, "description": line.description,
                      "prepayment_pct": line.prepayment_pct, "line_amount": view.line_amount,
                      "prepayment": line_prepayment(view, order.currency_code),
                      "invoiced": line.prepmt_amt_inv, "deducted": line.prepmt_amt_deducted,
                      "invoiced_vat": line.prepmt_vat_amount_inv, "deducted_vat": line.prepmt_vat_amount_deducted})
    docs = [{"posted_no": d.posted_no, "document_type": d.document_type, "posting_date": d.posting_date,
             "amount": d.amount, "amount_including_vat": d.amount_including_vat,
             "open": d.posted_no in open_nos} for d in documents(session, side, order.no)]
    return {"order_no": order.no, "prepayment_pct": order.prepayment_pct, "currency": order.currency_code,
            "lines": lines, "documents": docs}
