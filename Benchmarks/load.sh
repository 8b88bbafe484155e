#!/usr/bin/env bash
# Load against `duijie serve --demo` on 127.0.0.1 with wrk (apt-get install wrk): reads of the API and the
# dashboard, and judges' score posts through their links. Bounded: 2 threads, 32 connections, 10 s per target.
#   Benchmarks/load.sh            # release build
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first: apt-get install wrk"; exit 1; }
swift build -c release --product duijie >/dev/null
BIN=.build/release/duijie
PORT=${PORT:-18282}
DB=$(mktemp -d)/load.sqlite
"$BIN" serve --demo --db "$DB" --port "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
TOKEN=$("$BIN" judges links --event HS2020 --db "$DB" | sed -n 2p | sed 's#.*/judge/##')
POST=$(mktemp)
cat >"$POST" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "demand=HS2020-033&team=T006&p0=28&p1=27&p2=18&p3=18&reason=load%20test"
LUA
run() { echo "## $1"; wrk -t2 -c32 -d10s ${3:-} "http://127.0.0.1:$PORT$2" | grep -E "Requests/sec|Latency|Non-2xx|requests in"; }
run "GET /healthz" /healthz
run "GET /api/demands?q=激光 (search)" "/api/demands?q=%E6%BF%80%E5%85%89"
run "GET / (dashboard)" /
run "GET /api/judge/results?event=HS2020" "/api/judge/results?event=HS2020"
run "POST /judge/TOKEN/score (same points: idempotent)" "/judge/$TOKEN/score" "-s $POST"
