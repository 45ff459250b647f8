#!/usr/bin/env bash
# FastJSON against simdjson (Debian's libsimdjson-dev, On-Demand API through a C++ shim) on the
# `moves` events of bench/streams: each line decoded into the same Swift struct both ways, then
# bench/streams's pipeline with each as its source's decoder; one release binary, alternating
# rounds. Prints markdown tables of events/s (see docs/benchmarks.md, "JSON decoding").
# Usage: bench/json/run.sh [EVENTS=2000000] [ROUNDS=7]
#
# The harness is built at run time in $BENCH_DIR (default /tmp/kibitz-bench-json): the project's
# Package.swift with bench/json/BenchTargets.swift appended, its Sources and Tests linked (so the
# shipped FastJSON and Streams are measured) and bench/json's two targets copied beside them.
# Needs `apt-get install -y libsimdjson-dev`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
events=${1:-2000000}
rounds=${2:-7}
file=/tmp/kibitz-bench-moves-$events.jsonl
[ -f "$file" ] || python3 "$root/../shared/bench/make_events.py" "$file" "$events"
[ -f /usr/include/simdjson.h ] || { echo "run.sh: simdjson missing: apt-get install -y libsimdjson-dev" >&2; exit 1; }

package=${BENCH_DIR:-/tmp/kibitz-bench-json}
mkdir -p "$package/Sources"
cat "$root/Package.swift" "$here/BenchTargets.swift" > "$package/Package.swift"
find "$package/Sources" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
for target in "$root"/Sources/*; do ln -s "$target" "$package/Sources/"; done
cp -R "$here/CSimdjsonMoves" "$here/JSONBench" "$package/Sources/"
# The benchmarks' own event type, so that both harnesses decode the same struct.
ln -s "$root/Benchmarks/KibitzBenchmarks/BenchmarkMove.swift" "$package/Sources/JSONBench/BenchmarkMove.swift"
ln -sfn "$root/Tests" "$package/Tests"
ln -sfn "$root/Benchmarks" "$package/Benchmarks"

swift build -c release --package-path "$package" --product JSONBench >&2
"$package/.build/release/JSONBench" "$file" "$rounds"
