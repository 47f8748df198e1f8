"""The HTML part of a sent invoice's e-mail in a real browser (Debian's chromium via playwright).

A mail client shows it like a web page, so it is checked like one: a demo company on SQLite, a
payment service set, a customer name and a line description that hold markup and a script, the
invoice sent through the outbox; the stored HTML part is opened in chromium with JavaScript on.
The script must not run, the texts show as written, the payment link is the filled-in URL.
Screenshot to the pytest tmp dir and docs/images/invoice-email.png.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from domain.bootstrap import build_app
from domain.documents.payment_link import set_payment_service
from domain.messaging.model import OutboxMessage
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader
from domain.setup.initialize import initialize
from domain.setup.model.cards import Customer
from flows import documents
from tests.browser.test_approvals_page import ARGS, CHROMIUM, IMAGES
from tests.conftest import FIXED_NOW

SCRIPT = "<script>window.__pwned=1</script>"


@pytest.fixture()
def sent(sqlite_template, tmp_path):
    shutil.copy(sqlite_template, tmp_path / "ledgerflow.db")
    app = build_app(f"sqlite:///{tmp_path / 'ledgerflow.db'}", "admin", now=lambda: FIXED_NOW)
    initialize(app, "NO", demo=True)
    with app.uow() as s:
        customer = s.get(Customer, "C10000")
        customer.name, customer.email = f"Solberg Bakeri AS {SCRIPT}", "post@kunde.example"
    set_payment_service(app, "Vipps", "https://pay.example/?amount={amount}&ref={kid}&inv={document_no}")
    draft = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "lines": [
            {"type": "item", "no": "9000", "quantity": "3", "unit_price": "950.00", "description": f"Rigging {SCRIPT}"},
            {"type": "item", "no": "9000", "quantity": "2", "unit_price": "300.00", "description": "Reisetid"}]})
    invoice = sales_posting.post(app, draft).invoice_no
    documents.send(app, invoice)
    with app.uow() as s:
        html = s.scalars(select(OutboxMessage.body_html)).one()
        kid = s.get(PostedSalesHeader, invoice).payment_reference
    yield {"html": html, "invoice": invoice, "kid": kid}
    app.dispose()


def test_the_invoice_email_shows_the_extract_and_the_payment_link_and_runs_no_script(sent, tmp_path):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_context(viewport={"width": 800, "height": 700}).new_page()
        page.set_content(sent["html"])
        assert page.evaluate("window.__pwned") is None
        body = page.inner_text("body").replace("\xa0", " ")
        assert f"Hei Solberg Bakeri AS {SCRIPT}," in body and f"Rigging {SCRIPT}" in body
        assert "Å betale NOK" in body and "4 312,50" in body and f"KID: {sent['kid']}" in body
        link = page.locator("a", has_text="Betal med Vipps")
        assert link.get_attribute("href") == (f"https://pay.example/?amount=4312.50&ref={sent['kid']}"
                                              f"&inv={sent['invoice']}")
        path = tmp_path / "invoice-email.png"
        page.screenshot(path=str(path), full_page=True)
        IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, IMAGES / "invoice-email.png")
        chromium.close()
