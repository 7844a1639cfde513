#!/usr/bin/env bash
# The main-program command of README.md: set up, build, and run the quickstart example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run build
pnpm start
