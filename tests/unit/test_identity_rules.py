"""Roles, permissions, the access check and the lock-out rule (pure, no database)."""

import datetime as dt

import pytest

from domain.identity import rules
from domain.messages import render_problem
from domain.problems import InvariantViolation, Problem

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone.utc)


def actor(*roles, disabled=False):
    return rules.Actor("kari", frozenset(roles), disabled)


def test_the_administrator_role_grants_every_permission():
    assert rules.permissions_of(["administrator"]) == frozenset(rules.PERMISSIONS)


def test_every_role_is_described_and_grants_only_known_permissions():
    assert set(rules.ROLE_DESCRIPTIONS) == set(rules.ROLES)
    for permissions in rules.ROLES.values():
        assert permissions <= set(rules.PERMISSIONS)
    assert set(rules.CHECKED_BY) <= set(rules.PERMISSIONS)


def test_the_auditor_reads_and_changes_nothing():
    assert rules.permissions_of(["auditor"]) == {"reports.read", "audit.read"}


def test_only_administrators_manage_users_and_change_setup():
    for permission in ("users.manage", "setup.change"):
        assert {role for role, granted in rules.ROLES.items() if permission in granted} == {"administrator"}


def test_approval_workflows_need_an_administrator_or_approval_administrator():
    holders = {role for role, granted in rules.ROLES.items() if "approvals.configure" in granted}
    assert holders == {"administrator", "approval_administrator"}


def test_roles_add_up():
    granted = rules.permissions_of(["purchasing", "posting"])
    assert {"purchase.edit", "purchase.post", "approvals.decide"} <= granted
    assert "approvals.configure" not in granted


def test_a_user_with_the_permission_passes_the_check():
    assert rules.access_problem("kari", actor("posting"), "purchase.post") is None


def test_a_user_without_the_permission_is_refused_with_user_and_permission():
    problem = rules.access_problem("kari", actor("purchasing"), "approvals.configure")
    assert (problem.code, problem.params) == ("AUTH-PERMISSION-DENIED",
                                              {"user": "kari", "permission": "approvals.configure"})


def test_an_unknown_user_is_refused_before_anything_else():
    assert rules.access_problem("nobody", None, "purchase.post").code == "AUTH-UNKNOWN-USER"
    assert rules.access_problem(None, None, None).params == {"user": "-"}


def test_a_disabled_user_is_refused_even_as_administrator():
    assert rules.access_problem("kari", actor("administrator", disabled=True), None).code == "AUTH-USER-DISABLED"


def test_an_unknown_permission_in_code_is_a_broken_invariant():
    with pytest.raises(InvariantViolation):
        rules.access_problem("kari", actor("administrator"), "purchase.approve-everything")


def test_roles_come_from_a_comma_list_in_any_spelling_once_each():
    assert rules.parse_roles("Posting, approval-administrator,posting,") == (
        ["posting", "approval_administrator"], [])
    assert rules.parse_roles(None) == ([], [])


def test_an_unknown_role_is_a_problem_naming_the_roles_there_are():
    roles, problems = rules.parse_roles(["auditor", "superuser"])
    assert roles == ["auditor"]
    assert [(p.code, p.params["role"]) for p in problems] == [("AUTH-UNKNOWN-ROLE", "superuser")]
    assert "administrator" in problems[0].params["allowed"]


def test_a_short_password_is_refused():
    assert [p.code for p in rules.password_problems("short")] == ["AUTH-PASSWORD-TOO-SHORT"]
    assert rules.password_problems("a long enough passphrase") == []


def test_four_failed_logins_count_and_the_fifth_locks_for_fifteen_minutes():
    failed, locked = 0, None
    for _ in range(4):
        failed, locked = rules.after_failed_login(failed, NOW)
        assert locked is None
    assert failed == 4
    assert rules.after_failed_login(failed, NOW) == (0, NOW + dt.timedelta(minutes=15))


def test_a_lock_out_holds_until_its_time_also_for_a_timestamp_read_back_without_zone():
    until = (NOW + rules.LOCKOUT).replace(tzinfo=None)  # SQLite hands UTC back without a zone
    assert rules.is_locked(until, NOW + dt.timedelta(minutes=14))
    assert not rules.is_locked(until, NOW + dt.timedelta(minutes=15))
    assert not rules.is_locked(None, NOW)


def test_the_roles_table_lists_every_role_with_sorted_permissions():
    table = {row["role"]: row for row in rules.roles_table()}
    assert list(table) == list(rules.ROLES)
    assert table["auditor"]["permissions"] == ["audit.read", "reports.read"]


@pytest.mark.parametrize("code", ["AUTH-PERMISSION-DENIED", "AUTH-UNKNOWN-USER", "AUTH-USER-DISABLED",
                                  "AUTH-UNKNOWN-ROLE", "AUTH-LAST-ADMINISTRATOR", "AUTH-PASSWORD-TOO-SHORT",
                                  "AUTH-USER-LOCKED", "USER-EXISTS", "USER-NOT-FOUND"])
def test_every_identity_code_has_a_text_in_english_norwegian_and_dutch(code):
    params = {"user": "kari", "permission": "setup.change", "role": "x", "allowed": "a", "min": 10,
              "until": "2026-11-20T10:15", "id": "kari"}
    texts = {language: render_problem(Problem(code, None, params), language) for language in ("en", "nb", "nl")}
    assert len(set(texts.values())) == 3
    assert all(code not in text and "{" not in text for text in texts.values())
