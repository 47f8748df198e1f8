"""The `ledgerflow` command line (Typer + rich).

Global options: ``--db`` (or LEDGERFLOW_DATABASE_URL), ``--user`` (or
LEDGERFLOW_USER, else the administrator ``admin`` made by ``init``; the
user's roles decide what they may do); the data dir is LEDGERFLOW_HOME
(default ./var). Read commands take ``--json``. Exit codes: 0 done, 2
refused (problem codes on stderr), 1 unexpected failure.

One module per area (setup, identity, purchasing, inventory, reports,
costing, sales, payments, approvals, server, intake, documents); each has a
``register(root)`` that adds its command groups and commands. This module builds the root app
and registers the areas; the areas share only :mod:`flows.cli.common` and
:mod:`flows.cli.apps` and never import each other.
"""

from __future__ import annotations

import sys

import typer

from flows.cli import (
    approvals,
    costing,
    documents,
    identity,
    intake,
    inventory,
    payments,
    purchasing,
    reports,
    sales,
    server,
    setup,
)
from flows.cli.common import State

app = typer.Typer(help="ledgerflow: purchasing and inventory automation with Business Central semantics.",
                  no_args_is_help=True, pretty_exceptions_enable=False)

# The order of `ledgerflow --help` (and of commands another area adds to a shared group, see flows.cli.apps).
AREAS = (setup, identity, purchasing, inventory, reports, costing, sales, payments, approvals, server, intake,
         documents)


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
