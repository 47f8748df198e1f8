"""Helpers for tests of the approvals page: a client, passwords, signing in, forms."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from domain.approvals import core as approvals
from domain.identity import services as identity
from domain.purchasing import documents as purchase_documents
from tests.support.approvals import as_user, configure_example
from tests.support.documents import gl_line, invoice
from web.app import create_app
from web.config import WebConfig

SECRET = "test-secret-not-for-production"
PASSWORDS = {"kari": "kari-password-1234", "ola": "ola-password-1234", "admin": "admin-password-1234"}


def set_passwords(app) -> None:
    for user, password in PASSWORDS.items():
        identity.set_password(as_user(app, "admin"), user, password)


def client(app, **config) -> TestClient:
    return TestClient(create_app(app, WebConfig(secret=SECRET, **config)), follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(web: TestClient, user: str, password: str | None = None):
    page = web.get("/login")
    return web.post("/login", data={"csrf": csrf_of(page.text), "user": user,
                                    "password": PASSWORDS.get(user, "") if password is None else password,
                                    "next": "/"})


def pending_invoice(app, amount: str = "20000.00", description: str = "Office chairs") -> str:
    """An invoice by kari sent for approval under the example configuration (ola approves)."""
    configure_example(app)
    line = {**gl_line("6800", amount), "description": description}
    no = purchase_documents.create_document(as_user(app, "kari"), invoice(lines=[line]))
    approvals.send_request(as_user(app, "kari"), no)
    return no
