"""The role center KPIs page in a real browser (Debian's chromium via playwright): sign in,
open /kpi from the navigation, every chart image loaded with its alt text and its table beside
it, nothing scrolls sideways on a phone. Screenshots go where the approvals page's go (the pytest
tmp dir and docs/images/ for the README)."""

from __future__ import annotations

import shutil

import pytest

from domain.bootstrap import build_app
from domain.setup.initialize import initialize
from tests.browser.test_approvals_page import browser, free_port, shot, signed_in, text  # noqa: F401 (fixture)
from tests.conftest import FIXED_NOW
from tests.support.kpi import post_data_set
from tests.support.web import SECRET, pending_invoice, set_passwords
from web.config import WebConfig
from web.serve import start_in_thread

CHARTS = ("purchases_sales", "gross_profit", "inventory", "aging", "waiting")


@pytest.fixture(scope="module")
def kpi_site(sqlite_template, tmp_path_factory):
    home = tmp_path_factory.mktemp("kpi-web")
    shutil.copy(sqlite_template, home / "ledgerflow.db")
    app = build_app(f"sqlite:///{home / 'ledgerflow.db'}", "kari", now=lambda: FIXED_NOW)
    initialize(app, "NO", demo=True)
    set_passwords(app)
    post_data_set(app)
    pending_invoice(app)
    port = free_port()
    server, thread = start_in_thread(app, WebConfig(secret=SECRET), port)
    yield {"app": app, "base": f"http://127.0.0.1:{port}", "shots": tmp_path_factory.mktemp("screenshots")}
    server.should_exit = True
    thread.join(timeout=10)
    app.dispose()


def test_kari_opens_key_figures_from_the_navigation_and_sees_every_chart_and_table(browser, kpi_site):
    page = signed_in(browser, kpi_site, "kari")
    page.click("nav a[href='/kpi']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/kpi") and text(page, "h1") == "Nøkkeltall"
    for name in CHARTS:
        image = f"#chart-{name} img"
        assert page.eval_on_selector(image, "img => img.complete && img.naturalWidth >= 700"), name
        assert len(page.get_attribute(image, "alt")) > 40
        assert page.locator(f"#data-{name} tbody tr").count() >= 2
    assert "2 400,00" in text(page, "#data-aging") and "1 150,00" in text(page, "#data-aging")
    assert "600,00" in text(page, "#data-gross_profit")
    assert text(page, "#data-waiting tbody tr:last-child td") == "1"  # the invoice waiting for approval
    shot(page, kpi_site, "kpi-desktop.png")
    phone = signed_in(browser, kpi_site, "kari", viewport=(390, 844), target="/kpi")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, kpi_site, "kpi-phone.png")
