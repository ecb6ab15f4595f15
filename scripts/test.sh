#!/usr/bin/env bash
# Runs every test Convene has: lint and types, the unit, property and integration tests on the
# embedded database, the same integration tests on a PostgreSQL server, the browser tests with axe,
# and the deadlines contract's worked examples. It installs what it needs from Debian when it runs
# as root, and otherwise stops and names the packages to install.
set -uo pipefail
cd "$(dirname "$0")/.."
reports=test-results/reports
rm -rf "$reports" && mkdir -p "$reports"

need_packages=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_packages+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_packages[*]} from Debian..."
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_packages[@]}" >/dev/null \
      || { echo "Could not install ${need_packages[*]}"; exit 1; }
  else
    echo "The tests need these Debian packages: ${need_packages[*]}"
    echo "Install them (sudo apt-get install ${need_packages[*]}) and run npm test again."
    exit 1
  fi
fi

status=0
step() { echo; echo "== $1"; shift; "$@" || status=1; }

step "Lint and format (biome)" npx biome check .
step "Types (tsc)" npx tsc --noEmit
step "Unit, property and integration tests on the embedded database (vitest)" \
  npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-pglite.json"

if database_url=$(bash scripts/postgres.sh); then
  step "Integration tests on a PostgreSQL server (vitest)" env TEST_DATABASE_URL="$database_url" \
    npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json" test/db test/app
else
  echo "Could not start a PostgreSQL server (see above)"; status=1
fi

step "Browser tests with axe (Playwright, system Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  npx playwright test --reporter=list,json

if [ -f ../shared/contracts/check-examples.py ]; then
  step "Deadlines contract: worked examples against the CLI" python3 ../shared/contracts/check-examples.py
fi

node scripts/test-summary.js "$reports" || status=1
exit $status
