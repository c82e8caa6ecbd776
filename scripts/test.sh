#!/usr/bin/env bash
# Runs every test of the solution against a real PostgreSQL server.
# Uses $CLUSTER_TEST_POSTGRES when set; otherwise installs PostgreSQL with apt-get when it is missing and starts
# a private, throwaway server for this run (stopped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

pg_port="${CLUSTER_TEST_PG_PORT:-55432}"
pg_dir=""

find_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

start_private_postgres() {
  local bin
  bin="$(find_pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed; installing it with apt-get..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin="$(find_pg_bin)"
  fi

  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/cluster-test-pg.XXXXXX")"
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the server runs as the postgres system user.
    chown postgres "$pg_dir"
    run_as=(runuser -u postgres --)
  fi

  "${run_as[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  trap 'stop_private_postgres' EXIT
  export CLUSTER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Include Error Detail=true"
  echo "Started a private PostgreSQL on 127.0.0.1:$pg_port for this run."
}

stop_private_postgres() {
  local bin
  bin="$(find_pg_bin)"
  if [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    else
      "$bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
}

if [ -z "${CLUSTER_TEST_POSTGRES:-}" ]; then
  start_private_postgres
fi

log="$(mktemp)"
status=0
dotnet test Cluster.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -ne 0 ]; then
  status=1
fi
exit "$status"
