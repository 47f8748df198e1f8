"""A small posted data set for the role center KPIs (Norwegian demo company, clock 2026-11-20).

September: a purchase invoice from V10000 (10 items of 1000 at 100, office supplies 1000).
October: a sales invoice to C10000 (4 items of 1000 at 250: cost 400, gross profit 600).
November: a purchase invoice from V20000 (500), a sales invoice to C20000 (G/L account 3000,
1000) half paid, inventory cost posted to G/L; one incoming document waiting for review and,
when asked, one invoice waiting for approval.
"""

from __future__ import annotations

from decimal import Decimal

from domain.costing import gl_posting
from domain.intake.model import IncomingDocument
from domain.payments import posting as payments
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from tests.support.documents import gl_line, invoice, item_line


def sales_invoice(app, customer: str, posting_date: str, line: dict) -> str:
    no = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": customer,
                                               "posting_date": posting_date, "lines": [line]})
    return sales_posting.post(app, no).invoice_no


def post_data_set(app) -> dict:
    september = purchase_documents.create_document(app, invoice(
        "V10000", lines=[item_line("1000", "10", "100.00"), gl_line("6800", "1000.00")],
        posting_date="2026-09-10", document_date="2026-09-10"))
    purchase_posting.post_document(app, september)
    november = purchase_documents.create_document(app, invoice("V20000", lines=[gl_line("6800", "500.00")]))
    purchase_posting.post_document(app, november)
    sales_invoice(app, "C10000", "2026-10-05",
                  {"type": "item", "no": "1000", "quantity": "4", "unit_price": "250.00", "location": "MAIN"})
    paid = sales_invoice(app, "C20000", "2026-11-20",
                         {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "1000.00"})
    payments.post_payment(app, "customer", "C20000", Decimal("500.00"), [paid])
    gl_posting.post_inventory_cost(app)
    with app.uow() as session:
        session.add(IncomingDocument(status="review", original_name="faktura.pdf",
                                     sha256="0" * 64))
    return {"paid_invoice": paid}
