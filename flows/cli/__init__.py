"""The `ledgerflow` command line (Typer + rich).

Global options: ``--db`` (or LEDGERFLOW_DATABASE_URL), ``--user`` (or
LEDGERFLOW_USER, else the administrator ``admin`` made by ``init``; the
user's roles decide what they may do); the data dir is LEDGERFLOW_HOME (default ./var). Read
commands take ``--json``. Problems are told in LEDGERFLOW_LANG (en, nb, nl),
else the acting user's language, else the company's (NO: nb, NL: nl).

Exit statuses:

- 0: done.
- 2: refused. One line per problem on stderr, ``CODE message`` (the code is
  stable; the message is in the user's language); nothing was written. A value
  the command checks itself (a date, an amount, ``--status``) is a refusal too.
- 64 (EX_USAGE): the command line cannot be parsed: unknown command or option,
  missing argument, a value of the wrong type. One ``CLI-USAGE`` line on stderr.
- 1: unexpected failure: one ``CLI-UNEXPECTED`` line on stderr; run again with
  ``LEDGERFLOW_DEBUG=1`` to see the traceback.
- 130: interrupted (Ctrl-C).

One module per area (setup, identity, purchasing, inventory, warehouse, assembly, reports,
costing, sales, payments, approvals, server, intake, documents, export, compliance, corrections, tracking); each has a
``register(root)`` that adds its command groups and commands. This module builds the root app
and registers the areas; the areas share only :mod:`flows.cli.common` and
:mod:`flows.cli.apps` and never import each other.
"""

from __future__ import annotations

import os
import sys

import typer
from typer.core import TyperGroup

from domain.problems import DomainError
from flows import output
from flows.cli import (
    approvals,
    assembly,
    compliance,
    corrections,
    costing,
    costing_worksheets,
    crm,
    documents,
    drafts,
    export,
    identity,
    intake,
    inventory,
    item_cards,
    payments,
    prepayments,
    purchasing,
    reports,
    reservations,
    sales,
    server,
    setup,
    tracking,
    warehouse,
)
from flows.cli.common import EXIT_USAGE, State, fail, known_refusal, refuse, usage_error


class Root(TyperGroup):
    """The root command: whatever goes wrong below it ends as coded lines on stderr and
    a documented exit status (see the module docstring), never as a traceback."""

    def make_context(self, info_name, args, parent=None, **extra):
        State.reset(None, None)  # a run whose options do not parse must not see the last run's state
        return _guarded(lambda: super(Root, self).make_context(info_name, args, parent, **extra))

    def invoke(self, ctx):
        return _guarded(lambda: super(Root, self).invoke(ctx))


def _guarded(run):
    try:
        return run()
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if _is(exc, "NoArgsIsHelpError"):  # the help is shown; still a usage error
            exc.exit_code = EXIT_USAGE
            raise
        if _is(exc, "UsageError"):
            if exc.ctx is not None:
                output.note(exc.ctx.get_usage())
            usage_error(exc.ctx.command_path if exc.ctx else "ledgerflow", exc.format_message())
        if _is(exc, "ClickException"):
            raise
        if isinstance(exc, DomainError):
            refuse(exc)
        refusal = known_refusal(exc)
        if refusal is not None:
            refuse(refusal)
        if os.environ.get("LEDGERFLOW_DEBUG", "") not in ("", "0"):
            raise
        fail(exc)


def _is(exc: Exception, name: str) -> bool:
    """``exc`` is a click exception of this kind (by name: typer vendors click since 0.2x,
    so ``click.UsageError`` is not the class typer raises)."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


app = typer.Typer(help="ledgerflow: purchasing and inventory automation with Business Central semantics.",
                  no_args_is_help=True, pretty_exceptions_enable=False, cls=Root)

# The order of `ledgerflow --help` (and of commands another area adds to a shared group, see flows.cli.apps).
AREAS = (setup, item_cards, identity, purchasing, inventory, warehouse, assembly, reports, costing, costing_worksheets, sales,
         payments, approvals, server, intake, documents, crm, export, compliance, corrections, drafts, prepayments,
         tracking, reservations)


@app.callback()
def main_options(
    db: str = typer.Option(None, "--db", help="Database URL (default: SQLite file in LEDGERFLOW_HOME)."),
    user: str = typer.Option(None, "--user", help="Who acts (default: LEDGERFLOW_USER, else `admin`)."),
):
    State.reset(db, user)


for _area in AREAS:
    _area.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
