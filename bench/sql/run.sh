#!/usr/bin/env bash
# Side-by-side: each bench/sql Nexmark query in Apache Flink SQL and in Kibitz's SQL engine on the
# same generated files, then the SQL form of bench/streams' tumbling count beside its Swift pipeline.
# Usage: bench/sql/run.sh [EVENTS=2000000] [QUERY.sql...]
# Flink: /work/flink-venv/bin/python (apache-flink 2.3; FLINK_PYTHON names another), parallelism 2.
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-2000000}
shift || true
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(bench/sql/q*.sql)
data=/tmp/kibitz-bench-nexmark-$events
[ -f "$data/bids.jsonl" ] || python3 bench/sql/make_nexmark.py "$data" "$events"
moves=/tmp/kibitz-bench-moves-2000000.jsonl
[ -f "$moves" ] || python3 ../shared/bench/make_events.py "$moves" 2000000
flink=${FLINK_PYTHON:-/work/flink-venv/bin/python}

swift build -c release --product kibitz-benchmarks
benchmarks=.build/release/kibitz-benchmarks

summary=()
for query in "${queries[@]}"; do
    echo "== $query (load $(cut -d' ' -f1-3 /proc/loadavg))"
    flink_line=$("$flink" bench/sql/flink_query.py "$query" "$data" 2 2>/dev/null | tail -1)
    echo "$flink_line"
    flink_rate=$(echo "$flink_line" | sed -E 's/.*= ([0-9,]+) events\/s.*/\1/' | tr -d ,)
    kibitz=$("$benchmarks" sql --events "$data"/persons.jsonl "$data"/auctions.jsonl "$data"/bids.jsonl \
        --query "$query" --flink-events-per-second "$flink_rate")
    echo "$kibitz"
    kibitz_row=$(echo "$kibitz" | sed -n 3p)
    summary+=("$(echo "$kibitz_row" | awk -F' \\| ' -v flink="$flink_rate" \
        '{ printf "| %s | %s | %s | %s | %s |", $1, $3, flink, $5, $6 }' | sed 's/^| | /| /')")
done
echo
echo "| query | events | Flink events/s | Kibitz events/s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
echo
"$benchmarks" sql-tumbling-count --events "$moves" --runs "${TUMBLING_RUNS:-3}"
