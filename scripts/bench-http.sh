#!/usr/bin/env bash
# The HTTP benchmark of docs/benchmarks.md: authenticated GET /api/users/me through the API host, embedded and as a
# client of a separate silo process, against bare Kestrel answering the same JSON (bench/HttpBaseline), with wrk, in
# one run. Rate limiting is off (one user would hit its limit at once); everything else is as deployed.
#   bash scripts/bench-http.sh [duration, default 15s] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15s}"
connections="${2:-32}"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
dotnet build -c Release ApiHost/ApiHost.csproj --nologo -v quiet
dotnet build -c Release Silo/Silo.csproj --nologo -v quiet
dotnet build -c Release bench/HttpBaseline/HttpBaseline.csproj --nologo -v quiet

work="$(mktemp -d)"
pids=()
stop_all() {
  if [ ${#pids[@]} -gt 0 ]; then kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; fi
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

wait_for() {
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "Nothing answered at $1." >&2; exit 1
}

# Prints "requests/s p99-ms" of one wrk run; "warm" runs it for 10 s first, so tiered compilation has settled.
measure() {
  local url="$1"; shift
  if [ "${1:-}" = warm ]; then shift; wrk -t1 -c"$connections" -d10s "$@" "$url" > /dev/null; fi
  wrk -t1 -c"$connections" -d"$duration" --latency "$@" "$url" > "$work/wrk.txt"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")"
  p99="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 } print v }' "$work/wrk.txt")"
  if grep -q "Non-2xx" "$work/wrk.txt"; then echo "wrk saw non-2xx answers for $url:" >&2; cat "$work/wrk.txt" >&2; exit 1; fi
  echo "$rps $p99"
}

api_env=(Urls=http://127.0.0.1:5402 RateLimiting__Enabled=false Identity__PasswordHashing__Iterations=100000 Logging__LogLevel__Default=Warning)

# Signs up one user on the API host and prints its access token.
token() {
  curl -fs -X POST http://127.0.0.1:5402/api/auth/register -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"correct horse battery staple"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

Urls=http://127.0.0.1:5401 dotnet bench/HttpBaseline/bin/Release/net10.0/Cluster.HttpBaseline.dll > "$work/baseline.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5401/api/users/me
read -r base_rps base_p99 < <(measure http://127.0.0.1:5401/api/users/me warm)
stop_all

env "${api_env[@]}" Storage__Sqlite__FilePath="$work/embedded.db" dotnet ApiHost/bin/Release/net10.0/Cluster.ApiHost.dll > "$work/embedded.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5402/health
bearer="Authorization: Bearer $(token)"
read -r embedded_rps embedded_p99 < <(measure http://127.0.0.1:5402/api/users/me warm -H "$bearer")
stop_all

Storage__Sqlite__FilePath="$work/silo.db" Gateway__Port=5410 Urls=http://127.0.0.1:5403 Logging__LogLevel__Default=Warning \
  dotnet Silo/bin/Release/net10.0/Cluster.Silo.dll > "$work/silo.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5403/health
env "${api_env[@]}" Cluster__Mode=Client ClusterClient__Gateways__0=127.0.0.1:5410 dotnet ApiHost/bin/Release/net10.0/Cluster.ApiHost.dll > "$work/client.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5402/health/ready
bearer="Authorization: Bearer $(token)"
read -r client_rps client_p99 < <(measure http://127.0.0.1:5402/api/users/me warm -H "$bearer")
stop_all

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo "wrk -t1 -c$connections -d$duration, GET /api/users/me"
printf '%-40s %12s %10s %8s\n' "" "requests/s" "p99 ms" "ratio"
printf '%-40s %12s %10s %8s\n' "bare Kestrel, no auth (baseline)" "$base_rps" "$base_p99" "100%"
printf '%-40s %12s %10s %8s\n' "API host, embedded silo" "$embedded_rps" "$embedded_p99" "$(ratio "$embedded_rps" "$base_rps")"
printf '%-40s %12s %10s %8s\n' "API host -> separate silo process" "$client_rps" "$client_p99" "$(ratio "$client_rps" "$base_rps")"
