"""The plain baseline on ../shared/real51-dev: character 1–2-gram TF-IDF (scikit-learn), cosine, top 10 per demand.

    python3 Benchmarks/real51_tfidf.py OUT.json      # then: python3 ../shared/real51-dev/eval.py OUT.json

The texts are put together as ../shared/real51-dev/run.py gives them to Duijie: a demand's name, classification and
description; an achievement's name, industry, classification and description. The texts (../shared/realdata) are
read in place and never copied into the project.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")


def main():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    demands = [json.loads(l) for l in open(os.path.join(SHARED, "real51-dev", "demands.jsonl"), encoding="utf-8") if l.strip()]
    pool = [
        json.loads(l)
        for l in open(os.path.join(SHARED, "realdata", "51jishu_achievements.jsonl"), encoding="utf-8")
        if l.strip()
    ]
    dt = [" ".join([d["name"], d.get("classification", ""), d.get("context", "")]) for d in demands]
    at = [" ".join([x["name"], x.get("industry", ""), x.get("classification", ""), x.get("context", "")]) for x in pool]
    # Fitted on the achievements (the pool a market has), demands transformed: the baseline issue 14 measured.
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
    a = vectorizer.fit_transform(at)
    d = vectorizer.transform(dt)
    scores = (d @ a.T).toarray()
    run = {}
    for i, demand in enumerate(demands):
        top = np.argsort(-scores[i])[:10]
        run[demand["id"]] = [pool[j]["id"] for j in top]
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(run, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
