#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
results=artifacts/test-results
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
