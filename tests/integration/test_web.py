"""The approvals page through Starlette's TestClient, on SQLite and PostgreSQL: sign-in,
sessions, CSRF, the lists and the document page, decisions, auto-post, refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from domain.approvals.model import ApprovalAuditEvent, ApprovalEntry
from domain.identity import links
from domain.identity import services as identity
from domain.identity.model import SetupAuditEvent, WebSession
from domain.messaging.model import OutboxMessage
from domain.purchasing.model import PurchaseHeader
from tests.support.approvals import as_user
from tests.support.web import client, csrf_of, pending_invoice, set_passwords, sign_in


def status_of(app, no: str) -> tuple[str, str | None]:
    with app.uow() as s:
        header = s.scalar(select(PurchaseHeader).where(PurchaseHeader.no == no))
        return header.status, header.posted_no


def entry_statuses(app, no: str) -> list[tuple[str, str]]:
    with app.uow() as s:
        return [(e.approver_id, e.status) for e in s.scalars(
            select(ApprovalEntry).where(ApprovalEntry.document_no == no).order_by(ApprovalEntry.id))]


def test_ola_signs_in_sees_the_invoice_waiting_and_approving_posts_it(app):
    set_passwords(app)
    no = pending_invoice(app)
    web = client(app)
    assert sign_in(web, "ola").status_code == 303
    home = web.get("/")
    assert home.status_code == 200 and no in home.text
    page = web.get(f"/documents/{no}")
    assert "20\xa0000,00" in page.text and "25\xa0000,00" in page.text  # excl. and incl. 25 % VAT, nb format
    answer = web.post(f"/documents/{no}/decide", data={"csrf": csrf_of(page.text), "action": "approve"})
    assert answer.status_code == 303
    state, posted_no = status_of(app, no)
    assert state == "posted" and posted_no
    assert posted_no in web.get(answer.headers["location"]).text
    with app.uow() as s:
        approved = s.scalar(select(ApprovalAuditEvent).where(ApprovalAuditEvent.action == "approve"))
        assert (approved.actor, approved.address) == ("ola", "testclient")


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(app):
    set_passwords(app)
    no = pending_invoice(app)
    web = client(app)
    sign_in(web, "ola")
    for data in ({"action": "approve"}, {"action": "approve", "csrf": "forged"}):
        answer = web.post(f"/documents/{no}/decide", data=data)
        assert answer.status_code == 403 and "WEB-CSRF-INVALID" in answer.text
    assert entry_statuses(app, no) == [("ola", "open")]
    assert status_of(app, no) == ("pending_approval", None)


def test_the_sign_in_form_without_its_csrf_token_is_refused(app):
    set_passwords(app)
    web = client(app)
    answer = web.post("/login", data={"user": "ola", "password": "ola-password-1234"})
    assert answer.status_code == 403 and "lf_session" not in answer.cookies


def test_the_session_cookie_from_before_sign_in_is_not_valid_after_it(app):
    set_passwords(app)
    attacker = client(app)
    sign_in(attacker, "kari")
    planted = attacker.cookies.get("lf_session")
    victim = client(app)
    form = victim.get("/login")
    victim.cookies.set("lf_session", planted)  # a fixed session id slipped to the victim
    answer = victim.post("/login", data={"csrf": csrf_of(form.text), "user": "ola", "password": "ola-password-1234"})
    after = answer.cookies.get("lf_session")
    assert after and after != planted
    assert attacker.get("/").status_code == 303  # the planted id is not valid after the sign-in
    with app.uow() as s:
        assert [w.user_id for w in s.scalars(select(WebSession))] == ["ola"]


def test_sign_out_deletes_the_server_session(app):
    set_passwords(app)
    web = client(app)
    sign_in(web, "ola")
    cookie = web.cookies.get("lf_session")
    web.post("/logout", data={"csrf": csrf_of(web.get("/").text)})
    again = client(app)
    again.cookies.set("lf_session", cookie)
    assert again.get("/").status_code == 303
    with app.uow() as s:
        assert s.scalar(select(WebSession)) is None


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer_and_are_audited(app):
    set_passwords(app)
    web = client(app)
    wrong, unknown = sign_in(web, "ola", "nope-nope-nope"), sign_in(web, "nobody", "nope-nope-nope")
    assert wrong.status_code == unknown.status_code == 401
    assert "AUTH-SIGN-IN-FAILED" not in wrong.text and wrong.text.count("Sign-in failed") == 1
    with app.uow() as s:
        refused = [(e.user_id, e.surface, e.address) for e in s.scalars(
            select(SetupAuditEvent).where(SetupAuditEvent.action == "web.sign-in", SetupAuditEvent.outcome == "refused"))]
    assert refused == [("ola", "web", "testclient"), ("nobody", "web", "testclient")]


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(app):
    set_passwords(app)
    web = client(app)
    for _ in range(5):
        sign_in(web, "ola", "guess-guess-guess")
    assert sign_in(web, "ola").status_code == 401
    assert "lf_session" not in web.cookies


def test_many_failures_from_one_address_make_it_wait(app):
    set_passwords(app)
    web = client(app, failures_per_address=3)
    for user in ("a1", "a2", "a3"):
        sign_in(web, user, "x-x-x-x-x-x")
    assert sign_in(web, "ola").status_code == 429


def test_approving_someone_elses_entry_by_the_url_or_a_form_field_is_refused(app):
    set_passwords(app)
    no = pending_invoice(app)
    web = client(app)
    sign_in(web, "kari")
    page = web.get(f"/documents/{no}")
    assert 'value="approve"' not in page.text  # kari has no open entry: no buttons
    answer = web.post(f"/documents/{no}/decide", data={"csrf": csrf_of(page.text), "action": "approve",
                                                        "user": "ola", "approver": "ola"})
    assert answer.status_code == 409 and "APPROVAL-SELF-APPROVAL" in answer.text
    assert entry_statuses(app, no) == [("ola", "open")]


def test_a_user_outside_the_approval_cannot_see_or_decide_the_document(app):
    set_passwords(app)
    identity.add_user(as_user(app, "admin"), "eve", "Eve", None, "en", ["auditor"])
    identity.set_password(as_user(app, "admin"), "eve", "eve-password-1234")
    identity.set_roles(as_user(app, "admin"), "eve", ["sales"])
    no = pending_invoice(app)
    web = client(app)
    sign_in(web, "eve", "eve-password-1234")
    assert web.get(f"/documents/{no}").status_code == 404
    assert web.get(f"/documents/{no}/pdf").status_code == 404
    token = csrf_of(web.get("/").text)
    assert web.post(f"/documents/{no}/decide", data={"csrf": token, "action": "approve"}).status_code == 404
    assert entry_statuses(app, no) == [("ola", "open")]


def test_a_disabled_users_session_stops_working_at_the_next_request(app):
    set_passwords(app)
    web = client(app)
    sign_in(web, "ola")
    assert web.get("/").status_code == 200
    identity.disable_user(as_user(app, "admin"), "ola")
    assert web.get("/").status_code == 303


def test_an_idle_session_expires(app):
    set_passwords(app)
    web = client(app)
    sign_in(web, "ola")
    later = app.now() + dt.timedelta(minutes=31)
    web.app.state.domain = dataclasses.replace(app, now=lambda: later)
    assert web.get("/").status_code == 303


def test_the_e_mail_link_opens_the_document_for_its_user_after_sign_in(app):
    set_passwords(app)
    no = pending_invoice(app)
    with app.uow() as s:
        body = s.scalar(select(OutboxMessage.body).where(OutboxMessage.recipient_user == "ola"))
    link = next(word for word in body.split() if "/link/" in word)
    assert "20\xa0000,00 NOK" in body  # the amount in ola's locale (nb)
    path = link[link.index("/link/"):]
    web = client(app)
    first = web.get(path)
    assert first.status_code == 303 and first.headers["location"] == f"/login?next=/documents/{no}"
    page = web.get(first.headers["location"])
    web.post("/login", data={"csrf": csrf_of(page.text), "user": "ola", "password": "ola-password-1234",
                             "next": f"/documents/{no}"})
    assert web.get(path).headers["location"] == f"/documents/{no}"
    other = client(app)
    sign_in(other, "kari")
    assert other.get(path).status_code == 403  # a link for ola grants kari nothing


def test_a_tampered_or_expired_link_is_refused_without_a_redirect(app):
    set_passwords(app)
    no = pending_invoice(app)
    token = links.document_token(no, "ola", "test-secret-not-for-production")
    web = client(app)
    tampered = web.get(f"/link/{token[:-2]}{'A' if token[-2] != 'A' else 'B'}{token[-1]}")
    assert tampered.status_code == 400 and "location" not in tampered.headers
    late = client(app, clock=lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=8))
    expired = late.get(f"/link/{token}")
    assert expired.status_code == 400 and "WEB-LINK-INVALID" in expired.text


def test_a_script_in_a_line_description_is_shown_as_text(app):
    set_passwords(app)
    no = pending_invoice(app, description="<script>window.__pwned=1</script>")
    web = client(app)
    sign_in(web, "ola")
    page = web.get(f"/documents/{no}").text
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_beyond_loopback_plain_http_is_refused_unless_behind_a_tls_proxy(app):
    assert client(app, host="0.0.0.0").get("/login").status_code == 403
    proxied = client(app, host="0.0.0.0", behind_tls_proxy=True, trusted_proxies=("testclient",))
    assert proxied.get("/login").status_code == 403  # no X-Forwarded-Proto: https
    ok = proxied.get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert ok.status_code == 200 and "secure" in ok.headers["set-cookie"].lower()


def test_a_purchase_order_and_a_sales_invoice_waiting_for_approval_show_on_the_page_and_are_approved(app):
    from domain.approvals import core as approvals
    from domain.purchasing import orders as purchase_orders
    from domain.sales import documents as sales_documents
    from tests.support.approvals import configure_example
    from tests.support.documents import item_line

    set_passwords(app)
    configure_example(app)
    order = purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000", "lines": [
        item_line("1000", "10", "6000.00")]})
    approvals.send_request(app, order)
    invoice = sales_documents.create_document(app, {"document_type": "invoice", "customer_no": "C20000", "lines": [
        {"type": "gl_account", "no": "3000", "quantity": "1", "unit_price": "150000.00",
         "description": "<b>Rådgivning</b>"}]})
    approvals.send_request(app, invoice)
    web = client(app)
    sign_in(web, "ola")
    home = web.get("/")
    assert order in home.text and invoice not in home.text  # the sales invoice waits for admin
    page = web.get(f"/documents/{order}")
    assert page.status_code == 200 and "innkjøpsordre" in page.text and "60\xa0000,00" in page.text
    answer = web.post(f"/documents/{order}/decide", data={"csrf": csrf_of(page.text), "action": "approve"})
    assert answer.status_code == 303 and entry_statuses(app, order) == [("ola", "approved"), ("admin", "open")]
    admin = client(app)
    sign_in(admin, "admin")
    page = admin.get(f"/documents/{invoice}")
    assert page.status_code == 200 and "sales invoice" in page.text and "Customer" in page.text
    assert "Eik Arkitekter AS" in page.text and "150,000.00" in page.text
    assert "&lt;b&gt;Rådgivning&lt;/b&gt;" in page.text and "<b>Rådgivning" not in page.text
    answer = admin.post(f"/documents/{invoice}/decide", data={"csrf": csrf_of(page.text), "action": "approve"})
    assert answer.status_code == 303
    with app.uow() as s:
        from domain.sales.model import SalesHeader
        assert s.scalar(select(SalesHeader.status).where(SalesHeader.no == invoice)) == "released"
