#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1:55432 with trust auth,
# installing Debian's postgresql package when needed. Used by scripts/test.sh on
# machines without a PostgreSQL server of their own.
set -euo pipefail
SUDO=""; AS_PG=(runuser -u postgres --)
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; AS_PG=(sudo -u postgres); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DATA=/tmp/ledgerflow-pg
if [ ! -f "$DATA/PG_VERSION" ]; then
  $SUDO mkdir -p "$DATA" && $SUDO chown postgres:postgres "$DATA"
  "${AS_PG[@]}" "$BIN/initdb" -D "$DATA" -A trust -U postgres >/dev/null
fi
"${AS_PG[@]}" "$BIN/pg_ctl" -D "$DATA" -o "-p 55432 -k /tmp -c listen_addresses=127.0.0.1" -w -l "$DATA/log" start >/dev/null || true
