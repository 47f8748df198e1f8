"""What a sales credit memo or return order line may take back (BC "Appl.-from Item Entry").

One check for both documents: the line's ``applies_from_entry`` must be a sale of the
line's item to the document's own customer, and the quantity taken back (with what
earlier return receipts and credit memos took) may not exceed what was sold. Business
Central refuses the same ("Exact Cost Reversing Mandatory", the item ledger entry's
customer and remaining returnable quantity).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.ledger.model import ItemLedgerEntry, ValueEntry
from domain.money import ZERO
from domain.problems import Problem


def returnable_entry(session: Session, customer_no: str, line, qty: Decimal, problems: list[Problem],
                     claimed: dict[int, Decimal] | None = None) -> ItemLedgerEntry | None:
    """The sale entry ``line`` takes ``qty`` back from, or ``None`` with the reason in ``problems``
    (the caller has checked that the line names an entry). ``claimed``: what the document's
    earlier lines take back from each entry (two lines cannot together return more than was
    sold); this line's quantity is added when it fits."""
    where, entry_no = f"lines[{line.line_no}]", line.applies_from_item_entry
    entry = session.get(ItemLedgerEntry, entry_no)
    if entry is None or entry.positive or entry.entry_type != "sale" or entry.item_no != line.no:
        problems.append(Problem("SALES-APPLIES-FROM-NOT-A-SALE", where + ".applies_from_entry",
                                {"entry_no": entry_no}))
        return None
    if entry.source_type != "customer" or entry.source_no != customer_no:
        problems.append(Problem("SALES-APPLIES-FROM-OTHER-CUSTOMER", where + ".applies_from_entry", {
            "line_no": line.line_no, "entry_no": entry_no, "customer_no": customer_no}))
        return None
    claimed = {} if claimed is None else claimed
    left = -entry.quantity - returned(session, entry_no) - claimed.get(entry_no, ZERO)
    if qty > left:
        problems.append(Problem("SALES-RETURN-MORE-THAN-SHIPPED", where, {
            "line_no": line.line_no, "qty": _plain(qty), "entry_no": entry_no, "returnable": _plain(left)}))
        return None
    claimed[entry_no] = claimed.get(entry_no, ZERO) + qty
    return entry


def returned(session: Session, entry_no: int) -> Decimal:
    """Quantity already taken back from sale entry ``entry_no`` (return receipts and credit memos)."""
    ile, ve = ItemLedgerEntry, ValueEntry
    returns = select(ve.item_ledger_entry_no).where(ve.applies_to_entry == entry_no).distinct()
    return session.scalar(select(func.sum(ile.quantity)).where(
        ile.entry_no.in_(returns), ile.positive.is_(True))) or ZERO


def _plain(qty: Decimal) -> str:
    return f"{qty.normalize():f}"
