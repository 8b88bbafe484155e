#!/usr/bin/env bash
# Ranking quality on every labelled set, Duijie's engine and the plain TF-IDF baseline in the same run
# (docs/benchmarks.md, "Ranking quality"):
#   - the sample event's expert shortlist (Fixtures/sample-event/labels.tsv): recall@5, MRR, nDCG@10;
#   - ../shared/real51-dev (real demands against 2,946 real posted achievements, graded blind): nDCG@10, R@10, MRR,
#     P@1 and judged@10 (an ungraded item counts as 0: below 0.9 judged, new items need grading first).
# The baseline is scikit-learn's character 1–2-gram TF-IDF, installed into Benchmarks/.venv by this script.
#
#   Benchmarks/run_quality.sh            # prints a markdown table; the raw outputs stay in Benchmarks/out/quality
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/out/quality
mkdir -p "$OUT"
swift build -c release --product duijie >/dev/null
swift build -c release --product duijie-dev >/dev/null
CLI=.build/release/duijie
DEV=.build/release/duijie-dev
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q scikit-learn numpy scipy >/dev/null
PY=Benchmarks/.venv/bin/python

# 1. The sample event.
DB="$OUT/sample.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$CLI" demo --db "$DB" >/dev/null
"$CLI" match quality --json --db "$DB" --labels Fixtures/sample-event/labels.tsv >"$OUT/sample-duijie.json"
"$DEV" bench export-sample --db "$DB" "$OUT/sample"
$PY Benchmarks/match_peers.py quality "$OUT/sample" Fixtures/sample-event/labels.tsv >"$OUT/sample-tfidf.json"
"$CLI" match --top 10 --json --db "$DB" >"$OUT/sample-run.json"
python3 Benchmarks/strength_report.py sample "$OUT/sample-run.json" Fixtures/sample-event/labels.tsv >"$OUT/sample-strength.json"

# 2. real51-dev (when ../shared is there).
REAL=../shared/real51-dev
if [ -f "$REAL/eval.py" ]; then
    python3 "$REAL/run.py" --bin "$CLI" --keep "$OUT/real51" >/dev/null
    python3 "$REAL/eval.py" "$OUT/real51/run.json" --json >"$OUT/real51-duijie.json"
    $PY Benchmarks/real51_tfidf.py "$OUT/real51-tfidf-run.json"
    python3 "$REAL/eval.py" "$OUT/real51-tfidf-run.json" --json >"$OUT/real51-tfidf.json"
    python3 Benchmarks/strength_report.py real51 "$OUT/real51/run.json" >"$OUT/real51-strength.json"
fi

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None
print("| set | ranker | recall@5 | MRR | nDCG@10 |")
print("|---|---|---|---|---|")
for ranker, name in (("Duijie", "sample-duijie.json"), ("TF-IDF char 1–2", "sample-tfidf.json")):
    q = load(name) or {}
    def pick(*keys):
        for key in keys:
            if key in q:
                return f"{q[key]:.3f}"
        return "—"
    print(f"| sample event (labels.tsv) | {ranker} | {pick('recall_at_5', 'recallAt5', 'recall5')} | {pick('mrr')} "
          f"| {pick('ndcg_at_10', 'ndcgAt10', 'ndcg10')} |")
print()
print("| set | ranker | nDCG@10 | R@10 (≥2) | MRR (≥2) | P@1 (≥2) | judged@10 |")
print("|---|---|---|---|---|---|---|")
for ranker, name in (("Duijie", "real51-duijie.json"), ("TF-IDF char 1–2", "real51-tfidf.json")):
    q = load(name)
    if q is None:
        continue
    row = q["splits"]["all"]
    print(f"| real51-dev | {ranker} | {row['ndcg']:.3f} | {row['recall']:.3f} | {row['mrr']:.3f} | {row['p1']:.3f} "
          f"| {row['judged_at_k']:.3f} |")
print()
print("| set | strength | candidates | relevant among graded | lists | lists with a good match |")
print("|---|---|---|---|---|---|")
for label, name in (("sample event", "sample-strength.json"), ("real51-dev", "real51-strength.json")):
    q = load(name)
    if q is None:
        continue
    for strength in ("strong", "possible", "weak"):
        c, l = q["candidates"][strength], q["lists"][strength]
        share = "—" if c["share_relevant"] is None else f"{c['relevant']} of {c['graded']} ({c['share_relevant']:.0%})"
        print(f"| {label} | {strength} | {c['called']} | {share} | {l['demands']} | {l['with_a_good_match']} |")
PY
