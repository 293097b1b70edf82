#!/usr/bin/env bash
# Makes a local PostgreSQL available to the durability tests and prints the connection string for
# DVK_TEST_POSTGRES on stdout (diagnostics go to stderr). Starts the first Debian cluster if it is down and
# creates the role dvk_durable_test (CREATEDB: each test creates and drops a database of its own).
# Exits non-zero when it cannot (no PostgreSQL installed, no rights).
set -euo pipefail

# Everything but the final line runs with stdout sent to stderr: pg_ctlcluster and psql talk ("Removed
# stale pid file."), and a caller capturing $(...) would take their words as part of the connection string.
# No copy of the caller's stdout may stay open in this script either: the PostgreSQL server started here
# outlives it and would inherit that descriptor, and a caller's $(...) then waits for end-of-file forever.
prepare() {
  command -v pg_lsclusters >/dev/null || { echo "PostgreSQL is not installed (apt-get install postgresql)"; return 1; }
  if [ "$(id -u)" -eq 0 ]; then as_postgres() { su postgres -c "$*"; }
  elif sudo -n true 2>/dev/null; then as_postgres() { sudo -n -u postgres sh -c "$*"; }
  else echo "need root or password-less sudo to start PostgreSQL"; return 1; fi

  read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
  [ -n "${version:-}" ] || { echo "no PostgreSQL cluster exists"; return 1; }
  if [ "$status" != "online" ]; then
    echo "starting PostgreSQL $version/$cluster on port $port"
    # The server inherits the descriptors of pg_ctlcluster: give it a log file, never a pipe of ours.
    local log; log=$(mktemp)
    local start=(pg_ctlcluster "$version" "$cluster" start)
    [ "$(id -u)" -eq 0 ] || start=(sudo -n "${start[@]}")
    # Descriptors above 2 (a caller's pipes) are closed in the subshell so the server cannot hold them open.
    if ! (
      for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
      exec "${start[@]}"
    ) </dev/null >"$log" 2>&1; then cat "$log"; rm -f "$log"; return 1; fi
    cat "$log"; rm -f "$log"
  fi
  for _ in $(seq 1 30); do as_postgres "psql -p $port -qAtc 'select 1'" </dev/null >/dev/null 2>&1 && break; sleep 1; done

  as_postgres "psql -p $port -qAtc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'; END IF; END \\\$\\\$\"" </dev/null
}

role=dvk_durable_test
password=dvk_durable_test
prepare >&2
echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres"
