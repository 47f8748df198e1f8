"""CLI for users, roles, passwords (`ledgerflow user ...`) and the setup audit (`ledgerflow audit ...`).

The acting user is the global ``--user`` (else LEDGERFLOW_USER, else init's
``admin``); the domain checks their roles (domain.identity) and audits every
change with the OS account that ran the command. ``user add`` and ``user list``
keep their options and JSON keys (they lived in the setup CLI before).
"""

from __future__ import annotations

import sys

import typer

from domain.identity import access
from domain.identity import services as identity
from domain.problems import DomainError
from flows import output
from flows.cli.common import State, handle_errors

user_app = typer.Typer(help="Users, roles and passwords (brukere / gebruikers).", no_args_is_help=True)
audit_app = typer.Typer(help="Audit of setup and security changes.", no_args_is_help=True)

USER_COLUMNS = ["id", "name", "email", "language", "allow_posting_from", "allow_posting_to", "roles", "disabled"]


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(audit_app, name="audit")


def say(text: str) -> None:
    output.console.print(text, soft_wrap=True, highlight=False)


def _joined(rows: list[dict], as_json: bool) -> list[dict]:
    """Lists as ``a, b`` in a table; JSON keeps them as lists."""
    if as_json:
        return rows
    return [{k: ", ".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows]


@user_app.command("add")
@handle_errors
def user_add(user_id: str = typer.Argument(None, metavar="[ID]", help="User id (or --id)."),
             id_option: str = typer.Option(None, "--id"), name: str = typer.Option(..., "--name"),
             email: str = typer.Option(None, "--email"), language: str = typer.Option(None, "--language"),
             roles: str = typer.Option(None, "--roles", help="Comma-separated roles (see `user roles`)."),
             approver: str = typer.Option(None, "--approver", help="Next approver up the approval chain."),
             purchase_limit: str = typer.Option(None, "--purchase-limit", help="Approval limit excl. VAT, LCY."),
             unlimited: bool = typer.Option(None, "--unlimited", help="Unlimited purchase approval."),
             substitute: str = typer.Option(None, "--substitute", help="Takes over delegated approvals.")):
    """Add a user with roles; approval options also set up the user's Approval User Setup."""
    from domain.approvals import setup as approvals_setup

    uid = user_id or id_option
    if not uid:
        raise DomainError("IMPORT-MISSING-FIELD", "give the user id (ID or --id)", field="id")
    identity.add_user(State.app(), uid, name, email, language, roles)
    setup = {k: v for k, v in {"approver": approver, "purchase_limit": purchase_limit, "unlimited": unlimited,
                               "substitute": substitute}.items() if v is not None}
    if setup:
        approvals_setup.setup_user(State.app(), {"id": uid, **setup})
    say(f"user {uid} added" + (" with approval setup" if setup else ""))


@user_app.command("list")
@handle_errors
def user_list(as_json: bool = typer.Option(False, "--json")):
    """Every user with their roles."""
    rows = [{c: u[c] for c in USER_COLUMNS} for u in identity.list_users(State.app())]
    output.emit(_joined(rows, as_json), as_json, "Users")


@user_app.command("roles")
@handle_errors
def user_roles(user_id: str = typer.Argument(None, metavar="[ID]"),
               set_roles: str = typer.Option(None, "--set", help="Replace the user's roles: a,b,..."),
               as_json: bool = typer.Option(False, "--json")):
    """Without ID: every role and its permissions. With ID: the user's roles (--set changes them)."""
    if user_id is None:
        if set_roles is not None:
            raise DomainError("IMPORT-MISSING-FIELD", "--set needs the user id", field="id")
        output.emit(_joined(identity.roles_table(), as_json), as_json, "Roles")
        return
    if set_roles is not None:
        roles = identity.set_roles(State.app(), user_id, set_roles)
        say(f"roles of {user_id}: {', '.join(roles) or '-'}")
        return
    roles = identity.user_roles(State.app(), user_id)
    if as_json:
        output.emit({"id": user_id, "roles": roles}, True)
    else:
        say(f"roles of {user_id}: {', '.join(roles) or '-'}")


@user_app.command("disable")
@handle_errors
def user_disable(user_id: str = typer.Argument(..., metavar="ID")):
    """Disable a user: they keep their history but may do nothing (BC State Disabled)."""
    identity.disable_user(State.app(), user_id)
    say(f"user {user_id} disabled")


@user_app.command("enable")
@handle_errors
def user_enable(user_id: str = typer.Argument(..., metavar="ID")):
    identity.enable_user(State.app(), user_id)
    say(f"user {user_id} enabled")


@user_app.command("set-password")
@handle_errors
def user_set_password(user_id: str = typer.Option(..., "--id"),
                      password_stdin: bool = typer.Option(False, "--password-stdin",
                                                          help="Read the password from standard input.")):
    """Set the password a user logs in to the approvals page with (stored as an argon2 hash)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    identity.set_password(State.app(), user_id, password)
    say(f"password of {user_id} set")


@user_app.command("totp")
@handle_errors
def user_totp(user_id: str = typer.Option(..., "--id")):
    """Enrol a user's authenticator app: prints the secret and the otpauth:// link to scan. The
    six-digit code then proves the approver in the Prefect UI's approval form."""
    from domain.identity import one_time_codes

    enrolled = one_time_codes.enrol(State.app(), user_id)
    say(f"secret for {user_id}: {enrolled['secret']}")
    say(enrolled["uri"])


@audit_app.command("setup")
@handle_errors
def audit_setup(limit: int = typer.Option(200, "--limit", help="The latest N events."),
                action: str = typer.Option(None, "--action", help="Only this action, e.g. approvals.configure."),
                as_json: bool = typer.Option(False, "--json")):
    """Who changed setup, users and approval configuration, from where, and what (refusals too)."""
    events = access.list_audit(State.app(), limit, action)
    if as_json:
        output.emit(events, True)
        return
    rows = [{k: e[k] for k in ("id", "at", "user", "os_account", "surface", "action", "object", "outcome", "code")}
            for e in events]
    output.emit(rows, False, "Setup audit")
