#!/usr/bin/env bash
# The chat streaming benchmark of docs/benchmarks.md: streams from an OpenAI-compatible provider (in the benchmark's
# process) read straight from it, then through the API host (embedded mode, a child process), in one run.
#   bash scripts/bench-chat-streams.sh [streams=1000] [seconds=10] [chunks per second=50] [storage=sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
storage="${4:-sqlite}"
if [ "$storage" = "postgres" ]; then
  source scripts/postgres.sh
  ensure_postgres
  storage="$CLUSTER_TEST_POSTGRES"
fi

dotnet build -c Release ApiHost --nologo -v quiet
dotnet build -c Release bench/ChatStreams --nologo -v quiet
dotnet bench/ChatStreams/bin/Release/net10.0/Cluster.ChatStreams.dll "$PWD/ApiHost/bin/Release/net10.0/Cluster.ApiHost.dll" \
  "${1:-1000}" "${2:-10}" "${3:-50}" "$storage"
