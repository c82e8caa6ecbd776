#!/usr/bin/env bash
# Validates docker-compose.yml with Debian's docker-compose (installed with apt-get when missing; there is no Docker
# engine here, so `config` is as far as it goes). Part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null; then
  echo "docker-compose is not installed; installing it with apt-get..."
  if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo); fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid."
