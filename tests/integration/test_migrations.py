"""The migration history: one chain; from an empty database it builds the models'
schema; a database left by the branched history (ledgerflow up to 0c53ce7, one
``alembic_version`` row per branch head) upgrades in place; and no migration
reads the application's code. On SQLite and PostgreSQL."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import migrations
from domain.schema import Base
from migrations.legacy import BranchedHistoryError, chain_revision
from tests.conftest import DATABASES, make_app
from tests.support.servers import create_pg_database, drop_pg_database

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "migrations"

#: alembic_version as ledgerflow 0c53ce7 leaves a fully migrated database (read from one it made)
BRANCHED_HEADS = {"0002", "0005", "0006_documents_out", "0007", "0008", "0009", "0010", "0011", "0012"}
#: ... and as ledgerflow 145c5c6 left one, before 0007 to 0012 existed
EARLY_BRANCHED_HEADS = {"0002", "0004", "0005", "0006_documents_out"}
#: ... and as ledgerflow da439aa left one: 0010 was written before 0009
GAPPED_BRANCHED_HEADS = {"0002", "0004", "0005", "0006_documents_out", "0007", "0008", "0010"}
#: the newest revision of the branched history (later revisions were written as one chain)
LAST_BRANCHED = "0012"

TRIGGERS = {"sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'",
            "postgresql": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"}


@pytest.fixture(params=DATABASES, ids=lambda d: d)
def empty_url(request, tmp_path):
    """A database with nothing in it, not even ``alembic_version``."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"ledgerflow_mig_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    yield create_pg_database(name)
    drop_pg_database(name)


@pytest.fixture
def app(empty_url):
    application = make_app(empty_url)
    yield application
    application.dispose()


