#!/usr/bin/env bash
# Side-by-side benchmarks for the scoring engine (docs/benchmarks.md, "Matching"):
#   Duijie's engine vs scikit-learn character-bigram TF-IDF + sparse top-10 at 10k × 2k and 100k × 20k,
#   ranking quality of both on the sample event's expert shortlist, and Duijie's min-cost-flow assignment
#   vs OR-Tools' SimpleMinCostFlow on the same candidate graph (10k demands, 3 teams each, capacity 20, top-50 edges).
#
#   Benchmarks/run_match.sh            # everything (the 100k sklearn run takes a few minutes)
#   BIG=0 Benchmarks/run_match.sh      # skip 100k × 20k
set -euo pipefail
cd "$(dirname "$0")/.."
BIG=${BIG:-1}
ONLY=${ONLY:-}   # ONLY=assign runs the assignment comparison alone
OUT=Benchmarks/out
mkdir -p "$OUT"
swift build -c release --product duijie-dev >/dev/null
swift build -c release --product duijie >/dev/null
CLI=.build/release/duijie
BIN=.build/release/duijie-dev
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q scikit-learn ortools numpy scipy >/dev/null
PY=Benchmarks/.venv/bin/python

if [ "$ONLY" != "assign" ]; then
# Ranking at 10k × 2k, interleaved, 3 runs each.
: >"$OUT/match10k-duijie.jsonl"
: >"$OUT/match10k-sklearn.jsonl"
for i in 1 2 3; do
    "$BIN" bench match --json --demands 10000 --solvers 2000 --export "$OUT/m10k" >>"$OUT/match10k-duijie.jsonl"
    $PY Benchmarks/match_peers.py tfidf "$OUT/m10k" >>"$OUT/match10k-sklearn.jsonl"
done
if [ "$BIG" = "1" ]; then
    "$BIN" bench match --json --demands 100000 --solvers 20000 --export "$OUT/m100k" >"$OUT/match100k-duijie.jsonl"
    "$BIN" bench match --json --demands 100000 --solvers 20000 >>"$OUT/match100k-duijie.jsonl"
    $PY Benchmarks/match_peers.py tfidf "$OUT/m100k" >"$OUT/match100k-sklearn.jsonl"
fi

# Quality on the sample event's expert shortlist.
DB="$OUT/sample.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$CLI" demo --db "$DB" >/dev/null
"$CLI" match quality --json --db "$DB" --labels Fixtures/sample-event/labels.tsv >"$OUT/quality-duijie.json"
"$BIN" bench export-sample --db "$DB" "$OUT/sample"
$PY Benchmarks/match_peers.py quality "$OUT/sample" Fixtures/sample-event/labels.tsv >"$OUT/quality-sklearn.json"

fi

# Assignment at 10k demands, interleaved, 3 runs each (the first Duijie run writes the graph OR-Tools reads).
: >"$OUT/assign-duijie.jsonl"
: >"$OUT/assign-ortools.jsonl"
for i in 1 2 3; do
    if [ "$i" = 1 ]; then EXPORT=(--export "$OUT/graph10k.txt"); else EXPORT=(); fi
    "$BIN" bench assign --json --demands 10000 --solvers 2000 "${EXPORT[@]}" >>"$OUT/assign-duijie.jsonl"
    $PY Benchmarks/match_peers.py ortools "$OUT/graph10k.txt" >>"$OUT/assign-ortools.jsonl"
done

$PY Benchmarks/report_match.py "$OUT"
