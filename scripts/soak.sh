#!/usr/bin/env bash
# The soak and fault suite (docs/operations.md): three silo processes and an API host in client mode on a private
# PostgreSQL, under a mixed load (sign-ins, refreshes, chat streams, group changes, config saves, counter writes)
# while a silo is killed and restarted, another is stopped gracefully and restarted, and PostgreSQL is restarted;
# then every acknowledged write is read back. Prints requests/s, error rate and p99 per phase and memory per process.
#
#   bash scripts/soak.sh [seconds=600] [--silos N] [--workers N] [--debug --no-build]
#
# The test command runs the 2-minute mode (120 s, Debug, the silo and API host already built). The PostgreSQL server is always a private one
# on $SOAK_PG_PORT (55441), since the suite restarts it; $SOAK_REPORT names a file for the Markdown report.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=600
configuration=Release
build=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) configuration=Debug; shift ;;
    --no-build) build=0; shift ;;
    --silos|--workers) extra+=("$1" "$2"); shift 2 ;;
    [0-9]*) duration="$1"; shift ;;
    *) echo "Unknown argument '$1'. Usage: bash scripts/soak.sh [seconds=600] [--silos N] [--workers N] [--debug --no-build]" >&2; exit 2 ;;
  esac
done

unset CLUSTER_TEST_POSTGRES
CLUSTER_TEST_PG_PORT="${SOAK_PG_PORT:-55441}"
source scripts/postgres.sh
start_private_postgres
restart="$(find_pg_bin)/pg_ctl -D $pg_dir/data -l $pg_dir/server.log -w -m fast restart >/dev/null"
if [ "$(id -u)" -eq 0 ]; then
  restart="runuser -u postgres -- $restart"
fi

# --no-build skips the silo and the API host (the test command has built them); the driver is always built, since
# `dotnet test` builds only the test projects and what they reference.
projects=(bench/Soak/Soak.csproj)
if [ "$build" -eq 1 ]; then
  projects+=(Silo/Silo.csproj ApiHost/ApiHost.csproj)
fi
for project in "${projects[@]}"; do
  dotnet build "$project" -c "$configuration" --nologo -v quiet
done

dotnet "bench/Soak/bin/$configuration/net10.0/Cluster.Soak.dll" \
  --silo "Silo/bin/$configuration/net10.0/Cluster.Silo.dll" --api-host "ApiHost/bin/$configuration/net10.0/Cluster.ApiHost.dll" \
  --postgres "$CLUSTER_TEST_POSTGRES" --postgres-restart "$restart" --duration "$duration" \
  ${SOAK_REPORT:+--report "$SOAK_REPORT"} "${extra[@]}"
