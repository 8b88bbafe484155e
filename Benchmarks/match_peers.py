"""Baselines a data-minded organizer would run, for side-by-side figures with `duijie-dev bench match|assign`.

  match_peers.py tfidf DIR            character-bigram TF-IDF (scikit-learn) + sparse top-10 per demand
  match_peers.py quality DIR LABELS   the same ranking on the sample event, scored against the expert shortlist
  match_peers.py ortools GRAPH        OR-Tools SimpleMinCostFlow on the graph `duijie-dev bench assign --export` wrote

Each prints one JSON object. Installed into Benchmarks/.venv by Benchmarks/run.sh; never a build or test dependency.
"""
import csv
import json
import math
import resource
import sys
import time


def peak_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def read(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def tfidf_topk(demands, solvers, k=10):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    dt = [" ".join([r["title"], r["description"], r["goals"]]) for r in demands]
    st = [" ".join([r["directions"], r["achievements"], r["name"]]) for r in solvers]
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True)
    vectorizer.fit(dt + st)
    xd = vectorizer.transform(dt)
    xs = vectorizer.transform(st).T.tocsc()
    top = []
    for start in range(0, xd.shape[0], 2000):
        block = (xd[start:start + 2000] @ xs).toarray()
        part = np.argpartition(-block, min(k, block.shape[1] - 1), axis=1)[:, :k]
        for row, cols in enumerate(part):
            scores = block[row, cols]
            order = cols[np.argsort(-scores, kind="stable")]
            top.append([int(c) for c in order if block[row, c] > 0])
    return top


def main():
    mode = sys.argv[1]
    if mode == "tfidf":
        demands = read(sys.argv[2] + "/demands.tsv")
        solvers = read(sys.argv[2] + "/solvers.tsv")
        started = time.perf_counter()
        top = tfidf_topk(demands, solvers)
        seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "demands": len(demands), "solvers": len(solvers),
                          "candidates": sum(len(t) for t in top), "peak_rss_mib": peak_mib()}))
    elif mode == "quality":
        demands = read(sys.argv[2] + "/demands.tsv")
        solvers = read(sys.argv[2] + "/solvers.tsv")
        labels = {}
        for line in open(sys.argv[3], encoding="utf-8"):
            if line.startswith("#") or "\t" not in line:
                continue
            title, refs = line.rstrip("\n").split("\t", 1)
            labels.setdefault(title, set()).update(refs.split())
        top = tfidf_topk(demands, solvers)
        recall = mrr = ndcg = 0.0
        judged = 0
        for d, ranked in zip(demands, top):
            relevant = labels.get(d["title"], set())
            if not relevant:
                continue
            judged += 1
            names = [solvers[i]["label"] for i in ranked]
            recall += len([n for n in names[:5] if n in relevant]) / len(relevant)
            first = next((i for i, n in enumerate(names) if n in relevant), None)
            mrr += 0 if first is None else 1 / (first + 1)
            dcg = sum(1 / math.log2(i + 2) for i, n in enumerate(names[:10]) if n in relevant)
            ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
            ndcg += dcg / ideal
        n = max(1, judged)
        print(json.dumps({"demands_judged": judged, "recall_at_5": recall / n, "mrr": mrr / n, "ndcg_at_10": ndcg / n}))
    elif mode == "ortools":
        from ortools.graph.python import min_cost_flow

        with open(sys.argv[2]) as f:
            demands, solvers, per_demand, capacity = map(int, f.readline().split())
            edges = [tuple(map(int, line.split())) for line in f]
        started = time.perf_counter()
        flow = min_cost_flow.SimpleMinCostFlow()
        source, sink = 0, 1
        supply = demands * per_demand
        for d in range(demands):
            flow.add_arc_with_capacity_and_unit_cost(source, 2 + d, per_demand, 0)
        for d, s, w in edges:
            flow.add_arc_with_capacity_and_unit_cost(2 + d, 2 + demands + s, 1, -w)
        for s in range(solvers):
            flow.add_arc_with_capacity_and_unit_cost(2 + demands + s, sink, capacity, 0)
        flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)  # slots may stay empty
        flow.set_node_supply(source, supply)
        flow.set_node_supply(sink, -supply)
        status = flow.solve()
        seconds = time.perf_counter() - started
        assert status == flow.OPTIMAL, status
        print(json.dumps({"seconds": seconds, "objective": -flow.optimal_cost() / 1_000_000, "edges": len(edges),
                          "peak_rss_mib": peak_mib()}))


if __name__ == "__main__":
    main()
