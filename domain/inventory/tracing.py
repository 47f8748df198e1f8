"""Item tracing (BC "Item Tracing"): where a lot or serial no. went, and where it came from.

Forward ("origin to usage") starts from the entries that brought the lot/serial in (a
purchase, a positive adjustment; not the receiving half of a transfer, not a return) and
follows each entry to the outbound entries applied to it; the sending half of a transfer
continues at its receiving half, and a sale continues at the returns taken back from it.
Backward ("usage to origin") starts from where the lot/serial ended (the entries forward
tracing ends at) and follows the same links the other way. An assembly links items: a
component's consumption entry continues at the output entries of the same assembly posting
(the order's document no., one transaction), and an output entry leads back to them, so a
lot is traced through every level of nested assemblies. The result is a tree per
starting entry, each node an item ledger entry with the quantity the link carried.

The ledger is read a level at a time (one query per level for the applications, one for
the entries), never an entry at a time, so a lot shipped to a thousand customers traces
in a handful of queries.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require
from domain.ledger.model import ItemApplicationEntry, ItemLedgerEntry
from domain.problems import DomainError

DIRECTIONS = ("forward", "backward")
CONSUMPTION, OUTPUT = "assembly_consumption", "assembly_output"
#: the most entries one trace reads (a runaway cycle would be a ledger defect; stop, don't hang)
MAX_NODES = 200_000
_CHUNK = 900  # IN-list size both SQLite and PostgreSQL take


def trace(app: App, *, lot: str | None = None, serial: str | None = None, direction: str = "forward") -> dict:
    if (lot is None) == (serial is None):
        raise DomainError("TRACE-GIVE-LOT-OR-SERIAL", "give --lot or --serial (one of them)")
    if direction not in DIRECTIONS:
        raise DomainError("IMPORT-INVALID-CHOICE", f"--direction must be one of {', '.join(DIRECTIONS)}",
                          field="--direction", value=direction, allowed=", ".join(DIRECTIONS))
    with app.uow() as session:
        require(session, app.user, "reports.read")
        column = ItemLedgerEntry.lot_no if lot is not None else ItemLedgerEntry.serial_no
        tagged = {e.entry_no: e for e in session.scalars(select(ItemLedgerEntry).where(column == (lot or serial)))}
        if not tagged:
            raise DomainError("TRACE-NOT-FOUND", f"no item ledger entry has {'lot' if lot else 'serial'} "
                              f"{lot or serial!r}", kind="lot" if lot else "serial", value=lot or serial)
        graph = _Graph(session)
        graph.load(tagged)
        graph.expand_forward(list(tagged))
        starts = _origins(tagged) if direction == "forward" else _ends(tagged, graph)
        if direction == "backward":
            graph.expand_backward(starts)
        trees = [graph.tree(no, direction, None, set()) for no in starts]
    return {"lot_no": lot, "serial_no": serial, "direction": direction, "trees": trees,
            "entries": graph.count(trees)}


def flatten(result: dict) -> list[dict]:
    """The trees as rows with a ``level`` (the table view)."""
    rows: list[dict] = []

    def walk(node: dict, level: int) -> None:
        rows.append({"level": level, **{k: v for k, v in node.items() if k != "children"}})
        for child in node["children"]:
            walk(child, level + 1)

    for tree in result["trees"]:
        walk(tree, 0)
    return rows


def _origins(tagged: dict[int, ItemLedgerEntry]) -> list[int]:
    origins = [no for no, e in tagged.items() if e.positive and e.applies_to_entry is None]
    return sorted(origins or [no for no, e in tagged.items() if e.positive] or tagged)


def _ends(tagged: dict[int, ItemLedgerEntry], graph: _Graph) -> list[int]:
    ends = [no for no in tagged if not graph.forward.get(no)]
    return sorted(ends or tagged)


class _Graph:
    """The item ledger entries reachable from the traced ones, and the links between them."""

    def __init__(self, session: Session):
        self.session = session
        self.entries: dict[int, ItemLedgerEntry] = {}
        self.forward: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
        self.backward: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)

    def load(self, entries: dict[int, ItemLedgerEntry]) -> None:
        self.entries.update(entries)

    def _fetch(self, numbers: set[int]) -> None:
        missing = sorted(n for n in numbers if n not in self.entries)
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i:i + _CHUNK]
            self.entries.update((e.entry_no, e) for e in self.session.scalars(
                select(ItemLedgerEntry).where(ItemLedgerEntry.entry_no.in_(chunk))))

    def _link(self, src: int, dst: int, qty: Decimal, back_qty: Decimal | None = None) -> None:
        """``qty``: what the link carries forward; ``back_qty`` backward, if other (an assembly:
        the output's quantity forward, the component's consumed quantity backward)."""
        if all(d != dst for d, _ in self.forward[src]):
            self.forward[src].append((dst, qty))
            self.backward[dst].append((src, qty if back_qty is None else back_qty))

    def _assembly_links(self, numbers: list[int], kind: str) -> list[tuple[ItemLedgerEntry, ItemLedgerEntry]]:
        """(consumption, output) pairs of the assembly postings of the ``kind`` entries among
        ``numbers`` (same document no. and transaction no.)."""
        own = [self.entries[n] for n in numbers if n in self.entries and self.entries[n].entry_type == kind]
        if not own:
            return []
        ile = ItemLedgerEntry
        other = OUTPUT if kind == CONSUMPTION else CONSUMPTION
        found = list(self.session.scalars(select(ile).where(
            ile.entry_type == other, tuple_(ile.document_no, ile.transaction_no).in_(
                sorted({(e.document_no, e.transaction_no) for e in own})))))
        for e in found:
            self.entries.setdefault(e.entry_no, e)
        pairs = []
        for a in own:
            for b in found:
                if (a.document_no, a.transaction_no) == (b.document_no, b.transaction_no):
                    pairs.append((a, b) if kind == CONSUMPTION else (b, a))
        return pairs

    def expand_backward(self, start: list[int]) -> None:
        """Read every link into ``start`` and backwards, a level at a time (entries that forward
        tracing from the lot did not reach: the components of an assembly and their origins)."""
        frontier, seen = set(start), set()
        while frontier:
            if len(seen) > MAX_NODES:
                raise DomainError("TRACE-TOO-LARGE", f"the trace reached more than {MAX_NODES} entries",
                                  limit=MAX_NODES)
            seen |= frontier
            self._fetch(frontier)
            self._backward_links(frontier)
            frontier = {src for no in frontier for src, _ in self.backward.get(no, [])} - seen

    def expand_forward(self, start: list[int]) -> None:
        """Read every link out of ``start`` and onwards, a level at a time; backward links of
        the entries reached come with them (each forward link is a backward link too)."""
        frontier, seen = set(start), set()
        while frontier:
            if len(seen) > MAX_NODES:
                raise DomainError("TRACE-TOO-LARGE", f"the trace reached more than {MAX_NODES} entries",
                                  limit=MAX_NODES)
            seen |= frontier
            reached: set[int] = set()
            self._fetch(frontier)
            # the entries this level reaches back to (what an outbound entry took, a transfer's
            # sending half, the sale a return came from) belong to the trace too
            self._backward_links(frontier)
            ordered = sorted(frontier)
            for i in range(0, len(ordered), _CHUNK):
                chunk = ordered[i:i + _CHUNK]
                a, ile = ItemApplicationEntry, ItemLedgerEntry
                for inbound, outbound, qty in self.session.execute(
                        select(a.inbound_item_entry_no, a.outbound_item_entry_no, a.quantity)
                        .where(a.inbound_item_entry_no.in_(chunk), a.outbound_item_entry_no.is_not(None),
                               a.outbound_item_entry_no != a.inbound_item_entry_no)):
                    self._link(inbound, outbound, -qty)
                    reached.add(outbound)
                for consumption, output in self._assembly_links(chunk, CONSUMPTION):
                    self._link(consumption.entry_no, output.entry_no, output.quantity, -consumption.quantity)
                    reached.add(output.entry_no)
                for entry in self.session.scalars(select(ile).where(ile.applies_to_entry.in_(chunk),
                                                                    ile.positive.is_(True))):
                    # the receiving half of a transfer, or a return taken back from a sale
                    self.entries[entry.entry_no] = entry
                    self._link(entry.applies_to_entry, entry.entry_no, entry.quantity)
                    reached.add(entry.entry_no)
            frontier = reached - seen

    def _backward_links(self, numbers: set[int]) -> None:
        ordered = sorted(numbers)
        a = ItemApplicationEntry
        for i in range(0, len(ordered), _CHUNK):
            chunk = ordered[i:i + _CHUNK]
            for inbound, outbound, qty in self.session.execute(
                    select(a.inbound_item_entry_no, a.outbound_item_entry_no, a.quantity)
                    .where(a.outbound_item_entry_no.in_(chunk), a.outbound_item_entry_no != a.inbound_item_entry_no)):
                self._link(inbound, outbound, -qty)
        for i in range(0, len(ordered), _CHUNK):
            for consumption, output in self._assembly_links(ordered[i:i + _CHUNK], OUTPUT):
                self._link(consumption.entry_no, output.entry_no, output.quantity, -consumption.quantity)
        for no in ordered:
            entry = self.entries.get(no)
            if entry is not None and entry.positive and entry.applies_to_entry is not None:
                self._fetch({entry.applies_to_entry})
                if entry.applies_to_entry in self.entries:
                    self._link(entry.applies_to_entry, no, entry.quantity)
        self._fetch({src for no in ordered for src, _ in self.backward.get(no, [])})

    def tree(self, no: int, direction: str, qty: Decimal | None, path: set[int]) -> dict:
        entry = self.entries[no]
        links = self.forward.get(no, []) if direction == "forward" else self.backward.get(no, [])
        if direction == "backward":
            self._fetch({src for src, _ in links})
        path = path | {no}
        children = [self.tree(other, direction, q, path) for other, q in sorted(links) if other not in path]
        return {"entry_no": entry.entry_no, "entry_type": entry.entry_type, "posting_date": entry.posting_date,
                "document_no": entry.document_no, "item_no": entry.item_no, "location": entry.location_code,
                "quantity": entry.quantity, "linked_quantity": qty if qty is not None else abs(entry.quantity),
                "lot_no": entry.lot_no, "serial_no": entry.serial_no, "source_type": entry.source_type,
                "source_no": entry.source_no, "children": children}

    @staticmethod
    def count(trees: list[dict]) -> int:
        return sum(1 + _Graph.count(t["children"]) for t in trees)
