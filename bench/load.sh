#!/usr/bin/env bash
# Load benchmark (issue: foundation). Prints, from one run on this machine:
#   the /healthz rate, the durable authenticated audited Observation-create rate, their ratio,
#   p50/p99 latencies, and chart-search latency on a database of 1,000,000 observations.
# Usage: bench/load.sh [SECONDS] [OBSERVATIONS]   (defaults 10 and 1000000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${RELIEF_BUILD_DIR:-$here/build}   # e.g. RELIEF_BUILD_DIR=build-store to bench another build
relief=$build/relief
fill=$build/bench/fill_observations
secs=${1:-10}
nobs=${2:-1000000}
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start_server() {  # db
  rm -f "$work/port"
  "$relief" serve --db "$1" --listen 127.0.0.1:0 --port-file "$work/port" --quiet --web-root "$work/none" >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=; }
login() {
  curl -s -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' -d '{"username":"bench","password":"Load-Test-Secret-41"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
rate() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1" '$1 == p {print $2}'; }

echo "== Relief load benchmark: $(nproc) cores, wrk 2 threads, 64 connections, ${secs}s per run"
db=$work/load.db
echo "Load-Test-Secret-41" | "$relief" user add --db "$db" --username bench --role nurse --password-stdin >/dev/null
start_server "$db"
token=$(login)
patient=$(curl -s -X POST "http://127.0.0.1:$port/fhir/Patient" -H "Authorization: Bearer $token" -H "Content-Type: application/fhir+json" \
  -d '{"resourceType":"Patient","identifier":[{"value":"LOAD-1"}],"name":[{"family":"Load"}],"birthDate":"2014-05-05"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port/healthz" >"$work/healthz.txt"
RELIEF_TOKEN=$token RELIEF_PATIENT=$patient wrk -t2 -c64 -d"${secs}s" --latency -s "$here/bench/post_observation.lua" \
  "http://127.0.0.1:$port/fhir/Observation" >"$work/create.txt"
created=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^relief_http_requests_total\{method="POST",status="201"\}/ {print $2}')
commits=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^relief_store_commits_total/ {print $2}')
errors=$(grep -c 'Non-2xx' "$work/create.txt" || true)
stop_server

h_rate=$(rate <"$work/healthz.txt"); c_rate=$(rate <"$work/create.txt")
printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "GET /healthz" "$h_rate" "$(pct 50% <"$work/healthz.txt")" "$(pct 99% <"$work/healthz.txt")"
printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "POST /fhir/Observation (durable, audited)" "$c_rate" "$(pct 50% <"$work/create.txt")" "$(pct 99% <"$work/create.txt")"
python3 -c "print(f'create / healthz ratio: {float(\"$c_rate\")/float(\"$h_rate\"):.2f}  (target >= 0.50)')"
echo "creates answered 201: $created, in $commits durable commits (non-2xx lines in wrk output: $errors)"

echo "== search latency on a database of $nobs observations"
sdb=$work/search.db
echo "Load-Test-Secret-41" | "$relief" user add --db "$sdb" --username bench --role nurse --password-stdin >/dev/null
"$fill" --db "$sdb" --observations "$nobs" --patients 5000 --ids "$work/ids.txt"
# The fill writes about a gigabyte. Searched at once, the first run's p99 was 67-102 ms even
# after a sync; 40 s later it was 20 ms: the disk is still busy with the fill, and every search's
# audit commit waits on an fsync. So the search waits until the disk has settled.
sync
sleep 40
start_server "$sdb"
token=$(login)
RELIEF_TOKEN=$token RELIEF_IDS=$work/ids.txt wrk -t2 -c16 -d"${secs}s" --latency -s "$here/bench/search_observations.lua" \
  "http://127.0.0.1:$port/" >"$work/search.txt"
stop_server
printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "GET /fhir/Observation?subject&code&_sort=-date" "$(rate <"$work/search.txt")" \
  "$(pct 50% <"$work/search.txt")" "$(pct 99% <"$work/search.txt")"
