"""Databases migrated while the history was branched.

Until the history was made one chain (0001 -> 0002 -> ... -> 0012), every
revision branched off 0001 (0006_documents_out off 0003, 0009 off 0004) and
``migrations.upgrade`` went to "heads". A database from that time therefore
has one ``alembic_version`` row per branch head: all nine of 0002, 0005,
0006_documents_out, 0007, 0008, 0009, 0010, 0011, 0012 when it was fully
migrated. Against the chain Alembic refuses those rows ("Requested revision
0012 overlaps with other requested revisions ..."): each row is now an
ancestor of the next. The revisions themselves did not change, only their
order, so the rows just need rewriting: what they say is applied (each row
and its ancestors in the branched history) is, in the chain, every revision
up to one, and that one becomes the only row.

Only a table with several rows is read this way. The chain never writes more
than one row, and one row means the same in both histories, except one left
by an explicit upgrade to a branch revision other than 0001 (``0003`` alone:
0002 not applied), which nothing in ledgerflow ever did.

A database last migrated while some revisions did not exist yet is handled
the same way when what it has is a start of the chain (for instance 0001 to
0006 from before 0007 existed). When it is not, it is refused rather than
guessed at: 0010 was written before 0009, so a database from between those
two commits has 0010 without 0009. Migrate it with ledgerflow 0c53ce7 (the
last commit with the branched history) first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, inspect, text

#: each revision's down_revision in the branched history (ledgerflow 0c53ce7)
BRANCHED_PARENTS: dict[str, str | None] = {
    "0001": None, "0002": "0001", "0003": "0001", "0004": "0001", "0005": "0001",
    "0006_documents_out": "0003", "0007": "0001", "0008": "0001", "0009": "0004",
    "0010": "0001", "0011": "0001", "0012": "0001",
}


class BranchedHistoryError(RuntimeError):
    """``alembic_version`` has rows from the branched history that no revision of the chain stands for."""


def applied(rows: Iterable[str]) -> set[str]:
    """Every revision that ``rows`` say is applied, read in the branched history."""
    done: set[str] = set()
    for revision in rows:
        while revision is not None and revision not in done:
            done.add(revision)
            revision = BRANCHED_PARENTS[revision]
    return done


def chain_revision(rows: Sequence[str], chain: Sequence[str]) -> str:
    """The revision of ``chain`` (base first) up to which exactly the revisions ``rows`` applied lie."""
    unknown = sorted(set(rows) - BRANCHED_PARENTS.keys())
    if unknown:
        raise BranchedHistoryError(f"alembic_version has several rows, and {', '.join(unknown)} "
                                   "is no revision of the branched history")
    done = applied(rows)
    start = list(chain[:len(done)])
    missing = [revision for revision in start if revision not in done]
    if missing:
        raise BranchedHistoryError(
            f"the database was migrated to {', '.join(sorted(rows))} while the history was branched, "
            f"which skips {', '.join(missing)}; migrate it with ledgerflow 0c53ce7 first")
    return start[-1]


def collapse(connection: Connection, chain: Sequence[str]) -> str | None:
    """Rewrite a branched ``alembic_version`` as its one revision of ``chain``
    (base first) and return it; None when there is nothing to rewrite.

    Both states say the same, so this may commit on its own before the upgrade."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = [row for (row,) in connection.execute(text("SELECT version_num FROM alembic_version"))]
    if len(rows) < 2:
        return None
    target = chain_revision(rows, chain)
    connection.execute(text("DELETE FROM alembic_version WHERE version_num <> :target"), {"target": target})
    if target not in rows:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:target)"), {"target": target})
    return target
