#!/usr/bin/env bash
# Installs what the workspace needs on a fresh Debian machine with Node 20: pnpm (pinned in
# package.json) and the JS dependencies. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$want" ]; then
  echo "setup: installing pnpm $want"
  npm install -g "pnpm@$want" >/dev/null 2>&1
fi
pnpm install --frozen-lockfile
