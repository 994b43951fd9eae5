#!/usr/bin/env bash
# The end-to-end suite on a busy machine: a CPU hog (stress-ng) keeps every core loaded while the
# suite runs with its time budgets scaled (E2E_TIME_SCALE, test/e2e/support/timeScale.ts). A suite
# that passes only on a quiet machine hides real regressions; this is the proof that it does not.
#
#   npm run test:e2e:busy              hog = 4 workers per core, scale 3
#   HOG_PER_CORE=6 E2E_TIME_SCALE=4 npm run test:e2e:busy
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress-ng is not installed (Debian: apt-get install stress-ng); it is the CPU hog this run needs." >&2
  exit 1
fi

cores=$(nproc)
workers=$((cores * ${HOG_PER_CORE:-4}))
export E2E_TIME_SCALE=${E2E_TIME_SCALE:-3}

# Bounded: the hog stops by itself after an hour even if this script is killed.
stress-ng --cpu "$workers" --timeout 3600s --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT
sleep 5
echo "CPU hog: $workers workers on $cores cores; load average $(cut -d' ' -f1-3 /proc/loadavg); E2E_TIME_SCALE=$E2E_TIME_SCALE"

npm run test:e2e
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
