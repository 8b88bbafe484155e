"""Summarise Benchmarks/out/{match,quality,assign}* into the Matching tables of docs/benchmarks.md."""
import json
import os
import statistics
import sys

out = sys.argv[1]


def rows(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def med(items, key):
    return statistics.median(r[key] for r in items) if items else float("nan")


print("| ranking, top 10 per demand | Duijie s (build + rank) | scikit-learn s | Duijie is | Duijie peak RSS MiB | sklearn peak RSS MiB |")
print("|---|---|---|---|---|---|")
for label, ours, theirs in [("10,000 demands × 2,000 teams", "match10k-duijie.jsonl", "match10k-sklearn.jsonl"),
                            ("100,000 demands × 20,000 teams", "match100k-duijie.jsonl", "match100k-sklearn.jsonl")]:
    a, b = rows(ours), rows(theirs)
    if not a or not b:
        continue
    d, s = med(a, "seconds"), med(b, "seconds")
    print(f"| {label} | {d:.2f} ({med(a, 'build_seconds'):.2f} + {med(a, 'rank_seconds'):.2f}) | {s:.1f} | "
          f"**{s / d:.1f}× faster** | {med(a, 'peak_rss_mib'):.0f} | {med(b, 'peak_rss_mib'):.0f} |")
print()
q1 = json.load(open(os.path.join(out, "quality-duijie.json")))
q2 = json.load(open(os.path.join(out, "quality-sklearn.json")))
print(f"| ranking quality, {q1['demands_judged']} demands with a shortlist | recall@5 | MRR | nDCG@10 |")
print("|---|---|---|---|")
print(f"| Duijie (BM25F + field + region, synonyms) | {q1['recall_at_5']:.3f} | {q1['mrr']:.3f} | {q1['ndcg_at_10']:.3f} |")
print(f"| scikit-learn char-bigram TF-IDF, cosine | {q2['recall_at_5']:.3f} | {q2['mrr']:.3f} | {q2['ndcg_at_10']:.3f} |")
print()
a, o = rows("assign-duijie.jsonl"), rows("assign-ortools.jsonl")
if a and o:
    print("| assignment: 10,000 demands × 3 teams, capacity 20, top-50 edges | seconds | objective |")
    print("|---|---|---|")
    print(f"| Duijie `Assignment.solve` (successive shortest paths per demand, CSR arcs) | {med(a, 'seconds'):.2f} | {a[0]['objective']:.6f} |")
    print(f"| OR-Tools SimpleMinCostFlow | {med(o, 'seconds'):.2f} | {o[0]['objective']:.6f} |")
    print(f"\nDuijie takes {med(a, 'seconds') / med(o, 'seconds'):.1f}× OR-Tools' time; the objectives are equal "
          f"(same integer costs, both optimal).")
