#!/usr/bin/env bash
# Started by Playwright (playwright.config.ts): builds the app, gives it a freshly seeded
# database of its own, and serves it the way production does.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3100}"
export DATABASE_PATH="tests/.tmp/e2e-$PORT.db"
export WEAVE_BUILD_DIR="tests/.tmp/build-$PORT"
rm -f "$DATABASE_PATH" "$DATABASE_PATH-wal" "$DATABASE_PATH-shm"
npm run build --silent
npx tsx db/migrate.ts
npx tsx seeds/seed.ts --listings 1500 --reset
exec node server.js
