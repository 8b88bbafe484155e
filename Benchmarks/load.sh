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
# Pages and the API need an account: sign in once and send the session cookie (a browser's path; HTTP Basic would
# measure bcrypt on every request).
JAR=$(mktemp)
LINK=$("$BIN" users link organizer --db "$DB" --base "http://127.0.0.1:$PORT")
curl -s -c "$JAR" -o /dev/null "$LINK"
COOKIE="Cookie: duijie_session=$(awk '$6 == "duijie_session" {print $7}' "$JAR")"
POST=$(mktemp)
cat >"$POST" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "demand=HS2020-033&team=T006&p0=28&p1=27&p2=18&p3=18&reason=load%20test"
LUA
run() { # run TITLE PATH [wrk options…]
    local title=$1 path=$2
    shift 2
    echo "## $title"
    wrk -t2 -c32 -d10s "$@" "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|Non-2xx|requests in"
}
run "GET /healthz" /healthz
run "GET /api/demands?q=激光 (search, signed in)" "/api/demands?q=%E6%BF%80%E5%85%89" -H "$COOKIE"
run "GET / (overview page, signed in)" "/?event=HS2020" -H "$COOKIE"
run "GET /report (report page, signed in)" /report -H "$COOKIE"
run "GET /api/judge/results?event=HS2020 (signed in)" "/api/judge/results?event=HS2020" -H "$COOKIE"
run "POST /judge/TOKEN/score (same points: idempotent)" "/judge/$TOKEN/score" -s "$POST"
