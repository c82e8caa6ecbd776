#!/usr/bin/env bash
# Runs the runtime benchmarks of docs/benchmarks.md (Release build, a private PostgreSQL for the state write).
#   bash scripts/bench.sh            all of them
#   bash scripts/bench.sh local      only the local call and the activation/allocation probes
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

project=bench/Runtime.Benchmarks
dotnet build -c Release "$project" --nologo -v quiet
run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }
bdn=(--launchCount 1 --warmupCount 3 --iterationCount 15 --exporters github)

run --activation-memory 20000
run --call-allocations 200000
run --metrics-cost 5 5 64
run --dashboard-cost 5 5 64
run --filter '*LocalCallBenchmarks*' "${bdn[@]}"
run --remote-ping 10 32
run --password-hash 20
if [ "${1:-all}" != "local" ]; then
  ensure_postgres
  run --filter '*StateWriteBenchmarks*' "${bdn[@]}"
  run --state-list 100000 50
  run --failover 5
  run --scale-out 10 256 1000 3
fi
