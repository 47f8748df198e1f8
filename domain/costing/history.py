"""Reading what cost adjustment needs, set-based: an item's whole history, or (Average
items marked from a date, BC "Avg. Cost Adjmt. Entry Point") the window from that date's
average cost period on, with the periods before summarised per pool by their quantity
and value, summed in SQL from the already adjusted ledger.

Both return, per item, the entries with their value summed (:class:`Entry`), the
applications of the outbound entries (:class:`Application`) and, per entry, the row
the adjustment's value entries copy their references from.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, Numeric, and_, case, exists, func, or_, select, text, type_coerce
from sqlalchemy.orm import Session, aliased

from domain.costing.rules.adjust import Application, Entry, Opening, Revaluation
from domain.costing.rules.average import pool_key
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry, ValueEntry
from domain.money import ZERO

_PG_DECIMAL = Numeric(asdecimal=True)


def _decimal(conn, expr, exact_type):
    """``expr`` read as Decimal. PostgreSQL's driver returns NUMERIC as Decimal already, so
    there it is read without the per-value result hook of the column type; on SQLite the
    column's own type turns the stored scaled integer back into a Decimal."""
    return type_coerce(expr, _PG_DECIMAL if conn.dialect.name == "postgresql" else exact_type)


def read_history(session: Session, nos: list[str]) -> dict[str, tuple[list[Entry], list[Application], dict]]:
    """Every entry of the items ``nos`` with its value summed per item ledger entry.

    Two SELECTs (a third only when there are revaluations): the item ledger entries
    joined to their value entries summed per entry, and the item application entries.
    Rows are fetched at once and read by position (no per-row cursor calls)."""
    conn = session.connection()  # Core rows: no ORM loading machinery for plain columns
    result: dict[str, tuple[list, list, dict]] = {no: ([], [], {}) for no in nos}
    rows = conn.execute(_entries_query(conn, nos)).all()
    _add_entries(result, rows, _revaluations(conn, nos) if any(r[_REVALUED] for r in rows) else {})
    for r in conn.execute(_applications_query(conn, nos)).all():
        result[r[4]][1].append(Application(outbound=r[0], inbound=r[1], quantity=-r[2], fixed=bool(r[3])))
    return result


def _add_entries(result: dict, rows, revaluations: dict) -> None:
    for r in rows:  # positions as in _entries_query
        entries, _, info = result[r[1]]
        quantity = r[9]
        entries.append(Entry(
            entry_no=r[0], posting_date=r[2], quantity=quantity, remaining_quantity=r[10], location_code=r[8],
            transaction_no=r[13], invoiced_quantity=r[11], base_cost=ZERO if r[16] is None else r[16],
            rounding=ZERO if r[17] is None else r[17], last_cost_date=r[18],
            applies_from=r[12] if quantity > ZERO else None, revaluations=tuple(revaluations.get(r[0], ())),
            kind=r[3], variant_code=r[21] or ""))
        info[r[0]] = (r, r[19])


#: read an item whole when its window holds more than this many entries per entry summed
_WHOLE = 4
_CHUNK = 10_000  # entry numbers per IN list (SQLite allows 32,766 parameters a statement)


