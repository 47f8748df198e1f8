"""The /kpi page through Starlette's TestClient on SQLite and PostgreSQL: sign-in first,
reports.read required, each chart a PNG with alt text and its figures in a table beside it."""

from __future__ import annotations

from domain.identity import services as identity
from tests.support.approvals import as_user
from tests.support.kpi import post_data_set
from tests.support.web import client, set_passwords, sign_in

PNG = b"\x89PNG\r\n\x1a\n"


def test_kpi_page_needs_sign_in_and_shows_each_chart_with_alt_text_and_its_table(app):
    set_passwords(app)
    post_data_set(app)
    web = client(app)
    away = web.get("/kpi")
    assert away.status_code == 303 and away.headers["location"] == "/login?next=/kpi"
    assert web.get("/kpi/charts/aging.png").status_code == 401
    assert sign_in(web, "kari").status_code == 303
    page = web.get("/kpi")
    assert page.status_code == 200
    html = page.text
    for name in ("purchases_sales", "gross_profit", "inventory", "aging", "waiting"):
        assert f'src="/kpi/charts/{name}.png?as_of=2026-11-20"' in html and f'id="data-{name}"' in html
    assert 'alt="Leverandørgjeld og kundefordringer etter forfall, 20. nov. 2026: Leverandørgjeld 3\xa0025,00 NOK' \
           in html  # kari reads Norwegian
    assert "<th scope=\"row\">31-60 dager</th><td class=\"num\">2\xa0400,00</td><td class=\"num\">1\xa0150,00</td>" \
           in html
    assert '<a href="/kpi" aria-current="page">Nøkkeltall</a>' in html
    assert '<a href="/kpi"' in web.get("/").text  # linked from the approvals page
    image = web.get("/kpi/charts/gross_profit.png?as_of=2026-11-20")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png" and image.content.startswith(PNG)
    assert web.get("/kpi/charts/nothing.png").status_code == 404
    october = web.get("/kpi?as_of=2026-10-31")
    assert october.status_code == 200 and "31. okt. 2026" in october.text


def test_kpi_page_refuses_a_user_without_reports_read_and_a_date_that_is_not_one(app):
    set_passwords(app)
    identity.add_user(as_user(app, "admin"), "nils", "Nils", roles=[])
    identity.set_password(as_user(app, "admin"), "nils", "nils-password-1234")
    web = client(app)
    assert sign_in(web, "nils", "nils-password-1234").status_code == 303
    refused = web.get("/kpi")
    assert refused.status_code == 403 and "AUTH-PERMISSION-DENIED" in refused.text
    assert web.get("/kpi/charts/aging.png").status_code == 403
    kari = client(app)
    sign_in(kari, "kari")
    bad = kari.get("/kpi?as_of=2026-02-30")
    assert bad.status_code == 400 and "IMPORT-INVALID-DATE" in bad.text
