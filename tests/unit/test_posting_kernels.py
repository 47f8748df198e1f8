"""The purchase and sales posting kernels are called in one direction (docs/architecture.md).

Every purchase (sales) posting module calls its kernel; the kernel imports none of
them, none of them imports the entry point ``posting`` (it holds the one dispatch
table), and the area has no import cycle.
"""

import functools

import pytest
import test_architecture
from test_architecture import cycles

from domain.purchasing import kernel as purchase_kernel
from domain.purchasing import posting as purchase_posting
from domain.sales import kernel as sales_kernel
from domain.sales import posting as sales_posting

graph = functools.cache(test_architecture.graph)

CALLERS = {
    "purchasing": ("posting", "orders", "receipts", "returns", "correction"),
    "sales": ("posting", "invoicing", "shipping", "returns", "correction"),
}


@pytest.mark.parametrize("area", sorted(CALLERS))
def test_every_posting_module_calls_the_kernel_and_the_kernel_calls_none_of_them(area):
    edges = {(e.source, e.target) for e in graph()}
    kernel = f"domain.{area}.kernel"
    for caller in CALLERS[area]:
        assert (f"domain.{area}.{caller}", kernel) in edges, f"{caller} does not post through the kernel"
        assert (kernel, f"domain.{area}.{caller}") not in edges


@pytest.mark.parametrize("area", sorted(CALLERS))
def test_no_module_of_the_area_imports_its_entry_point(area):
    entry = f"domain.{area}.posting"
    importers = {e.source for e in graph() if e.target == entry and e.source.startswith(f"domain.{area}.")}
    assert importers == set()


@pytest.mark.parametrize("area", sorted(CALLERS))
def test_the_posting_modules_of_an_area_form_no_cycle(area):
    assert [c for c in cycles(graph()) if any(m.startswith(f"domain.{area}.") for m in c)] == []


def test_the_dispatch_tables_cover_every_document_type():
    # a purchase quote (request for quote) has a handler that refuses: it posts nothing
    assert set(purchase_posting.HANDLERS) == {"invoice", "credit_memo", "order", "quote", "return_order",
                                              purchase_kernel.RECEIPT_LINES}
    assert set(sales_posting.HANDLERS) == {"invoice", "credit_memo", "order", "return_order"}
    assert sales_posting.HANDLERS.keys() >= set(sales_kernel.ORDERS)
