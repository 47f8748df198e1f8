"""The composition root: builds the App every service runs with and wires its ports.

Areas depend in one direction (docs/architecture.md); where a lower area must ask a
higher one, it declares a port in :class:`domain.app.Ports` and this module plugs the
higher area's implementation in. Build every App here (the CLI, flows, the web page,
tests and benchmarks do), so no check that a port guards is ever skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from domain.app import App, Ports
from domain.approvals.port import DocumentApprovals
from domain.costing.automatic import adjust_marked
from domain.intake.documents import mark_posted
from domain.intake.page import document_notes
from domain.sales.shipping import drop_shipment_sales_line


def ports() -> Ports:
    return Ports(approvals=DocumentApprovals(), after_posting=(mark_posted,),
                 drop_shipment_sales_line=drop_shipment_sales_line, after_commit=(adjust_marked,),
                 document_notes=document_notes)


def build_app(url: str, user: str | None = None, now: Callable[[], dt.datetime] | None = None) -> App:
    """An App on ``url`` acting as ``user`` with every port wired (``now``: the clock)."""
    kw = {"now": now} if now is not None else {}
    return App.from_url(url, user, ports=ports(), **kw)
