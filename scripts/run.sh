#!/usr/bin/env bash
# The main job on the embedded default: installs everything (scripts/setup.sh),
# creates/updates the SQLite database with a demo company, then runs the server
# (local Prefect server + UI on http://127.0.0.1:4200, inbox watching, approvals,
# posting and the nightly cost jobs). Ctrl-C stops it; running it again resumes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH" PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
export LEDGERFLOW_HOME="${LEDGERFLOW_HOME:-$PWD/var}"
ledgerflow init --country "${LEDGERFLOW_COUNTRY:-NO}" --demo
mkdir -p "$LEDGERFLOW_HOME/inbox"
exec ledgerflow serve --port "${LEDGERFLOW_PORT:-4200}" --host "${LEDGERFLOW_HOST:-127.0.0.1}" "$@"
