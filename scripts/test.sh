#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
results=artifacts/test-results
# The durability tests need PostgreSQL: provide one when none is given and a local one can be started.
if [ -z "${DVK_TEST_POSTGRES:-}" ]; then
  # Through a file, not $(...): a pipe that any started process kept open would make the capture wait forever.
  connection_file=$(mktemp)
  if timeout 300 bash scripts/test-postgres.sh >"$connection_file"; then
    DVK_TEST_POSTGRES=$(cat "$connection_file")
    export DVK_TEST_POSTGRES
  else
    unset DVK_TEST_POSTGRES
    echo "PostgreSQL not available: durability tests will be skipped (and fail under CI=true)" >&2
  fi
  rm -f "$connection_file"
fi
rm -rf "$results"
# A test that hangs is killed and reported after 10 minutes (the longest test takes under 2) instead of
# holding CI until its limit.
dotnet test DanVanKheo.sln -c Release --blame-hang-timeout 10m --blame-hang-dump-type none --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
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
# CI shows only the end of the log: name each failed test there, with the first lines of its message.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); failing = 1; lines = 0; next }
    failing && /<UnitTestResult / { failing = 0 }
    failing && /<Message>/ { inmsg = 1; print "FAILED: " name; sub(/.*<Message>/, "") }
    failing && inmsg { done = sub(/<\/Message>.*/, ""); if (lines++ < 8) print "    " $0; if (done) { inmsg = 0; failing = 0 } }
  ' "$trx"
done
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
