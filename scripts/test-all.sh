#!/usr/bin/env bash
# Every test: type check, unit and integration tests, model artifacts check, production build, end-to-end in Chromium.
# Needs Debian's chromium for the end-to-end part; installs it with apt-get when missing and running as root.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the end-to-end tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  else
    echo "The end-to-end tests need Debian's chromium at $chromium_path." >&2
    echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM_PATH to a Chromium binary)" >&2
    exit 1
  fi
fi

echo "== type check"
npm run --silent typecheck
echo "== unit and integration tests"
npm test --silent
echo "== production build"
npm run --silent build
echo "== end-to-end (Chromium)"
npm run --silent e2e
