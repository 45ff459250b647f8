#!/usr/bin/env bash
# Arena ETL side by side with its Python peer (confluent-kafka + pyarrow, bench/arena/python_etl.py):
#   1. rows/s: GAMES games are loaded into lib.server.lobby first; then `kibitz serve` is started
#      again on that data, and the time from its launch to the ETL's last row counts: broker
#      start-up, consumer-group join and the catch-up, the same span for both (the Python peer is
#      launched together with a `kibitz serve` that has no workers).
#   2. clean-up to readable: games are played live at RATE log lines per second while both ETLs run
#      with a 200 ms flush; bench/arena/cleanup_to_readable.py times each game's rows appearing.
# Usage: bench/arena/run.sh [GAMES=20000] [RATE=2000]   (KIBITZ_BINARY overrides the release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
games=${1:-20000}
rate=${2:-2000}
kibitz=${KIBITZ_BINARY:-.build/release/kibitz}
python=${PYTHON:-.build/venv/bin/python}
work=$(mktemp -d /tmp/kibitz-arena-bench.XXXXXX)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kafka_port=$(free_port)
http_port=$(free_port)
bootstrap=127.0.0.1:$kafka_port
api=http://127.0.0.1:$http_port/api/arena/warehouse

launch_server() { # data directory, then serve's options
    local data=$1
    shift
    "$kibitz" serve --data-dir "$data" --kafka-port "$kafka_port" --http-port "$http_port" --log-level warning "$@" \
        >>"$work/serve.log" 2>&1 &
    server=$!
}
start_server() { # as launch_server, and waits until the server answers
    launch_server "$@"
    until curl -sf "$api" >/dev/null; do sleep 0.01; done
}
stop_server() {
    kill "$server"
    wait "$server" || true
    server=""
}
rows_written() { curl -sf "$api" | "$python" -c 'import json,sys; print(sum(json.load(sys.stdin)["rows_written"].values()))'; }
elapsed() { "$python" -c "print(f'{$2 - $1:.3f}')"; }

echo "== loading $games games into lib.server.lobby (2 partitions)"
start_server "$work/loaded" --arena-workers 0 --default-partitions 2
"$kibitz" simulate arena --bootstrap "$bootstrap" --players 400 --games "$games" --rate 0 --seed 2026 2>&1 | tail -1
stop_server
cp -r "$work/loaded" "$work/loaded-2"

echo "== Python peer (one consumer) on the loaded topic"
start=$(date +%s.%N)
launch_server "$work/loaded" --arena-workers 0
peer=$("$python" bench/arena/python_etl.py "$bootstrap" "$work/peer" --until-games "$games")
end=$(date +%s.%N)
stop_server
echo "$peer"
rows=$(echo "$peer" | sed -E 's/.* rows=([0-9]+).*/\1/')
peer_seconds=$(elapsed "$start" "$end")

kibitz_seconds=()
for workers in 1 2; do
    echo "== Kibitz, $workers worker(s), on the loaded topic"
    data=$work/loaded
    [ "$workers" = 2 ] && data=$work/loaded-2
    start=$(date +%s.%N)
    start_server "$data" --arena-workers "$workers"
    until [ "$(rows_written)" -ge "$rows" ]; do sleep 0.01; done
    end=$(date +%s.%N)
    stop_server
    kibitz_seconds+=("$(elapsed "$start" "$end")")
done

echo "== clean-up to readable: games played live at $rate log lines/s, both ETLs following"
start_server "$work/live" --arena-workers 1 --default-partitions 2
"$python" bench/arena/python_etl.py "$bootstrap" "$work/live-peer" >/dev/null &
peer_pid=$!
sleep 3
"$python" bench/arena/cleanup_to_readable.py "$bootstrap" 25 kibitz="$work/live/warehouse" python="$work/live-peer" \
    >"$work/latency.txt" &
watcher=$!
sleep 1
"$kibitz" simulate arena --bootstrap "$bootstrap" --players 100 --rate "$rate" --games 100000 >/dev/null 2>&1 &
simulator=$!
wait "$watcher"
kill "$simulator" "$peer_pid" 2>/dev/null || true
stop_server

echo
echo "ETL into gzip Parquet, $games games, $rows rows (game_meta + game_podium), from the broker's launch to the last row:"
printf '| %-32s | %9s | %12s | %9s |\n' "ETL" "seconds" "rows/s" "vs Python"
printf '|%s|%s|%s|%s|\n' "----------------------------------" "-----------" "--------------" "-----------"
row() { "$python" -c "
rows, seconds, peer = $rows, $2, $peer_seconds
print(f'| {\"$1\":<32} | {seconds:>9.2f} | {rows / seconds:>12,.0f} | {peer / seconds:>9.2f} |')"; }
row "Python: confluent-kafka + pyarrow" "$peer_seconds"
row "Kibitz, 1 worker" "${kibitz_seconds[0]}"
row "Kibitz, 2 workers" "${kibitz_seconds[1]}"
echo
echo "Clean-up to readable file ($rate log lines/s, 200 ms flush in both):"
cat "$work/latency.txt"
