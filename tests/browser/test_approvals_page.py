"""The approvals page in a real browser: Debian's chromium driven by playwright.

A demo company on SQLite, an invoice PDF swept from the inbox (one line's
description holds a script), sent for approval by kari; the page runs with
uvicorn on a free port in a thread. Screenshots (desktop and phone) go to the
pytest tmp dir and to docs/images/ for the README.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import socket
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy import select

from domain.approvals import core as approvals
from domain.bootstrap import build_app
from domain.intake.model import IncomingDocumentProblem
from domain.messaging.model import OutboxMessage
from domain.purchasing.model import PurchaseHeader
from domain.setup.initialize import initialize
from flows import inbox
from tests.conftest import FIXED_NOW
from tests.fixtures.hybrid_samples import cii_xml, with_attachment
from tests.fixtures.ocr_samples import Line
from tests.support.approvals import as_user, configure_example
from tests.support.intake import config, documents, no_sleep, vendor_invoice
from tests.support.web import PASSWORDS, SECRET, set_passwords
from web.config import WebConfig
from web.serve import start_in_thread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCRIPT = "<script>window.__pwned=1</script>"
RULE_TEXT = "Invoice currency '<img src=x onerror=\"window.__pwned=2\">' is not allowed"
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def swept_invoice(app, cfg, seed: int, lines: list[Line], due_date_on_page_earlier_by: int = 0) -> str:
    """An invoice PDF through the inbox (drafted by the flows' account), sent for approval by kari.
    With ``due_date_on_page_earlier_by`` days it is a hybrid PDF whose embedded e-invoice has a later
    due date than its page shows: intake lets the draft through with a warning."""
    pdf, truth = vendor_invoice(app, seed=seed, lines=lines)
    if due_date_on_page_earlier_by:
        later = dataclasses.replace(truth, due_date=truth.due_date + timedelta(days=due_date_on_page_earlier_by))
        pdf = with_attachment(pdf, cii_xml(later))
    (cfg.inbox / f"faktura-{seed}.pdf").write_bytes(pdf)
    inbox.sweep(as_user(app, "prefect"), cfg, sleep=no_sleep)
    no = documents(app)[-1].purchase_document_no
    approvals.send_request(as_user(app, "kari"), no)
    return no


@pytest.fixture(scope="module")
def site(sqlite_template, tmp_path_factory):
    home = tmp_path_factory.mktemp("web")
    shutil.copy(sqlite_template, home / "ledgerflow.db")
    port = free_port()
    before = os.environ.get("LEDGERFLOW_WEB_URL")
    os.environ["LEDGERFLOW_WEB_URL"] = f"http://127.0.0.1:{port}"
    app = build_app(f"sqlite:///{home / 'ledgerflow.db'}", "admin", now=lambda: FIXED_NOW)
    initialize(app, "NO", demo=True)
    set_passwords(app)
    configure_example(app)
    cfg = config(home)
    chairs = Line("Kontorstoler", Decimal(4), Decimal("2500.00"), Decimal(25))
    first = swept_invoice(app, cfg, 3, [chairs, Line(SCRIPT, Decimal(1), Decimal("1000.00"), Decimal(25))])
    second = swept_invoice(app, cfg, 4, [dataclasses.replace(chairs, quantity=Decimal(3))])
    warned = swept_invoice(app, cfg, 5, [chairs], due_date_on_page_earlier_by=20)
    with app.uow() as s:  # a PEPPOL rule's text quotes the vendor's value: here it holds markup
        entry_no = s.scalar(select(PurchaseHeader.incoming_document_entry_no).where(PurchaseHeader.no == warned))
        s.add(IncomingDocumentProblem(entry_no=entry_no, code="PEPPOL-RULE-WARNING", severity="warning",
                                      params=json.dumps({"rule": "PEPPOL-EN16931-R005", "message": RULE_TEXT})))
    server, thread = start_in_thread(app, WebConfig(secret=SECRET), port)
    yield {"app": app, "base": f"http://127.0.0.1:{port}", "first": first, "second": second, "warned": warned,
           "shots": tmp_path_factory.mktemp("screenshots")}
    server.should_exit = True
    thread.join(timeout=10)
    app.dispose()
    if before is None:
        os.environ.pop("LEDGERFLOW_WEB_URL", None)
    else:
        os.environ["LEDGERFLOW_WEB_URL"] = before


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def signed_in(browser, site, user: str, viewport=(1280, 900), target: str = "/"):
    page = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}).new_page()
    page.goto(f"{site['base']}/login?next={target}")
    page.fill("input[name=user]", user)
    page.fill("input[name=password]", PASSWORDS[user])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    return page


def text(page, selector: str) -> str:
    return page.inner_text(selector).replace("\xa0", " ").replace("\u202f", " ")


def status(site, no: str) -> tuple[str, str | None]:
    with site["app"].uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        return header.status, header.posted_no


def shot(page, site, name: str) -> None:
    path = site["shots"] / name
    page.screenshot(path=str(path), full_page=True)
    IMAGES.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, IMAGES / name)


def test_ola_opens_the_waiting_invoice_sees_the_pdf_and_totals_and_approving_posts_it(browser, site):
    no = site["first"]
    page = signed_in(browser, site, "ola")
    assert no in page.inner_text("main")
    page.click(f"a[href='/documents/{no}']")
    page.wait_for_load_state("networkidle")
    assert page.eval_on_selector(".pdf img", "img => img.complete && img.naturalWidth > 300")
    assert text(page, "#net") == "11 000,00 NOK" and text(page, "#gross") == "13 750,00 NOK"
    shot(page, site, "approvals-desktop.png")
    phone = signed_in(browser, site, "ola", viewport=(390, 844), target=f"/documents/{no}")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    shot(phone, site, "approvals-phone.png")
    page.click("button[value=approve]")
    page.wait_for_load_state()
    state, posted_no = status(site, no)
    assert state == "posted" and posted_no.startswith("PPI")
    assert posted_no in page.inner_text("main")


def test_kari_cannot_approve_her_own_invoice(browser, site):
    no = site["second"]
    page = signed_in(browser, site, "kari", target=f"/documents/{no}")
    assert page.locator("button[value=approve]").count() == 0
    token = page.get_attribute("input[name=csrf]", "value")
    answer = page.request.post(f"{site['base']}/documents/{no}/decide", form={"csrf": token, "action": "approve"})
    assert answer.status == 409 and "APPROVAL-SELF-APPROVAL" in answer.text()
    assert status(site, no) == ("pending_approval", None)


def ola_link(site, no: str) -> str:
    with site["app"].uow() as s:
        body = s.scalar(select(OutboxMessage.body).where(OutboxMessage.document_no == no,
                                                         OutboxMessage.recipient_user == "ola"))
    return next(word for word in body.split() if "/link/" in word)


def test_the_signed_link_from_the_e_mail_opens_the_document_page_after_sign_in(browser, site):
    no = site["second"]
    link = ola_link(site, no)
    assert link.startswith(site["base"])
    page = browser.new_context().new_page()
    page.goto(link)
    assert "/login" in page.url
    page.fill("input[name=user]", "ola")
    page.fill("input[name=password]", PASSWORDS["ola"])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/documents/{no}") and no in page.inner_text("h1")


def test_a_tampered_link_is_refused(browser, site):
    link = ola_link(site, site["second"])
    tampered = link[:-3] + ("xyz" if not link.endswith("xyz") else "abc")
    page = browser.new_context().new_page()
    response = page.goto(tampered)
    assert response.status == 400 and "/link/" in page.url
    assert "WEB-LINK-INVALID" in page.inner_text("main")


def test_a_script_in_a_line_description_shows_as_text(browser, site):
    with site["app"].uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == site["first"]))
        [description] = [x.description for x in header.lines if x.description.startswith("<script>")]
    page = signed_in(browser, site, "ola", target=f"/documents/{site['first']}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.get_by_text(description, exact=True).is_visible()


def test_the_approver_sees_what_intake_flagged_with_its_severity_and_markup_as_text(browser, site):
    no = site["warned"]
    page = signed_in(browser, site, "ola", target=f"/documents/{no}")
    page.wait_for_load_state("networkidle")
    warnings = page.locator(".problems li.severity-warning")
    assert warnings.count() == 2 and page.locator(".problems li.severity-error").count() == 0
    shown = [text(page, f".problems li.severity-warning >> nth={i}") for i in range(2)]
    # ola reads Norwegian: the severity and the messages are in nb
    [date] = [t for t in shown if "PDF-PAGE-XML-MISMATCH" in t]
    assert date.startswith("Advarsel PDF-siden viser Forfallsdato") and "sjekk med leverandøren" in date
    [rule] = [t for t in shown if "PEPPOL-RULE-WARNING" in t]
    assert RULE_TEXT in rule  # the vendor's markup is text on the page
    assert page.locator(".problems img").count() == 0 and page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("button[value=approve]").count() == 1
    page.screenshot(path=str(site["shots"] / "approvals-intake-warnings.png"), full_page=True)
