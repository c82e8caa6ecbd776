#!/usr/bin/env bash
# Runs every test of the solution against a real PostgreSQL server, then validates docker-compose.yml, starts a
# two-silo cluster with scripts/run-cluster.sh for one request through the API host, and runs the soak and fault
# suite's 2-minute mode (scripts/soak.sh).
# Uses $CLUSTER_TEST_POSTGRES when set; otherwise installs PostgreSQL with apt-get when it is missing and starts
# a private, throwaway server for this run (stopped at the end). Likewise $CLUSTER_TEST_CHROMIUM, or Debian's chromium
# (installed when missing), for the dashboard's browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/postgres.sh
ensure_postgres
source scripts/chromium.sh
ensure_chromium

log="$(mktemp)"
status=0
dotnet test Cluster.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"

checks=0
bash scripts/check-compose.sh || checks=1
bash scripts/smoke-cluster.sh || checks=1
# The soak and fault suite's 2-minute mode: silos killed and restarted, PostgreSQL restarted, no acknowledged write lost.
bash scripts/soak.sh 120 --debug --no-build || checks=1

echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$checks" -ne 0 ]; then
  status=1
fi
if [ "$status" -eq 0 ] && [ "$failed" -ne 0 ]; then
  status=1
fi
exit "$status"
