#!/usr/bin/env bash
# The 100k-row import of this checkout against another commit's, side by side in one run (docs/benchmarks.md,
# "The import pipeline against the previous commit").
#
#   Benchmarks/compare_import.sh [BASE_COMMIT] [RUNS]      # default: fd45e06 (before the one import pipeline), 11 runs
#   ROWS=40000 Benchmarks/compare_import.sh 4f14fb1        # a smaller sheet (commits before 2026-12-01's parser fix
#                                                          # cannot read a sheet part over 16 MB, ~45,000 rows)
#
# Builds both in release mode (the base in a git worktree with its own build folder), generates the 100,000-row
# workbook, then runs the two imports in turn (A B A B …) and prints each run's wall seconds and peak RSS from
# /usr/bin/time, then the medians and their ratio. With valgrind installed it also counts the instructions of one
# run of each (repeatable whatever the machine is doing).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-fd45e06}
RUNS=${2:-11}
OUT=Benchmarks/out
mkdir -p "$OUT"
swift build -c release --product duijie-dev >/dev/null
A=.build/release/duijie-dev
WORKTREE="$OUT/base-$BASE"
[ -d "$WORKTREE" ] || git worktree add -f "$WORKTREE" "$BASE" >/dev/null
# The benchmark commands live in `duijie-dev` since the tools left the product CLI; older commits have `duijie bench`.
if grep -q '"duijie-dev"' "$WORKTREE/Package.swift"; then BASE_PRODUCT=duijie-dev; else BASE_PRODUCT=duijie; fi
(cd "$WORKTREE" && swift build -c release --product "$BASE_PRODUCT" --scratch-path .build-base >/dev/null)
B="$WORKTREE/.build-base/release/$BASE_PRODUCT"
ROWS=${ROWS:-100000}
FILE="$OUT/$ROWS.xlsx"
[ -f "$FILE" ] || "$A" bench make-sheet --rows "$ROWS" "$FILE"

measure() { # measure BIN -> "wall_seconds peak_kib"
    /usr/bin/time -f "%e %M" "$1" bench import --json "$FILE" 2>&1 >/dev/null | tail -n 1
}
: >"$OUT/compare-a.txt"
: >"$OUT/compare-b.txt"
measure "$A" >/dev/null
measure "$B" >/dev/null
for _ in $(seq "$RUNS"); do
    measure "$A" >>"$OUT/compare-a.txt"
    measure "$B" >>"$OUT/compare-b.txt"
done
python3 - "$OUT/compare-a.txt" "$OUT/compare-b.txt" <<'PY'
import statistics, sys
a = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
b = [tuple(map(float, l.split())) for l in open(sys.argv[2]) if l.strip()]
ratios = [x[0] / y[0] for x, y in zip(a, b)]
print(f"this checkout: median {statistics.median(x[0] for x in a):.2f} s, peak {statistics.median(x[1] for x in a) / 1024:.0f} MiB")
print(f"base:          median {statistics.median(x[0] for x in b):.2f} s, peak {statistics.median(x[1] for x in b) / 1024:.0f} MiB")
print(f"ratio this/base (pair by pair): median {statistics.median(ratios):.3f}, min {min(ratios):.3f}, max {max(ratios):.3f}")
PY
if command -v valgrind >/dev/null; then
    for which in A B; do
        bin=$([ "$which" = A ] && echo "$A" || echo "$B")
        cp "$bin" "$OUT/cg-$which.bin"
        strip --strip-debug "$OUT/cg-$which.bin"  # valgrind cannot read the toolchain's debug info
        valgrind --tool=callgrind --callgrind-out-file="$OUT/cg-$which.out" "$OUT/cg-$which.bin" bench import --json "$FILE" 2>&1 \
            | grep Collected | sed "s/^/$which (instructions) /"
    done
fi
