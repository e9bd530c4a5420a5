#!/usr/bin/env bash
# Installs, builds and tests the Node.js client (what CI runs). Needs Node 20+
# with npm and the npm registry; the tests start <repo>/build/cloutd with
# <repo>/build/plugins (or $CLOUTD and $CLOUT_PLUGINS), so build those first.
set -euo pipefail
cd "$(dirname "$0")"

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "clients/node needs Node 20 or later, found $(node --version)" >&2
  exit 1
fi

npm ci --no-audit --no-fund
npm run build
node --test dist/test/*.test.js
