#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
results=artifacts/test-results
# The durability tests need PostgreSQL: provide one when none is given and a local one can be started.
if [ -z "${DVK_TEST_POSTGRES:-}" ]; then
  if DVK_TEST_POSTGRES=$(bash scripts/test-postgres.sh); then
    export DVK_TEST_POSTGRES
  else
    unset DVK_TEST_POSTGRES
    echo "PostgreSQL not available: durability tests will be skipped (and fail under CI=true)" >&2
  fi
fi
rm -rf "$results"
dotnet test DanVanKheo.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run broke before it could count (build error, crash)
fi
# A real silo process and `dvk loadtest --provinces 2 --duration 20`, counted as one test.
if bash scripts/loadtest-smoke.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$passed" -gt 0 ] || exit 1
exit "$status"
