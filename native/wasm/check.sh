#!/usr/bin/env bash
# Fails if the generated calling convention (args.h, args.ts) is stale, or if a rebuild of the WASM
# kernels into a temporary folder differs from the committed ones.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python3 "$here/tools/gen_args.py" --check
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
OUT_DIR="$tmp" bash "$here/build.sh" >/dev/null
status=0
for f in "$tmp"/*.wasm; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$root/packages/backend-wasm/wasm/$name"; then
    echo "native/wasm/check.sh: packages/backend-wasm/wasm/$name differs from a fresh build of native/wasm (run: bash native/wasm/build.sh, then commit)" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "wasm: committed binaries match a fresh build"
exit $status
