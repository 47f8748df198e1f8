"""One-time codes prove an approver where no password sign-in of ours stands in front
(the Prefect UI's approval form)."""

from __future__ import annotations

import dataclasses

import pyotp
import pytest

from domain.identity import one_time_codes
from domain.problems import DomainError
from tests.support.approvals import as_user


def test_a_users_current_code_proves_them_and_a_wrong_or_foreign_code_does_not(app):
    secret = one_time_codes.enrol(as_user(app, "admin"), "ola")["secret"]
    kari_secret = one_time_codes.enrol(as_user(app, "ola"), "ola")["secret"]  # herself: allowed
    secret = one_time_codes.enrol(as_user(app, "admin"), "ola")["secret"]  # replaces the earlier one
    at = app.now()
    assert one_time_codes.verify(app, "ola", pyotp.TOTP(secret).at(at))
    assert not one_time_codes.verify(app, "ola", pyotp.TOTP(kari_secret).at(at))
    assert not one_time_codes.verify(app, "ola", "")
    assert not one_time_codes.verify(app, "nobody", pyotp.TOTP(secret).at(at))


def test_only_an_administrator_enrols_someone_else(app):
    with pytest.raises(DomainError) as refused:
        one_time_codes.enrol(as_user(app, "ola"), "kari")  # the fixture's kari is an administrator
    assert refused.value.code == "AUTH-PERMISSION-DENIED"


def test_repeated_wrong_codes_lock_the_user_out_like_wrong_passwords(app):
    secret = one_time_codes.enrol(as_user(app, "admin"), "ola")["secret"]
    for _ in range(5):
        assert not one_time_codes.verify(app, "ola", "123456")
    with pytest.raises(DomainError) as locked:
        one_time_codes.verify(app, "ola", pyotp.TOTP(secret).at(app.now()))
    assert locked.value.code == "AUTH-USER-LOCKED"
    later = dataclasses.replace(app, now=lambda: app.now() + __import__("datetime").timedelta(hours=2))
    assert one_time_codes.verify(later, "ola", pyotp.TOTP(secret).at(later.now()))
