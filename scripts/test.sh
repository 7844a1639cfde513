#!/usr/bin/env bash
# The test command of README.md, and what CI runs: set up, rebuild the WASM kernels and check they
# match the committed ones, build every package, typecheck, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# chromium drives examples/browser's end-to-end test; its SwiftShader Vulkan driver (with libvulkan1)
# gives WebGPU an adapter on machines without a GPU, for the webgpu conformance suite (Dawn) and the page.
bash scripts/apt.sh clang-16 lld-16 chromium libvulkan1
swiftshader=/usr/lib/chromium/vk_swiftshader_icd.json
# (turbo passes it to the tasks: globalPassThroughEnv in turbo.json)
if [ -z "${VK_ICD_FILENAMES:-}" ] && [ -f "$swiftshader" ]; then export VK_ICD_FILENAMES="$swiftshader"; fi
bash native/wasm/check.sh
pnpm run build
pnpm run typecheck
pnpm run lint
log=$(mktemp)
# Every package's tests (turbo runs them side by side), then the two suites that run WebGPU through
# SwiftShader, each alone: SwiftShader's worker threads slow down many times over when other suites
# share the two cores (the browser page's 25 s run took over 3 minutes beside backend-webgpu's kernel
# tests; a 4 s sort test took 170 s in a full run and over 300 s on a busier machine).
pnpm exec turbo run test --filter='!@x/example-browser' --filter='!@x/backend-webgpu' 2>&1 | tee "$log"
pnpm exec turbo run test --filter=@x/backend-webgpu 2>&1 | tee -a "$log"
pnpm exec turbo run test --filter=@x/example-browser 2>&1 | tee -a "$log"
node scripts/test-summary.mjs < "$log"
