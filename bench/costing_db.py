"""The costing benchmark's databases: a fresh one per run (SQLite file or PostgreSQL database
``ledgerflow_bench_costing``) and, for ``--reuse``, a kept template stamped with the sizes it
was generated with (PostgreSQL ``ledgerflow_bench_costing_tpl``, SQLite
``<tmp>/ledgerflow-bench-costing/tpl.db``)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from domain.bootstrap import build_app

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/ledgerflow_bench_costing"
PG_TEMPLATE = "ledgerflow_bench_costing_tpl"
SQLITE_TEMPLATE_DIR = Path(tempfile.gettempdir()) / "ledgerflow-bench-costing"


def fresh_database(kind: str, workdir: Path, template: bool = False) -> str:
    if kind == "sqlite":
        path = workdir / "costing.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS ledgerflow_bench_costing WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE ledgerflow_bench_costing"
                          + (f" TEMPLATE {PG_TEMPLATE}" if template else "")))
    admin.dispose()
    return PG_URL


def _pg_admin(sql: str):
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return conn.execute(text(sql)).all() if sql.lstrip().upper().startswith("SELECT") else \
                conn.execute(text(sql))
    finally:
        admin.dispose()


def template_stamp(kind: str) -> dict | None:
    """The sizes the kept template was generated with (and its generation report), or None."""
    if kind == "sqlite":
        stamp = SQLITE_TEMPLATE_DIR / "tpl.json"
        return json.loads(stamp.read_text()) if stamp.exists() and (SQLITE_TEMPLATE_DIR / "tpl.db").exists() \
            else None
    rows = _pg_admin(f"SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                     f"WHERE datname = '{PG_TEMPLATE}'")
    return json.loads(rows[0][0]) if rows and rows[0][0] else None


def keep_template(kind: str, url: str, stamp: dict) -> None:
    """Keep the freshly generated database (not yet measured) as the template for --reuse."""
    if kind == "sqlite":
        SQLITE_TEMPLATE_DIR.mkdir(exist_ok=True)
        shutil.copyfile(url.removeprefix("sqlite:///"), SQLITE_TEMPLATE_DIR / "tpl.db")
        (SQLITE_TEMPLATE_DIR / "tpl.json").write_text(json.dumps(stamp))
        return
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)")
    _pg_admin(f"CREATE DATABASE {PG_TEMPLATE} TEMPLATE ledgerflow_bench_costing")
    _pg_admin(f"COMMENT ON DATABASE {PG_TEMPLATE} IS '{json.dumps(stamp)}'")


def copy_template(kind: str, workdir: Path) -> str:
    """A fresh database copied from the kept template, brought to the current migration heads."""
    if kind == "sqlite":
        path = workdir / "costing.db"
        shutil.copyfile(SQLITE_TEMPLATE_DIR / "tpl.db", path)
        url = f"sqlite:///{path}"
    else:
        url = fresh_database(kind, workdir, template=True)
    app = build_app(url)
    import migrations

    migrations.upgrade(app.engine)
    app.dispose()
    return url
