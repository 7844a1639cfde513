#!/usr/bin/env bash
# The main-program command of README.md: set up, build, and train the seed's Fashion-MNIST CNN
# (examples/fashion-mnist) for one epoch, a couple of minutes on two cores. Extra arguments go to
# the program: `bash scripts/start.sh --epochs 20` runs the seed's full 20 epochs, `--help` lists
# the options. It uses the full Fashion-MNIST when found (or downloaded), else, offline, the small
# subset committed in the repository, and says which.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run build
pnpm --filter @x/example-fashion-mnist start --epochs 1 "$@"
