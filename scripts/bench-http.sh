#!/usr/bin/env bash
# The HTTP benchmark of docs/benchmarks.md: authenticated GET /api/users/me through the API host, embedded and as a
# client of a separate silo process, against bare Kestrel answering the same JSON (bench/HttpBaseline), with wrk, in
# one run. Rate limiting is off (one user would hit its limit at once); everything else is as deployed.
#   bash scripts/bench-http.sh [duration per run, default 15s] [connections, default 32] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15s}"
connections="${2:-32}"
rounds="${3:-3}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release ApiHost/ApiHost.csproj --nologo -v quiet
dotnet build -c Release Silo/Silo.csproj --nologo -v quiet
dotnet build -c Release bench/HttpBaseline/HttpBaseline.csproj --nologo -v quiet

work="$(mktemp -d)"
pids=()
stop_all() {
  if [ ${#pids[@]} -gt 0 ]; then kill -CONT "${pids[@]}" 2>/dev/null || true; kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; fi
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

wait_for() {
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "Nothing answered at $1." >&2; exit 1
}

# Prints "requests/s p99-ms" of one wrk run; "warm" runs it for 5 s first, so tiered compilation has settled and
# connections are open.
measure() {
  local url="$1"; shift
  if [ "${1:-}" = warm ]; then shift; wrk -t1 -c"$connections" -d5s "$@" "$url" > /dev/null; fi
  wrk -t1 -c"$connections" -d"$duration" --latency "$@" "$url" > "$work/wrk.txt"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")"
  p99="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 } print v }' "$work/wrk.txt")"
  if grep -q "Non-2xx" "$work/wrk.txt"; then echo "wrk saw non-2xx answers for $url:" >&2; cat "$work/wrk.txt" >&2; exit 1; fi
  echo "$rps $p99"
}

api_env=(Urls=http://127.0.0.1:5402 RateLimiting__Enabled=false Identity__PasswordHashing__Iterations=100000 Logging__LogLevel__Default=Warning)

# Signs up one user on the API host at port $1 and prints its access token.
token() {
  curl -fs -X POST "http://127.0.0.1:$1/api/auth/register" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"correct horse battery staple"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# The three configurations are measured in turn, round after round, so a slow spell of this shared machine hits
# them alike; the ratios are the medians of the rounds' ratios. All run from the start, but only the one measured is
# let run (the others are stopped with SIGSTOP), so no idle process's timers take from it.
Urls=http://127.0.0.1:5401 dotnet bench/HttpBaseline/bin/Release/net10.0/Cluster.HttpBaseline.dll > "$work/baseline.log" 2>&1 &
pids+=($!)
env "${api_env[@]}" Storage__Sqlite__FilePath="$work/embedded.db" dotnet ApiHost/bin/Release/net10.0/Cluster.ApiHost.dll > "$work/embedded.log" 2>&1 &
pids+=($!)
Storage__Sqlite__FilePath="$work/silo.db" Gateway__Port=5410 Urls=http://127.0.0.1:5403 Logging__LogLevel__Default=Warning \
  dotnet Silo/bin/Release/net10.0/Cluster.Silo.dll > "$work/silo.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5403/health
env "${api_env[@]}" Urls=http://127.0.0.1:5404 Cluster__Mode=Client ClusterClient__Gateways__0=127.0.0.1:5410 \
  dotnet ApiHost/bin/Release/net10.0/Cluster.ApiHost.dll > "$work/client.log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5401/api/users/me
wait_for http://127.0.0.1:5402/health
wait_for http://127.0.0.1:5404/health/ready
embedded="Authorization: Bearer $(token 5402)"
client="Authorization: Bearer $(token 5404)"
baseline_pids=("${pids[0]}"); embedded_pids=("${pids[1]}"); client_pids=("${pids[2]}" "${pids[3]}")
only() { kill -STOP "${pids[@]}"; kill -CONT "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "wrk -t1 -c$connections -d$duration, GET /api/users/me, $rounds rounds"
printf '%-8s %14s %14s %14s %10s %10s\n' "round" "baseline r/s" "embedded r/s" "client r/s" "embedded" "client"
embedded_ratios=(); client_ratios=()
for round in $(seq 1 "$rounds"); do
  only "${baseline_pids[@]}"
  read -r base_rps base_p99 < <(measure http://127.0.0.1:5401/api/users/me warm)
  only "${embedded_pids[@]}"
  read -r embedded_rps embedded_p99 < <(measure http://127.0.0.1:5402/api/users/me warm -H "$embedded")
  only "${client_pids[@]}"
  wait_for http://127.0.0.1:5404/health/ready
  read -r client_rps client_p99 < <(measure http://127.0.0.1:5404/api/users/me warm -H "$client")
  embedded_ratios+=("$(ratio "$embedded_rps" "$base_rps")"); client_ratios+=("$(ratio "$client_rps" "$base_rps")")
  printf '%-8s %14s %14s %14s %9s%% %9s%%\n' "$round" "$base_rps" "$embedded_rps" "$client_rps" "${embedded_ratios[-1]}" "${client_ratios[-1]}"
  printf '%-8s %14s %14s %14s\n' "  p99 ms" "$base_p99" "$embedded_p99" "$client_p99"
done
echo "median ratio: embedded $(echo "${embedded_ratios[@]}" | median)%, API host -> separate silo $(echo "${client_ratios[@]}" | median)%"
