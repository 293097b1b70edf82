#!/usr/bin/env bash
# Smoke test of `dvk loadtest`: starts a real silo process (in-memory storage, ports 14000/24000/9300),
# runs `dvk loadtest --provinces 2 --duration 20` (which verifies every tally against its own truth),
# stops the silo and exits with the load test's exit code. Needs a Release build of the solution.
set -uo pipefail
cd "$(dirname "$0")/.."
out=artifacts/loadtest-smoke
mkdir -p "$out"
silo_dir=src/Silo/bin/Release/net10.0
dvk=src/Client/bin/Release/net10.0/dvk.dll
if [ ! -f "$silo_dir/DanVanKheo.Silo.dll" ] || [ ! -f "$dvk" ]; then
  echo "loadtest smoke: build the solution in Release first" >&2
  exit 1
fi

if (exec 3<>/dev/tcp/127.0.0.1/9300) 2>/dev/null; then
  echo "loadtest smoke: port 9300 is already in use; stop whatever listens there" >&2
  exit 1
fi

(cd "$silo_dir" && exec env Orleans__SiloPort=14000 Orleans__GatewayPort=24000 Orleans__ClusterId=dvk-smoke \
  Urls=http://127.0.0.1:9300 dotnet DanVanKheo.Silo.dll) > "$out/silo.log" 2>&1 &
silo=$!
# GET over bash's /dev/tcp: a fresh CI machine has no curl.
http_get() {
  exec 3<>"/dev/tcp/127.0.0.1/9300" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  local response
  response=$(cat <&3)
  exec 3<&-
  [[ "$response" == "HTTP/1."?" 200"* ]] && printf '%s' "$response"
}
stop_silo() {
  kill "$silo" 2>/dev/null && wait "$silo" 2>/dev/null
}
trap stop_silo EXIT

for _ in $(seq 1 120); do
  http_get /health > /dev/null 2>&1 && break
  kill -0 "$silo" 2>/dev/null || { echo "loadtest smoke: the silo exited; see $out/silo.log" >&2; exit 1; }
  sleep 0.5
done

dotnet "$dvk" --gateway 127.0.0.1:24000 --cluster-id dvk-smoke loadtest --provinces 2 --duration 20 \
  --silo-pid "$silo" --report "$out/report.json" --chart "$out/chart.svg"
code=$?
metrics=$(http_get /metrics)
if [ "$code" -eq 0 ] && grep -q '^dvk_models_written_total' <<< "$metrics" \
  && grep -Eq '"noOpCallsPerSecond": *[1-9]' "$out/report.json"; then
  echo "loadtest smoke: passed (tallies verified, dvk_models_written_total on /metrics, machine gauge in the report)"
else
  echo "loadtest smoke: FAILED (exit code $code)" >&2
  code=1
fi
exit "$code"
