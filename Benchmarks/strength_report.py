"""How well `strength` (strong / possible / weak) says whether a match is worth a call, on the labelled sets.

    python3 Benchmarks/strength_report.py real51 RUN.json       # duijie match --top 10 --json on real51-dev
    python3 Benchmarks/strength_report.py sample RUN.json LABELS # the sample event and its labels.tsv

Prints one JSON object: per strength, the candidates so called and how many were relevant (real51-dev: grade ≥ 2 among
the graded ones, ungraded ones counted apart; the sample event: on the expert shortlist), and per list strength, the
demands so called and how many of them have a relevant team anywhere (a demand with a good match called weak is the
miss the organizer would pay for). Standard library only.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    kind, run = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
    if kind == "real51":
        sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "real51-dev"))
        import eval as ev  # noqa: E402

        grades, _ = ev.load_pool()
        relevant = lambda d, s: None if s not in grades[d] else grades[d][s] >= 2  # noqa: E731
        has_good = lambda d: any(g >= 2 for g in grades[d].values())  # noqa: E731
        key = lambda x: x["demand"]  # noqa: E731
    else:
        shortlist = {}
        for line in open(sys.argv[3], encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            title, teams = line.rstrip("\n").split("\t")
            shortlist[title] = set(teams.split())
        relevant = lambda d, s: s in shortlist[d]  # noqa: E731
        has_good = lambda d: bool(shortlist[d])  # noqa: E731
        key = lambda x: x["title"]  # noqa: E731
    lists = [x for x in run["demands"] if kind == "real51" or x["title"] in shortlist]
    out = {"candidates": {}, "lists": {}}
    for strength in ("strong", "possible", "weak"):
        called = [(key(x), c["solver"]) for x in lists for c in x["candidates"] if c["strength"] == strength]
        judged = [relevant(d, s) for d, s in called if relevant(d, s) is not None]
        out["candidates"][strength] = {
            "called": len(called),
            "graded": len(judged),
            "relevant": sum(judged),
            "share_relevant": round(sum(judged) / len(judged), 3) if judged else None,
        }
        demands = [key(x) for x in lists if x["strength"] == strength]
        good = sum(1 for d in demands if has_good(d))
        out["lists"][strength] = {"demands": len(demands), "with_a_good_match": good}
    with_good = sum(1 for x in lists if has_good(key(x)))
    out["demands_with_a_good_match"] = with_good
    out["good_called_weak"] = out["lists"]["weak"]["with_a_good_match"]
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
