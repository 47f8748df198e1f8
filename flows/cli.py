"""The `ledgerflow` command line (Typer + rich).

Global options: ``--db`` (or LEDGERFLOW_DATABASE_URL), ``--user`` (or
LEDGERFLOW_USER); the data dir is LEDGERFLOW_HOME (default ./var). Read
commands take ``--json``. Exit codes: 0 done, 2 refused (problem codes on
stderr), 1 unexpected failure.
"""

from __future__ import annotations

import functools
import json
import sys
from decimal import Decimal
from pathlib import Path

import typer

from domain.problems import DomainError, Rejected, RejectedError
from flows import output, settings

app = typer.Typer(help="ledgerflow: purchasing and inventory automation with Business Central semantics.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


class State:
    db: str | None = None
    user: str | None = None
    _app = None

    @classmethod
    def app(cls, migrate: bool = False):
        if cls._app is None:
            cls._app = settings.open_app(settings.load(cls.db, cls.user), migrate=migrate)
        return cls._app


@app.callback()
def main_options(
    db: str = typer.Option(None, "--db", help="Database URL (default: SQLite file in LEDGERFLOW_HOME)."),
    user: str = typer.Option(None, "--user", help="Who acts (default: LEDGERFLOW_USER)."),
):
    State.db, State.user, State._app = db, user, None


def handle_errors(fn):
    """Turn domain refusals into a clear message with a stable code and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except RejectedError as exc:
            output.problems(exc.rejected)
            raise typer.Exit(2) from None
        except DomainError as exc:
            output.errors.print(f"[red]{exc.code}[/red] {exc}")
            raise typer.Exit(2) from None
        if isinstance(result, Rejected):
            output.problems(result)
            raise typer.Exit(2)
        return result

    return wrapper


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise DomainError("IMPORT-FILE-NOT-FOUND", f"no file {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DomainError("IMPORT-INVALID-JSON", f"{path}: {exc}") from None


@app.command()
@handle_errors
def init(
    country: str = typer.Option(..., "--country", help="NO or NL."),
    demo: bool = typer.Option(False, "--demo", help="Add demo vendors, customers, items, a location, users."),
    name: str = typer.Option(None, "--name", help="Company name."),
):
    """Create (or bring up to date) the database and a company ready to post."""
    from domain.setup.initialize import initialize

    result = initialize(State.app(migrate=True), country, demo, name)
    output.console.print(f"company ready ({result['country']}), {result['rows_created']} rows created"
                         + (" with demo data" if demo else ""))


db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
@handle_errors
def db_upgrade():
    """Apply all migrations."""
    import migrations

    State.app(migrate=True)
    output.console.print(f"database at revision {', '.join(migrations.current_revisions(State.app().engine))}")


@db_app.command("current")
def db_current():
    """Show the applied and the newest migration."""
    import migrations

    engine = State.app().engine
    current, heads = migrations.current_revisions(engine), migrations.head_revisions()
    state = "up to date" if set(current) == set(heads) else "behind: run `ledgerflow db upgrade`"
    output.console.print(f"current {', '.join(current) or '-'}; newest {', '.join(heads)} ({state})")


@db_app.command("grant-app-role")
@handle_errors
def db_grant_app_role(
    role: str = typer.Option(..., "--role", help="The role the application connects as (created when missing)."),
    sql: bool = typer.Option(False, "--sql", help="Print the SQL for a database administrator instead of running it."),
):
    """PostgreSQL, as the tables' owner: let ROLE post but never delete, truncate or rewrite a ledger.
    Run it again after every `db upgrade` (docs/operations.md, "Production database roles")."""
    import domain.schema  # noqa: F401  (every model: which tables are ledgers)
    from domain.db_roles import AppRole, grant_app_role

    result = grant_app_role(State.app().engine, role, execute=not sql)
    if not isinstance(result, AppRole):
        return result
    if sql:
        print("".join(f"{statement};\n" for statement in result.statements), end="")
        return None
    print(f"role {role} {'created and granted' if result.created else 'granted'}\n"
          f"ledger tables: {len(result.ledger_tables)} (SELECT, INSERT, UPDATE of maintained columns)\n"
          f"working tables: {len(result.working_tables)} (SELECT, INSERT, UPDATE, DELETE)\n"
          f"other tables: {len(result.other_tables)} (SELECT)")
    return None


def _register_subcommands() -> None:
    from flows import cli_master, cli_purchase, cli_report

    app.add_typer(cli_master.vendor_app, name="vendor")
    app.add_typer(cli_master.customer_app, name="customer")
    app.add_typer(cli_master.item_app, name="item")
    app.add_typer(cli_master.charge_app, name="item-charge")
    app.add_typer(cli_master.user_app, name="user")
    app.add_typer(cli_master.location_app, name="location")
    app.add_typer(cli_master.setup_app, name="setup")
    app.add_typer(cli_purchase.purchase_app, name="purchase")
    app.add_typer(cli_purchase.journal_app, name="journal")
    app.add_typer(cli_report.report_app, name="report")
    __import__("flows.cli_costing").cli_costing.register(app)
    from flows import cli_orders, cli_sales  # noqa: F401  (orders add to purchase_app)

    app.add_typer(cli_sales.sales_app, name="sales")
    __import__("flows.cli_returns")  # adds purchase return-order, sales return-order
    __import__("flows.cli_documents_out")  # adds sales render|send|document-setup, purchase order render
    from flows import cli_payments

    app.add_typer(cli_payments.payments_app, name="payments")
    from flows import cli_approvals

    app.add_typer(cli_approvals.approvals_app, name="approvals")
    __import__("flows.cli_server").cli_server.register(app)
    from flows import cli_documents
    app.add_typer(cli_documents.inbox_app, name="inbox")
    app.add_typer(cli_documents.documents_app, name="documents")


_register_subcommands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
