#!/usr/bin/env bash
# Runs a PostgreSQL-backed cluster on this machine: N silo processes and an API host in client mode, configured by the
# same environment variables as docker-compose.yml. Runs until interrupted (Ctrl-C or SIGTERM), then stops every
# process gracefully (the silos deactivate their grains and drain their connections).
#
#   bash scripts/run-cluster.sh [--silos N] [--configuration Release|Debug] [--no-build]
#
# PostgreSQL: $CLUSTER_POSTGRES (a connection string) when set; else the test server of $CLUSTER_TEST_POSTGRES; else a
# private, throwaway server started here (installed with apt-get when missing), deleted when the script ends.
# Ports: the API host on $API_PORT (8080); silo i (from 0) on gateway $FIRST_GATEWAY_PORT+i (30000) and HTTP
# $FIRST_SILO_HTTP_PORT+i (8081). Cluster name: $CLUSTER_ID (default "local").
set -euo pipefail
cd "$(dirname "$0")/.."

silos=3
configuration=Release
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --configuration) configuration="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "Unknown argument '$1'. Usage: bash scripts/run-cluster.sh [--silos N] [--configuration Release|Debug] [--no-build]" >&2; exit 2 ;;
  esac
done
if ! [[ "$silos" =~ ^[1-9][0-9]*$ ]]; then
  echo "--silos is '$silos'; give a number of silos from 1 up." >&2
  exit 2
fi

api_port="${API_PORT:-8080}"
first_gateway="${FIRST_GATEWAY_PORT:-30000}"
first_http="${FIRST_SILO_HTTP_PORT:-8081}"
cluster_id="${CLUSTER_ID:-local}"

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "Stopping the API host and ${silos} silos..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  if declare -F stop_private_postgres >/dev/null; then
    stop_private_postgres
  fi
}

if [ -z "${CLUSTER_POSTGRES:-}" ]; then
  source scripts/postgres.sh
  ensure_postgres
  CLUSTER_POSTGRES="$CLUSTER_TEST_POSTGRES"
fi
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

if [ "$build" -eq 1 ]; then
  dotnet build Silo/Silo.csproj -c "$configuration" --nologo -v quiet
  dotnet build ApiHost/ApiHost.csproj -c "$configuration" --nologo -v quiet
fi

export Storage__Provider=Postgres
export Storage__Postgres__ConnectionString="$CLUSTER_POSTGRES"
export Membership__Postgres__ConnectionString="$CLUSTER_POSTGRES"
export Membership__Postgres__ClusterId="$cluster_id"

for ((i = 0; i < silos; i++)); do
  Gateway__Port=$((first_gateway + i)) Urls="http://127.0.0.1:$((first_http + i))" \
    dotnet "Silo/bin/$configuration/net10.0/Cluster.Silo.dll" &
  pids+=($!)
done

Cluster__Mode=Client Urls="http://127.0.0.1:$api_port" \
  dotnet "ApiHost/bin/$configuration/net10.0/Cluster.ApiHost.dll" &
pids+=($!)

echo "Cluster '$cluster_id': $silos silos (gateways from $first_gateway), API host on http://127.0.0.1:$api_port. Ctrl-C stops it."
wait -n "${pids[@]}" || true
echo "A process of the cluster exited; stopping the rest." >&2
exit 1
