"""What `ledgerflow db grant-app-role` gives the application role, derived from the models
(no database): whatever append-only table a model adds, the role can never delete its rows
or change a posted column of them."""

from __future__ import annotations

import domain.schema  # noqa: F401  (every model)
from domain.db import append_only_tables
from domain.db_roles import ROLE_NAME, grant_sql, table_grants
from domain.orm import Base

SCHEMA = {table.name: set(table.columns.keys()) for table in Base.metadata.sorted_tables}


def test_a_ledger_table_gets_select_insert_and_update_of_its_maintained_columns_only():
    grants = table_grants({**SCHEMA, "alembic_version": {"version_num"}})
    ledgers = list(append_only_tables())
    assert len(ledgers) >= 17
    for table, _keys, frozen in ledgers:
        held = [grant for grant in grants if table in grant.tables]
        assert {p for grant in held if not grant.columns for p in grant.privileges} == {"SELECT", "INSERT"}, table
        updatable = {column for grant in held for column in grant.columns}
        assert updatable == SCHEMA[table] - set(frozen), table
    unknown = [grant for grant in grants if "alembic_version" in grant.tables]
    assert [(g.privileges, g.tables) for g in unknown] == [(("SELECT",), ("alembic_version",))]


def test_the_script_revokes_first_and_never_grants_truncate_or_delete_on_a_ledger():
    statements = grant_sql("ledgerflow_app", "ledgerflow", "public", table_grants(SCHEMA))
    assert statements[1:3] == ['REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "ledgerflow_app"',
                               'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "public" FROM "ledgerflow_app"']
    assert not any("TRUNCATE" in statement for statement in statements)
    for statement in statements:
        if "DELETE" in statement:
            assert '"gl_entry"' not in statement and '"value_entry"' not in statement


def test_only_plain_lower_case_role_names_are_accepted():
    assert all(ROLE_NAME.match(name) for name in ("ledgerflow_app", "_app2", "a" * 63))
    assert not any(ROLE_NAME.match(name) for name in ("App", "2app", "app-role", "a" * 64, "app; DROP", ""))
