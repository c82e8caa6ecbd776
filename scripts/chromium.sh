# Sourced by scripts/test.sh: the headless Chromium the dashboard's browser tests drive (Debian's chromium package,
# through Microsoft.Playwright with an explicit executable path, so Playwright downloads no browser of its own).
# ensure_chromium uses $CLUSTER_TEST_CHROMIUM when set; otherwise it installs chromium with apt-get when it is missing
# and exports CLUSTER_TEST_CHROMIUM.

ensure_chromium() {
  if [ -n "${CLUSTER_TEST_CHROMIUM:-}" ]; then
    return
  fi

  local path
  path="$(command -v chromium || true)"
  if [ -z "$path" ]; then
    echo "Chromium is not installed; installing it with apt-get for the dashboard's browser tests..."
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    else
      sudo apt-get update -qq && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
    fi
    path="$(command -v chromium)"
  fi

  export CLUSTER_TEST_CHROMIUM="$path"
}
