#!/usr/bin/env bash
# Side-by-side benchmarks for docs/benchmarks.md: Duijie (release build) against python-calamine and openpyxl
# reading the same generated workbook in one run, plus Duijie's full import and its memory on a 1,000,000-row sheet.
#
#   Benchmarks/run.sh            # 100k rows, 5 runs each, 1M-row memory check
#   RUNS=3 ROWS=100000 BIG=0 Benchmarks/run.sh
#
# The Python peers are installed from PyPI into Benchmarks/.venv; they are never a dependency of the build or tests.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
ROWS=${ROWS:-100000}
BIG=${BIG:-1}
OUT=Benchmarks/out
mkdir -p "$OUT"

swift build -c release --product duijie-dev >/dev/null
BIN=.build/release/duijie-dev

if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q python-calamine openpyxl >/dev/null

FILE="$OUT/${ROWS}.xlsx"
[ -f "$FILE" ] || "$BIN" bench make-sheet --rows "$ROWS" "$FILE"

run() { # run NAME COMMAND... : RUNS times, one JSON line each, into $OUT/NAME.jsonl
    local name=$1
    shift
    : >"$OUT/$name.jsonl"
    for _ in $(seq "$RUNS"); do "$@" >>"$OUT/$name.jsonl"; done
}

# Interleave the readers so machine noise hits them alike.
: >"$OUT/duijie-read.jsonl"
: >"$OUT/calamine.jsonl"
: >"$OUT/openpyxl.jsonl"
for _ in $(seq "$RUNS"); do
    "$BIN" bench read --json "$FILE" >>"$OUT/duijie-read.jsonl"
    Benchmarks/.venv/bin/python Benchmarks/peers.py calamine "$FILE" >>"$OUT/calamine.jsonl"
done
RUNS_OPENPYXL=$(( RUNS < 2 ? RUNS : 2 ))
for _ in $(seq "$RUNS_OPENPYXL"); do
    Benchmarks/.venv/bin/python Benchmarks/peers.py openpyxl "$FILE" >>"$OUT/openpyxl.jsonl"
done
run duijie-import "$BIN" bench import --json "$FILE"

if [ "$BIG" = "1" ]; then
    BIGFILE="$OUT/1000000.xlsx"
    [ -f "$BIGFILE" ] || "$BIN" bench make-sheet --rows 1000000 "$BIGFILE"
    "$BIN" bench read --json "$BIGFILE" >"$OUT/duijie-read-1m.jsonl"
fi

Benchmarks/.venv/bin/python Benchmarks/report.py "$OUT" "$FILE" "${BIGFILE:-}" "$RUNS"
