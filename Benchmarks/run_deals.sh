#!/usr/bin/env bash
# Deals import is linear in its rows: one 30,000-row sheet against ten 3,000-row sheets (docs/benchmarks.md).
#
#   Benchmarks/run_deals.sh [RUNS]
#
# Generates deals CSVs (each row its own enterprise, team, contract number and 14-digit registration number), then
# times `duijie deals import` of the big sheet into a fresh database and of the ten small ones, each into a fresh
# database, RUNS times each, interleaved; prints the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=Benchmarks/out/deals
mkdir -p "$OUT"
swift build -c release --product duijie >/dev/null
BIN=$PWD/.build/release/duijie
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
def sheet(path, start, count):
    with open(path, "w", encoding="utf-8") as f:
        f.write("合同编号,企业名称,合作单位,签约状态,合同类别,合同金额(万元),签订日期,县区,登记号\n")
        for i in range(start, start + count):
            registered = i % 3 == 0
            f.write(f"HT-{i:06d},衡水企业{i}有限公司,高校团队{i % 500},{'已认定登记' if registered else '已签订合同'},技术开发,"
                    f"{10 + i % 90},2020-10-28,桃城区,{'2020131100%04d' % (i % 10000) if registered and i < 10000 else ''}\n")
sheet(f"{out}/big.csv", 0, 30000)
for k in range(10):
    sheet(f"{out}/small-{k}.csv", k * 3000, 3000)
PY
seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -n 1; }
: >"$OUT/big.txt"
: >"$OUT/small.txt"
for _ in $(seq "$RUNS"); do
    rm -f "$OUT"/*.sqlite*
    seconds "$BIN" deals import "$OUT/big.csv" --db "$OUT/big.sqlite" >>"$OUT/big.txt"
    total=0
    for k in $(seq 0 9); do
        t=$(seconds "$BIN" deals import "$OUT/small-$k.csv" --db "$OUT/small-$k.sqlite")
        total=$(python3 -c "print($total + $t)")
    done
    echo "$total" >>"$OUT/small.txt"
done
python3 - "$OUT" <<'PY'
import statistics, sys
out = sys.argv[1]
big = [float(x) for x in open(f"{out}/big.txt") if x.strip()]
small = [float(x) for x in open(f"{out}/small.txt") if x.strip()]
print(f"30,000 rows in one sheet: median {statistics.median(big):.2f} s; 3,000 rows × 10 sheets: median {statistics.median(small):.2f} s; "
      f"ratio {statistics.median(big) / statistics.median(small):.2f} (target ≤ 2)")
PY
