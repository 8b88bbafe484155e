#!/usr/bin/env bash
# Legacy .xls reading side by side: Duijie (release) against xlrd and python-calamine on one generated workbook
# (60,000 rows × 10 columns of Chinese text, the format's practical size), interleaved runs, medians.
#   Benchmarks/run_xls.sh          RUNS=5 ROWS=60000 by default
# The Python peers (and xlwt, which writes the file) go into Benchmarks/.venv from PyPI; never a build dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
ROWS=${ROWS:-60000}
OUT=Benchmarks/out
mkdir -p "$OUT"
swift build -c release --product duijie-dev >/dev/null
BIN=.build/release/duijie-dev
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q python-calamine xlrd xlwt >/dev/null
PY=Benchmarks/.venv/bin/python
FILE="$OUT/${ROWS}.xls"
[ -f "$FILE" ] || $PY Benchmarks/make_xls.py "$ROWS" "$FILE"
: >"$OUT/xls-duijie.jsonl"
: >"$OUT/xls-xlrd.jsonl"
: >"$OUT/xls-calamine.jsonl"
for _ in $(seq "$RUNS"); do
    "$BIN" bench read --json "$FILE" >>"$OUT/xls-duijie.jsonl"
    $PY Benchmarks/peers.py xlrd "$FILE" >>"$OUT/xls-xlrd.jsonl"
    $PY Benchmarks/peers.py calamine "$FILE" >>"$OUT/xls-calamine.jsonl"
done
$PY - "$OUT" "$FILE" "$RUNS" <<'PY'
import json, os, statistics, sys
out, path, runs = sys.argv[1], sys.argv[2], sys.argv[3]
def load(name):
    return [json.loads(l) for l in open(os.path.join(out, name)) if l.strip()]
def med(rows, key):
    return statistics.median(r[key] for r in rows)
d, x, c = load("xls-duijie.jsonl"), load("xls-xlrd.jsonl"), load("xls-calamine.jsonl")
print(f"File: `{os.path.basename(path)}` — {d[0]['rows']} rows, {d[0]['cells']} cells, "
      f"{os.path.getsize(path) / 2**20:.1f} MiB; medians of {runs} interleaved runs.\n")
print("| reader | seconds (median) | vs Duijie | peak RSS MiB |")
print("|---|---|---|---|")
dm = med(d, "seconds")
print(f"| Duijie `duijie-dev bench read` (release) | {dm:.2f} | 1.00× | {med(d, 'peak_rss_mib'):.0f} |")
for name, rows in [("python-calamine (Rust)", c), ("xlrd", x)]:
    m = med(rows, "seconds")
    rel = f"Duijie is **{m / dm:.2f}× faster**" if m >= dm else f"Duijie is {dm / m:.2f}× slower"
    print(f"| {name} | {m:.2f} | {rel} | {med(rows, 'peak_rss_mib'):.0f} |")
PY
