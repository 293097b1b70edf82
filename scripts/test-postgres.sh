#!/usr/bin/env bash
# Makes a local PostgreSQL available to the durability tests and prints the connection string for
# DVK_TEST_POSTGRES on stdout (diagnostics go to stderr). Starts the first Debian cluster if it is down and
# creates the role dvk_durable_test (CREATEDB: each test creates and drops a database of its own).
# Exits non-zero when it cannot (no PostgreSQL installed, no rights).
set -euo pipefail
# Only the connection string may reach stdout: pg_ctlcluster and psql talk (e.g. "removed stale pid file"),
# and a caller capturing $(...) would take their words as part of the connection string.
exec 3>&1 1>&2
command -v pg_lsclusters >/dev/null || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then as_postgres() { su postgres -c "$*"; }
elif sudo -n true 2>/dev/null; then as_postgres() { sudo -n -u postgres sh -c "$*"; }
else echo "need root or password-less sudo to start PostgreSQL" >&2; exit 1; fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
[ -n "${version:-}" ] || { echo "no PostgreSQL cluster exists" >&2; exit 1; }
if [ "$status" != "online" ]; then
  echo "starting PostgreSQL $version/$cluster on port $port" >&2
  if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" "$cluster" start; else sudo -n pg_ctlcluster "$version" "$cluster" start; fi
fi
for _ in $(seq 1 30); do as_postgres "psql -p $port -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done

role=dvk_durable_test
password=dvk_durable_test
as_postgres "psql -p $port -qAtc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'; END IF; END \\\$\\\$\"" >&2
echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres" >&3
