#!/usr/bin/env bash
# Side-by-side: Flink SQL and Kibitz Streams on the same file, then produce-to-view latency.
# Usage: bench/streams/run.sh [EVENTS=2000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-2000000}
file=/tmp/kibitz-bench-moves-$events.jsonl
[ -f "$file" ] || python3 ../shared/bench/make_events.py "$file" "$events"

flink_rate=""
if [ -x /tmp/flink/bin/python ]; then
    flink_line=$(/tmp/flink/bin/python ../shared/bench/flink_window_count.py "$file" 2 | tail -1)
    echo "$flink_line"
    flink_rate=$(echo "$flink_line" | sed -E 's/.*= ([0-9,]+) events\/s.*/\1/' | tr -d ,)
else
    echo "Flink not installed: python3 -m venv /tmp/flink && /tmp/flink/bin/pip install apache-flink"
fi

swift build -c release --scratch-path .build-streams --product kibitz-benchmarks
benchmarks=.build-streams/release/kibitz-benchmarks
"$benchmarks" tumbling-count --events "$file" ${flink_rate:+--flink-events-per-second "$flink_rate"}
"$benchmarks" latency --python "${STREAMS_BENCH_PYTHON:-.build/venv/bin/python}"
