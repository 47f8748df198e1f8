"""Builders for test documents (plain dicts in the import shape)."""

from __future__ import annotations

import itertools

_counter = itertools.count(1)


def invoice(vendor_no: str = "V10000", lines=None, **header) -> dict:
    data = {
        "document_type": "invoice",
        "vendor_no": vendor_no,
        "vendor_invoice_no": f"T-{next(_counter)}",
        "document_date": "2026-11-20",
        "posting_date": "2026-11-20",
        "lines": lines if lines is not None else [item_line(), gl_line()],
    }
    data.update(header)
    return data


def credit_memo(vendor_no: str = "V10000", lines=None, **header) -> dict:
    return invoice(vendor_no, lines, document_type="credit_memo", **header)


def item_line(no: str = "1000", quantity="10", cost="100.00", **extra) -> dict:
    return {"type": "item", "no": no, "quantity": quantity, "direct_unit_cost": cost, "location": "MAIN",
            **extra}


def gl_line(no: str = "6800", amount="1000.00", vat="HIGH", **extra) -> dict:
    return {"type": "gl_account", "no": no, "quantity": "1", "direct_unit_cost": amount,
            "vat_prod_posting_group": vat, **extra}
