#!/usr/bin/env bash
# The test command of README.md, and what CI runs: set up, rebuild the WASM kernels and check they
# match the committed ones, build every package, typecheck, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/apt.sh clang-16 lld-16
bash native/wasm/check.sh
pnpm run build
pnpm run typecheck
pnpm run lint
log=$(mktemp)
pnpm run test 2>&1 | tee "$log"
node scripts/test-summary.mjs < "$log"