def versions(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def stamp(engine, rows: set[str]) -> None:
    """Write ``alembic_version`` as an older ledgerflow left it."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        for row in sorted(rows):
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:row)"), {"row": row})


def schema_differences(engine) -> dict[str, object]:
    """Where the database's tables and columns differ from the models'; empty when they agree."""
    inspector = inspect(engine)
    tables, models = set(inspector.get_table_names()) - {"alembic_version"}, set(Base.metadata.tables)
    differences: dict[str, object] = {}
    if tables != models:
        differences["tables"] = (sorted(tables - models), sorted(models - tables))
    for table in Base.metadata.sorted_tables:
        if table.name in tables:
            found = {column["name"] for column in inspector.get_columns(table.name)}
            declared = {column.name for column in table.columns}
            if found != declared:
                differences[table.name] = (sorted(found - declared), sorted(declared - found))
    return differences


def snapshot(engine) -> dict[str, object]:
    """Everything but ``alembic_version``: tables, columns, indexes, row counts, triggers."""
    tables = {}
    with engine.connect() as conn:  # one connection: SQLite's BEGIN IMMEDIATE would lock out a second
        inspector = inspect(conn)
        for name in inspector.get_table_names():
            if name == "alembic_version":
                continue
            tables[name] = (
                [(column["name"], str(column["type"]), column["nullable"]) for column in inspector.get_columns(name)],
                sorted((index["name"], tuple(map(str, index["column_names"])), bool(index["unique"]))
                       for index in inspector.get_indexes(name)),
                conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one(),
            )
        triggers = sorted(tuple(row) for row in conn.execute(text(TRIGGERS[engine.dialect.name])))
    return {"tables": tables, "triggers": triggers}


# -- the chain ---------------------------------------------------------------------------------------


def test_the_revisions_form_one_chain_in_file_order_from_one_base_to_one_head():
    script = ScriptDirectory(str(MIGRATIONS))
    revisions = sorted(script.walk_revisions(), key=lambda revision: Path(revision.path).name)
    ids = [revision.revision for revision in revisions]
    assert len(revisions) == len(list((MIGRATIONS / "versions").glob("*.py")))
    assert script.get_bases() == [ids[0]] and script.get_heads() == [ids[-1]]
    assert [revision.down_revision for revision in revisions] == [None, *ids[:-1]]
    assert migrations.chain() == ids and migrations.head_revisions() == (ids[-1],)


def test_branched_rows_stand_for_the_chain_up_to_the_last_revision_they_applied():
    chain = migrations.chain()
    assert chain_revision(sorted(BRANCHED_HEADS), chain) == "0012"
    assert chain_revision(sorted(EARLY_BRANCHED_HEADS), chain) == "0006_documents_out"
    assert chain_revision(["0002", "0003"], chain) == "0003"
    with pytest.raises(BranchedHistoryError, match="skips 0009"):
        chain_revision(sorted(GAPPED_BRANCHED_HEADS), chain)
    with pytest.raises(BranchedHistoryError, match="0099"):
        chain_revision(["0002", "0099"], chain)


# -- upgrades ----------------------------------------------------------------------------------------


def test_an_empty_database_upgraded_to_head_has_the_tables_and_columns_of_the_models(app):
    migrations.upgrade(app.engine)
    assert versions(app.engine) == set(migrations.head_revisions())
    assert schema_differences(app.engine) == {}


def test_a_database_migrated_to_the_foundation_only_upgrades_to_head(app):
    migrations.upgrade(app.engine, "0001")
    assert versions(app.engine) == {"0001"}
    migrations.upgrade(app.engine)
    assert versions(app.engine) == set(migrations.head_revisions())
    assert schema_differences(app.engine) == {}


def test_a_database_of_the_branched_history_gets_one_row_at_head_and_nothing_else_changes(app):
    migrations.upgrade(app.engine, LAST_BRANCHED)  # a fully migrated database of that time ...
    with app.engine.begin() as conn:  # ... with a user (today's `init` needs the later revisions)
        conn.execute(text("INSERT INTO app_user (id, name, language) VALUES ('kari', 'Kari', 'nb')"))
    stamp(app.engine, BRANCHED_HEADS)
    before = snapshot(app.engine)
    migrations.upgrade(app.engine, LAST_BRANCHED)
    assert versions(app.engine) == {LAST_BRANCHED}
    assert snapshot(app.engine) == before
    migrations.upgrade(app.engine)  # and on from there
    assert versions(app.engine) == set(migrations.head_revisions())
    assert schema_differences(app.engine) == {}


def test_a_database_of_an_earlier_branched_history_gets_the_revisions_it_lacks(app):
    migrations.upgrade(app.engine, "0006_documents_out")
    stamp(app.engine, EARLY_BRANCHED_HEADS)
    migrations.upgrade(app.engine)
    assert versions(app.engine) == set(migrations.head_revisions())
    assert schema_differences(app.engine) == {}


def test_a_branched_history_with_a_gap_is_refused_and_left_as_it_was(app):
    migrations.upgrade(app.engine)
    stamp(app.engine, GAPPED_BRANCHED_HEADS)
    before = snapshot(app.engine)
    with pytest.raises(BranchedHistoryError, match="0c53ce7"):
        migrations.upgrade(app.engine)
    assert versions(app.engine) == GAPPED_BRANCHED_HEADS
    assert snapshot(app.engine) == before


# -- no application code in the migrations -------------------------------------------------------------


def _autogenerate_branch(tree: ast.Module) -> set[int]:
    """ids of the nodes inside env.py's ``if _autogenerating():`` block, the one place the models may be imported."""
    inside = set()
    for node in tree.body:
        if (isinstance(node, ast.If) and isinstance(node.test, ast.Call)
                and isinstance(node.test.func, ast.Name) and node.test.func.id == "_autogenerating"):
            inside.update(id(child) for statement in node.body for child in ast.walk(statement))
    return inside


def test_no_migration_imports_domain_or_flows_except_the_models_for_autogenerate():
    offences, allowed_imports = [], []
    for path in sorted(MIGRATIONS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = _autogenerate_branch(tree) if path.name == "env.py" else set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("domain", "flows"):
                    (allowed_imports if id(node) in allowed else offences).append(f"{path.relative_to(ROOT)}: {name}")
    assert offences == []
    assert len(allowed_imports) == 1 and allowed_imports[0].startswith("migrations/env.py: domain.")
    template = (MIGRATIONS / "script.py.mako").read_text(encoding="utf-8")
    assert "domain" not in template and "flows" not in template


def test_upgrading_a_database_loads_no_application_module(tmp_path):
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    program = (
        "import sys\n"
        "from sqlalchemy import create_engine\n"
        "import migrations\n"
        f"migrations.upgrade(create_engine({url!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('domain', 'flows')))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", program], check=False, capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_0048_fills_the_normalised_invoice_no_of_documents_registered_before(app):
    migrations.upgrade(app.engine, "0047")
    with app.engine.begin() as conn:
        for entry_no, invoice_no in ((1, "2026/000 123"), (2, None), (3, "inv-7")):
            conn.execute(text(
                "INSERT INTO incoming_document (entry_no, status, document_type, original_name, source_path, size, "
                "page_count, vat_groups, created_at) VALUES (:e, 'review', 'invoice', 'a.pdf', 'a.pdf', 0, 1, '[]', "
                "CURRENT_TIMESTAMP)"), {"e": entry_no})
            if invoice_no is not None:
                conn.execute(text("INSERT INTO incoming_document_field (entry_no, name, value, confidence, source) "
                                  "VALUES (:e, 'invoice_no', :v, 0.9, 'text')"), {"e": entry_no, "v": invoice_no})
    migrations.upgrade(app.engine)
    with app.engine.connect() as conn:
        rows = conn.execute(text("SELECT entry_no, invoice_no_norm FROM incoming_document ORDER BY entry_no")).all()
    assert [tuple(r) for r in rows] == [(1, "2026000123"), (2, None), (3, "INV7")]
    assert schema_differences(app.engine) == {}