def read_window(session: Session, nos: list[str], start: dt.date, per_location: bool
                ) -> dict[str, tuple[list[Entry], list[Application], dict, Opening | None]]:
    """Average items from the average cost period starting ``start`` on (BC "Avg. Cost
    Adjmt. Entry Point"): per item its entries, applications, row info and opening.

    Read: the entries of ``start`` and later (an outbound entry by its valuation date,
    i.e. also one posted earlier but applied to an inbound entry posted from ``start``
    on), inbound entries taking cost from those, entries revalued from ``start`` on,
    the applications of the outbound ones and the entries they are applied to or take
    cost from (valued already: context). Everything classified earlier is summed per
    pool in SQL (:func:`_opening`). An item with nothing before ``start``, or whose window
    holds most of its entries (:data:`_WHOLE`), is read whole (:func:`read_history`, opening None)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":  # the planner's cost guess for the opening sums (subplans
        conn.execute(text("SET LOCAL jit = off"))  # over the item) set off JIT: 0.2-0.4 s compiling
    ile, ve = ItemLedgerEntry, ValueEntry
    late = _valued_late(nos, start)
    openings, before = _opening(conn, nos, start, per_location, late)
    valued_from_start = or_(ile.posting_date >= start, ile.entry_no.in_(late))
    core = select(ile.entry_no).where(ile.item_no.in_(nos), valued_from_start)
    wanted: dict[str, list[int]] = {}
    for no, item in conn.execute(select(ile.entry_no, ile.item_no).where(ile.item_no.in_(nos), or_(
            valued_from_start, and_(ile.quantity > 0, ile.applies_to_entry.in_(core)),
            ile.entry_no.in_(select(ve.item_ledger_entry_no).where(
                ve.item_no.in_(nos), ve.entry_type == "revaluation", ve.valuation_date >= start))))).all():
        wanted.setdefault(item, []).append(no)
    # nothing before the start (a new item, the first full run), or a window of most of the
    # history: reading the whole history is cheaper then, and gives the same result
    whole = [no for no in nos if no not in openings or len(wanted.get(no, ())) > _WHOLE * before.get(no, 0)]
    found = {no: (*history, None) for no, history in read_history(session, whole).items()} if whole else {}
    nos = [no for no in nos if no not in found]
    if not nos:
        return found
    wanted = sorted(n for no in nos for n in wanted.get(no, ()))
    rows = _rows_by_number(conn, nos, wanted)
    outbound = [r[0] for r in rows if r[9] < ZERO]
    applications = [r for chunk in _chunks(outbound)
                    for r in conn.execute(_applications_query(conn, nos, chunk)).all()]
    have = {r[0] for r in rows}
    refs = {r[1] for r in applications} | {r[12] for r in rows if r[9] > ZERO and r[12] is not None}
    rows += _rows_by_number(conn, nos, sorted(refs - have))
    result: dict[str, tuple[list, list, dict]] = {no: ([], [], {}) for no in nos}
    _add_entries(result, rows, _revaluations(conn, nos) if any(r[_REVALUED] for r in rows) else {})
    for r in applications:
        result[r[4]][1].append(Application(outbound=r[0], inbound=r[1], quantity=-r[2], fixed=bool(r[3])))
    return found | {no: (*window, Opening(start, openings[no])) for no, window in result.items()}


def _chunks(numbers: list[int]):
    for at in range(0, len(numbers), _CHUNK):
        yield numbers[at:at + _CHUNK]


def _rows_by_number(conn, nos: list[str], numbers: list[int]) -> list:
    return [r for chunk in _chunks(numbers) for r in conn.execute(_entries_query(conn, nos, chunk)).all()]


def _valued_late(nos: list[str], start: dt.date):
    """Outbound entries applied to an inbound entry posted from ``start`` on, or revalued with a
    valuation date from ``start`` on before they were posted: valued then (BC valuation date),
    whatever their posting date."""
    app, inbound, outbound, ve = ItemApplicationEntry, aliased(ItemLedgerEntry), aliased(ItemLedgerEntry), ValueEntry
    posted_late = select(app.outbound_item_entry_no).join(inbound, inbound.entry_no == app.inbound_item_entry_no).where(
        inbound.item_no.in_(nos), inbound.posting_date >= start, app.outbound_item_entry_no.is_not(None))
    revalued_late = select(app.outbound_item_entry_no).join(
        ve, ve.item_ledger_entry_no == app.inbound_item_entry_no).join(
        outbound, outbound.entry_no == app.outbound_item_entry_no).where(
        ve.item_no.in_(nos), ve.entry_type == "revaluation", ve.valuation_date >= start,
        outbound.transaction_no > ve.transaction_no)
    return posted_late.union(revalued_late)


def _opening(conn, nos: list[str], start: dt.date, per_location: bool, late
             ) -> tuple[dict[str, dict[str, tuple[Decimal, Decimal]]], dict[str, int]]:
    """Per item and pool, the quantity and value (every value entry: actual and expected,
    adjustments and rounding) of the entries classified before ``start``, as the average
    pass classifies them, plus the revaluations valued before ``start``. With calc type
    item the transfer halves that pass through the pool are left out (not their revaluations).
    Also per item how many entries that sums."""
    ile, ve, source = ItemLedgerEntry, ValueEntry, aliased(ItemLedgerEntry)
    before = and_(ile.posting_date < start, ile.entry_no.not_in(late))
    if not per_location:
        before = and_(before, ~and_(ile.entry_type == "transfer", or_(ile.quantity < 0, exists().where(
            source.entry_no == ile.applies_to_entry, source.quantity < 0))))
    keys = [ile.item_no, ile.location_code, ile.variant_code] if per_location else [ile.item_no]
    revalued = ve.entry_type == "revaluation"
    amount = func.sum(ve.cost_amount_actual + ve.cost_amount_expected)
    result: dict[str, dict[str, list]] = {}
    counts: dict[str, int] = {}
    for kind, query in (
            (0, select(*keys, func.count(), _decimal(conn, func.sum(ile.quantity), ile.quantity.type)).where(
                ile.item_no.in_(nos), before).group_by(*keys)),
            (1, select(*keys, _decimal(conn, amount, ve.cost_amount_actual.type))
             .join(ve, ve.item_ledger_entry_no == ile.entry_no).where(ile.item_no.in_(nos), ve.item_no.in_(nos), or_(
                 and_(~revalued, before), and_(revalued, ile.quantity > 0, ve.valuation_date < start)))
             .group_by(*keys))):
        for r in conn.execute(query).all():
            pool = result.setdefault(r[0], {}).setdefault(pool_key(r[1], r[2]) if per_location else "", [ZERO, ZERO])
            pool[kind] += r[-1] or ZERO
            if kind == 0:
                counts[r[0]] = counts.get(r[0], 0) + r[-2]
    return {no: {pool: (qty, value) for pool, (qty, value) in pools.items()}
            for no, pools in result.items()}, counts


_REVALUED = 20  # position of the revaluation count in _entries_query's rows


def _entries_query(conn, nos: list[str], numbers: list[int] | None = None):
    """Item ledger entries of ``nos`` (only entries ``numbers`` if given), each with its value entries
    summed: direct cost and the like (base), rounding, the last non-adjustment posting date, the gen.
    bus. posting group and how many revaluations it has."""
    ile, ve = ItemLedgerEntry, ValueEntry
    amount, qty = ve.cost_amount_actual.type, ile.quantity.type
    plain = ve.entry_type.notin_(("revaluation", "rounding"))
    both = ve.cost_amount_actual + ve.cost_amount_expected
    values = select(
        ve.item_ledger_entry_no.label("ile_no"),
        func.sum(case((plain, both), else_=0)).label("base"),
        func.sum(case((ve.entry_type == "rounding", both), else_=0)).label("rounding"),
        func.max(case((ve.adjustment.is_(False), ve.posting_date))).label("last_cost_date"),
        func.max(ve.gen_bus_posting_group).label("gen_bus"),
        func.count(case((ve.entry_type == "revaluation", 1))).label("revaluations"),
    ).where(ve.item_no.in_(nos) if numbers is None else ve.item_ledger_entry_no.in_(numbers)) \
        .group_by(ve.item_ledger_entry_no).subquery()
    query = select(
        ile.entry_no, ile.item_no, ile.posting_date, ile.entry_type, ile.document_type, ile.document_no,
        ile.document_line_no, ile.description, ile.location_code,
        _decimal(conn, ile.quantity, qty).label("quantity"),
        _decimal(conn, ile.remaining_quantity, qty).label("remaining_quantity"),
        _decimal(conn, ile.invoiced_quantity, qty).label("invoiced_quantity"),
        ile.applies_to_entry, ile.transaction_no, ile.source_type, ile.source_no,
        _decimal(conn, values.c.base, amount).label("value_base"),
        _decimal(conn, values.c.rounding, amount).label("value_rounding"),
        type_coerce(values.c.last_cost_date, Date).label("value_last_cost_date"),
        values.c.gen_bus.label("value_gen_bus"), values.c.revaluations.label("value_revaluations"),
        ile.variant_code,
    ).outerjoin(values, values.c.ile_no == ile.entry_no).where(ile.item_no.in_(nos))
    return query if numbers is None else query.where(ile.entry_no.in_(numbers))


def _revaluations(conn, nos: list[str]) -> dict[int, list[Revaluation]]:
    ve = ValueEntry
    found: dict[int, list[Revaluation]] = {}
    for r in conn.execute(select(ve.item_ledger_entry_no, ve.cost_amount_actual, ve.cost_amount_expected,
                                 ve.valued_quantity, ve.valuation_date, ve.transaction_no)
                          .where(ve.item_no.in_(nos), ve.entry_type == "revaluation")):
        found.setdefault(r[0], []).append(Revaluation(r[1] + r[2], r[3], r[4], r[5]))
    return found


def _applications_query(conn, nos: list[str], outbound: list[int] | None = None):
    """Item application entries of ``nos`` (of the outbound entries ``outbound`` if given) that
    apply an outbound entry (on PostgreSQL read from the covering index
    ``ix_item_application_entry_outbound_cover``)."""
    ile, app = ItemLedgerEntry, ItemApplicationEntry
    return select(app.outbound_item_entry_no, app.inbound_item_entry_no,
                  _decimal(conn, app.quantity, app.quantity.type), app.fixed, ile.item_no) \
        .join(ile, ile.entry_no == app.item_ledger_entry_no) \
        .where(ile.item_no.in_(nos), app.outbound_item_entry_no.is_not(None)) \
        .where(*(() if outbound is None else (app.item_ledger_entry_no.in_(outbound),)))
