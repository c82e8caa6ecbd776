# Sourced by scripts/test.sh and scripts/bench.sh: a private, throwaway PostgreSQL server for one run.
# ensure_postgres uses $CLUSTER_TEST_POSTGRES when set; otherwise it installs PostgreSQL with apt-get when it is
# missing, starts a server on 127.0.0.1:$CLUSTER_TEST_PG_PORT (default 55432), exports CLUSTER_TEST_POSTGRES, and
# stops and deletes the server when the calling script exits.

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
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500" start >/dev/null
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

ensure_postgres() {
  if [ -z "${CLUSTER_TEST_POSTGRES:-}" ]; then
    start_private_postgres
  fi
}
