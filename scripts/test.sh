#!/usr/bin/env bash
# The test command: sets everything up, makes sure a PostgreSQL server is
# reachable (the local one at 127.0.0.1:5432, or a private throw-away cluster
# it installs and starts), then runs the whole suite on SQLite AND PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 PYTHONDONTWRITEBYTECODE=1
if [ -n "${LEDGERFLOW_TEST_DATABASES:-}" ] && [ "${CI:-}" = "true" ]; then
  echo "test: LEDGERFLOW_TEST_DATABASES may not narrow the databases in CI" >&2; exit 1
fi

pg_ok() { .venv/bin/python - "$1" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgresql+psycopg", "postgresql"), connect_timeout=3).close()
except Exception as exc:
    print(f"test: PostgreSQL not reachable at {sys.argv[1]}: {exc}", file=sys.stderr); sys.exit(1)
PY
}

export LEDGERFLOW_TEST_PG_URL="${LEDGERFLOW_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
if ! pg_ok "$LEDGERFLOW_TEST_PG_URL" 2>/dev/null; then
  echo "test: starting a private PostgreSQL cluster for the tests"
  bash scripts/pg-private.sh
  export LEDGERFLOW_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:55432/postgres"
  pg_ok "$LEDGERFLOW_TEST_PG_URL"
fi

.venv/bin/python -m pytest -n 2 -q "$@"
