#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine. Installs what it needs first (npm packages, and
# Debian's chromium for the browser tests), then type-checks, runs Vitest (unit, integration,
# search contract suites) and Playwright against the real built app.
set -euo pipefail
cd "$(dirname "$0")/.."

npm install --no-audit --no-fund
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi

npm run typecheck
npx vitest run
npx playwright test
