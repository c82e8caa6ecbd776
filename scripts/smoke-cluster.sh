#!/usr/bin/env bash
# Starts scripts/run-cluster.sh with two silos on spare ports, with mutual TLS between every process (a throwaway
# self-signed certificate, configured by the environment variables the README documents), waits for the API host to
# be ready, increments a counter through it, and stops the cluster. Part of the test command; the build must already
# exist (Debug).
set -euo pipefail
cd "$(dirname "$0")/.."

export API_PORT="${SMOKE_API_PORT:-18080}" FIRST_GATEWAY_PORT=31000 FIRST_SILO_HTTP_PORT=18081 CLUSTER_ID="smoke-$$"
log="$(mktemp)"
certificates="$(mktemp -d)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=smoke \
  -keyout "$certificates/cluster.key" -out "$certificates/cluster.crt" 2>/dev/null
export Transport__Tls__CertificatePath="$certificates/cluster.crt" Transport__Tls__KeyPath="$certificates/cluster.key" \
  Transport__Tls__CertificateAuthorityPath="$certificates/cluster.crt"
bash scripts/run-cluster.sh --silos 2 --configuration Debug --no-build >"$log" 2>&1 &
cluster=$!
finish() {
  kill -TERM "$cluster" 2>/dev/null || true
  wait "$cluster" 2>/dev/null || true
  rm -rf "$log" "$certificates"
}
trap finish EXIT

base="http://127.0.0.1:$API_PORT"
for _ in $(seq 1 120); do
  if curl -fsS "$base/health/ready" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$cluster" 2>/dev/null; then
    echo "Cluster smoke test: FAILED, the cluster exited. Its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done

name="smoke-$RANDOM"
for _ in 1 2 3; do
  curl -fsS -X POST "$base/api/demo/counters/$name/increment" -H 'content-type: application/json' -d '{"amount":2}' >/dev/null
done
value="$(curl -fsS "$base/api/demo/counters/$name")"
if ! grep -q '"value":6' <<<"$value"; then
  echo "Cluster smoke test: FAILED, expected value 6, got $value. The cluster's output:" >&2
  cat "$log" >&2
  exit 1
fi
if ! curl -fsS "$base/.well-known/jwks.json" | grep -q '"kty":"RSA"'; then
  echo "Cluster smoke test: FAILED, /.well-known/jwks.json published no RSA key. The cluster's output:" >&2
  cat "$log" >&2
  exit 1
fi
if ! grep -q "TLS" "$log"; then
  echo "Cluster smoke test: FAILED, no process logged that TLS is on. The cluster's output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "Cluster smoke test: passed (2 silos and an API host in client mode, mutual TLS, through scripts/run-cluster.sh)."
