#!/usr/bin/env bash
# Builds the @x/backend-wasm kernels into packages/backend-wasm/wasm/*.wasm.
# Requires clang-16 and wasm-ld-16 (Debian: apt-get install -y clang-16 lld-16).
# Output is deterministic: no debug info, paths mapped, fixed flags; CI rebuilds and compares.
#
# Variants (the runtime picks one):
#   x.wasm              shared memory (threads), SIMD128
#   x-relaxed.wasm      shared memory (threads), SIMD128 + relaxed SIMD (fused multiply-add)
#   x-st.wasm           non-shared memory (single thread, no SharedArrayBuffer needed), SIMD128
#   x-st-relaxed.wasm   non-shared memory, relaxed SIMD
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT_DIR:-$root/packages/backend-wasm/wasm}"
CC="${CC:-clang-16}"
LD="${WASM_LD:-wasm-ld-16}"
command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt-get install -y clang-16 lld-16)" >&2; exit 1; }
command -v "$LD" >/dev/null || { echo "build.sh: $LD not found (apt-get install -y lld-16)" >&2; exit 1; }

srcs=("$here"/src/*.c)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

CFLAGS=(--target=wasm32 -O3 -std=c11 -nostdlib -ffreestanding -fno-builtin-malloc
  -msimd128 -mbulk-memory -mnontrapping-fptoint -msign-ext -mmutable-globals
  -fno-exceptions -fvisibility=hidden -g0 "-ffile-prefix-map=$root=." -Wall -Wextra
  -Wno-unused-parameter)
# Exports: kernel entry points (export_name attributes) plus what the runtime needs.
LDFLAGS=(--no-entry --import-memory --strip-debug
  --export=__stack_pointer --export=__heap_base --export=__data_end
  -z stack-size=1048576 --stack-first --initial-memory=4194304 --max-memory=4294967296)

build() { # name, extra cflags..., -- extra ldflags...
  local name="$1"; shift
  local cf=() lf=() seen=0
  for a in "$@"; do if [ "$a" = "--" ]; then seen=1; elif [ $seen = 0 ]; then cf+=("$a"); else lf+=("$a"); fi; done
  local objs=()
  for s in "${srcs[@]}"; do
    local o="$tmp/$name-$(basename "${s%.c}").o"
    (cd "$here" && "$CC" "${CFLAGS[@]}" "${cf[@]}" -c "src/$(basename "$s")" -o "$o")
    objs+=("$o")
  done
  "$LD" "${LDFLAGS[@]}" "${lf[@]}" "${objs[@]}" -o "$out/$name.wasm"
  echo "built $out/$name.wasm ($(wc -c <"$out/$name.wasm") bytes)"
}

build x             -matomics                              -- --shared-memory
build x-relaxed     -matomics -mrelaxed-simd -DX_RELAXED_SIMD -- --shared-memory
build x-st                                                 --
build x-st-relaxed            -mrelaxed-simd -DX_RELAXED_SIMD --
