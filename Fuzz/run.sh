#!/usr/bin/env bash
# Runs one target for SECONDS (default 600) on a copy of its seed corpus; findings go to
# Fuzz/findings/<target>/. Usage: Fuzz/run.sh sanitizer|phc|keys|filter [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
seconds=${2:-600}
work=.build-fuzz/corpus-$target
mkdir -p "$work" "Fuzz/findings/$target"
cp -n Fuzz/corpus/$target/* "$work/" 2>/dev/null || true
# Swift's interactive backtracer would wait on a terminal at the first finding.
export SWIFT_BACKTRACE=enable=no
exec ".build-fuzz/fuzz-$target" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="Fuzz/findings/$target/" "$work" "Fuzz/corpus/$target"
