#!/usr/bin/env bash
# Broker benchmark, side by side with its peers on the same machine in the same run.
#
#   bench/broker/run.sh                         # full run (lead runs it on a quiet machine)
#   COUNT_100=100000 COUNT_1K=20000 LATENCY_SECONDS=2 KIBITZ_BINARY=... bench/broker/run.sh   # smoke
#
# Measures, with librdkafka clients against `kibitz serve` on free loopback ports:
#   - produce throughput, 100 B and 1 KiB, acks=1 (server --fsync interval) and acks=all
#     (server --fsync always), with ../shared/bench/librdkafka_produce.c; the same harness
#     against librdkafka's in-process mock cluster is the client's ceiling (the ratio's peer);
#   - consume throughput, 100 B and 1 KiB, of the topics the acks=1 runs filled (librdkafka_consume.c);
#   - produce-to-consume latency p50/p99/p99.9/max at a fixed rate (librdkafka_latency.c);
#   - transactional produce, 100 B in transactions of TXN_SIZE records, acks=all (server --fsync
#     always), with librdkafka_transactions.c, beside librdkafka's mock cluster doing the same;
#   - peers: ../shared/bench/redis_streams.sh (Redis Streams XADD) and ../shared/bench/machine_limits.sh.
# Prints one markdown table on stdout (every figure from this run); progress and the raw lines of
# every harness go to stderr. Takes about 1-3 minutes at the default counts.
#
# Environment:
#   KIBITZ_BINARY    default /work/main/.build/release/kibitz
#   COUNT_100        messages of 100 B per produce/consume run (default 2000000)
#   COUNT_1K         messages of 1 KiB per produce/consume run (default 500000)
#   LATENCY_RATE     messages/s of the latency run (default 20000)
#   LATENCY_SECONDS  length of the latency run (default 10)
#   COUNT_TXN        messages of 100 B in the transactional run (default 1000000)
#   TXN_SIZE         records per transaction (default 1000)
#   PEERS            1 runs redis_streams.sh and machine_limits.sh (default 1); 0 skips them
#   SHARED_BENCH     the peers' harnesses (default ../shared/bench next to the checkout)
#   KEEP_TMP         1 keeps the temporary directory (data, logs, binaries) for a look afterwards
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KIBITZ_BINARY=${KIBITZ_BINARY:-/work/main/.build/release/kibitz}
COUNT_100=${COUNT_100:-2000000}
COUNT_1K=${COUNT_1K:-500000}
LATENCY_RATE=${LATENCY_RATE:-20000}
LATENCY_SECONDS=${LATENCY_SECONDS:-10}
COUNT_TXN=${COUNT_TXN:-1000000}
TXN_SIZE=${TXN_SIZE:-1000}
PEERS=${PEERS:-1}
SHARED_BENCH=${SHARED_BENCH:-$(cd "$here/../../.." && pwd)/shared/bench}

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

[[ -x $KIBITZ_BINARY ]] || die "no kibitz binary at $KIBITZ_BINARY (set KIBITZ_BINARY)"
[[ -f $SHARED_BENCH/librdkafka_produce.c ]] || die "no peer harnesses in $SHARED_BENCH (set SHARED_BENCH)"

# --- what the run needs ----------------------------------------------------------------------
need_packages=()
command -v cc >/dev/null || need_packages+=(gcc libc6-dev)
[[ -f /usr/include/librdkafka/rdkafka.h ]] || need_packages+=(librdkafka-dev)
if [[ $PEERS == 1 ]]; then
    command -v iperf3 >/dev/null || need_packages+=(iperf3)
    command -v fio >/dev/null || need_packages+=(fio)
    command -v redis-server >/dev/null || need_packages+=(redis-server)
    command -v redis-benchmark >/dev/null || need_packages+=(redis-tools)
fi
if ((${#need_packages[@]})); then
    say "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${need_packages[@]}" >/dev/null \
        || { apt-get update -qq >/dev/null && apt-get install -y -qq "${need_packages[@]}" >/dev/null; } \
        || die "could not install ${need_packages[*]}"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kibitz-bench.XXXXXX")
kibitz_pid= child_pid=
cleanup() {
    if [[ -n $child_pid ]]; then kill "$child_pid" 2>/dev/null || true; wait "$child_pid" 2>/dev/null || true; fi
    if [[ -n $kibitz_pid ]]; then kill "$kibitz_pid" 2>/dev/null || true; wait "$kibitz_pid" 2>/dev/null || true; fi
    if [[ ${KEEP_TMP:-0} == 1 ]]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "compiling the harnesses into $tmp"
cc -O2 -o "$tmp/produce" "$SHARED_BENCH/librdkafka_produce.c" -lrdkafka
cc -O2 -o "$tmp/consume" "$here/librdkafka_consume.c" -lrdkafka
cc -O2 -o "$tmp/latency" "$here/librdkafka_latency.c" -lrdkafka -lpthread
cc -O2 -o "$tmp/transactions" "$here/librdkafka_transactions.c" -lrdkafka

# --- helpers ---------------------------------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# start_kibitz FSYNC: serves a fresh data directory; sets $bootstrap and $kibitz_pid.
start_kibitz() {
    local fsync=$1 port http_port
    port=$(free_port)
    http_port=$(free_port)
    "$KIBITZ_BINARY" serve --data-dir "$tmp/data-$fsync" --kafka-port "$port" --http-port "$http_port" \
        --fsync "$fsync" --log-level warning >>"$tmp/kibitz-$fsync.log" 2>&1 &
    kibitz_pid=$!
    local tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        kill -0 "$kibitz_pid" 2>/dev/null || { cat "$tmp/kibitz-$fsync.log" >&2; die "kibitz serve exited"; }
        ((++tries < 300)) || die "kibitz serve did not accept on port $port within 30 s"
        sleep 0.1
    done
    bootstrap=127.0.0.1:$port
    say "kibitz serve --fsync $fsync on $bootstrap (pid $kibitz_pid)"
}

stop_kibitz() {
    kill "$kibitz_pid" 2>/dev/null || true
    wait "$kibitz_pid" 2>/dev/null || true
    kibitz_pid=
}

# run NAME COMMAND...: runs one harness, echoes its stdout to stderr and keeps it in $tmp/NAME.out.
# A failing harness does not stop the run: its row says so.
run() {
    local name=$1 status=0; shift
    # In the background and waited for, so that an interrupt reaches the trap at once.
    "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
    child_pid=$!
    wait "$child_pid" || status=$?
    child_pid=
    if ((status)); then
        say "  ($name exited $status; last lines of its stderr follow)"
        grep -v '|MOCK|' "$tmp/$name.err" | tail -5 >&2 || true
    fi
    sed 's/^/  /' "$tmp/$name.out" >&2
}

# field NAME REGEX: the first number before REGEX in NAME's output ("" if none).
field() { grep -Eo "[0-9.]+ ?$2" "$tmp/$1.out" 2>/dev/null | head -1 | grep -Eo '^[0-9.]+' || true; }
# latency NAME P: the pP figure in ms.
latency() { grep -Eo "$2 [0-9.]+ ms" "$tmp/$1.out" 2>/dev/null | head -1 | awk '{print $2}' || true; }

# thousands 1234567.8 -> 1,234,568
thousands() { printf '%.0f' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/;ta'; }
rate_cell() { # msg/s MB/s
    [[ -n $1 ]] || { echo "failed"; return; }
    echo "$(thousands "$1") msg/s ($2 MB/s)"
}
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }' || echo "—"; }
at_least() { [[ -n $1 ]] && awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? "met" : "not met" }' || echo "not met"; }
below() { [[ -n $1 ]] && awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? "met" : "not met" }' || echo "not met"; }
# to_mbps "250 MB/s" | "1.2 GB/s" | "14.5 Gbits/sec" -> megabytes per second
to_mbps() {
    awk '{ v = $1; u = $2
           if (u ~ /^Gbit/) v = v * 1000 / 8; else if (u ~ /^Mbit/) v = v / 8
           else if (u ~ /^GB/) v = v * 1000; else if (u ~ /^kB/) v = v / 1000
           printf "%.0f", v }' <<<"$1"
}

# --- peers -----------------------------------------------------------------------------------
loopback= seqwrite= fsyncs= redis1= redis50=
if [[ $PEERS == 1 ]]; then
    say "machine limits (../shared/bench/machine_limits.sh)"
    DIR=$tmp run limits bash "$SHARED_BENCH/machine_limits.sh"
    loopback=$(sed -n 's/^loopback TCP: *//p' "$tmp/limits.out")
    seqwrite=$(sed -n 's/^sequential write + fdatasync: *//p' "$tmp/limits.out")
    fsyncs=$(sed -n 's/^16 KiB write + fsync: *\([0-9.]*k\{0,1\}\).*/\1/p' "$tmp/limits.out" \
             | awk '{ v = $1; if (v ~ /k$/) { sub(/k$/, "", v); v *= 1000 } print v }')

    say "Redis Streams (../shared/bench/redis_streams.sh)"
    PORT=$(free_port) run redis bash "$SHARED_BENCH/redis_streams.sh"
    redis1=$(sed -n 's/.* 1 client(s).*: \([0-9.]*\) requests per second.*/\1/p' "$tmp/redis.out")
    redis50=$(sed -n 's/.* 50 client(s).*: \([0-9.]*\) requests per second.*/\1/p' "$tmp/redis.out")
fi

say "librdkafka into its in-process mock cluster (the client's ceiling)"
run mock-100-1 "$tmp/produce" mock "$COUNT_100" 100 1 m100
run mock-1k-1 "$tmp/produce" mock "$COUNT_1K" 1024 1 m1k
run mock-100-all "$tmp/produce" mock "$COUNT_100" 100 all m100
run mock-1k-all "$tmp/produce" mock "$COUNT_1K" 1024 all m1k
run mock-txn "$tmp/transactions" mock "$COUNT_TXN" 100 "$TXN_SIZE" mtxn

# --- Kibitz, --fsync interval: acks=1, consume, latency --------------------------------------
start_kibitz interval
say "produce acks=1"
run kibitz-100-1 "$tmp/produce" "$bootstrap" "$COUNT_100" 100 1 p100
run kibitz-1k-1 "$tmp/produce" "$bootstrap" "$COUNT_1K" 1024 1 p1k
say "consume"
run consume-100 "$tmp/consume" "$bootstrap" p100 "$COUNT_100" 100
run consume-1k "$tmp/consume" "$bootstrap" p1k "$COUNT_1K" 1024
say "latency at $LATENCY_RATE msg/s for $LATENCY_SECONDS s"
run latency "$tmp/latency" "$bootstrap" latency "$LATENCY_RATE" "$LATENCY_SECONDS" 100 0
stop_kibitz

# --- Kibitz, --fsync always: acks=all --------------------------------------------------------
start_kibitz always
say "produce acks=all"
run kibitz-100-all "$tmp/produce" "$bootstrap" "$COUNT_100" 100 all p100
run kibitz-1k-all "$tmp/produce" "$bootstrap" "$COUNT_1K" 1024 all p1k
say "transactional produce"
run kibitz-txn "$tmp/transactions" "$bootstrap" "$COUNT_TXN" 100 "$TXN_SIZE" ptxn
stop_kibitz

# --- the table -------------------------------------------------------------------------------
for n in mock-100-1 mock-1k-1 mock-100-all mock-1k-all kibitz-100-1 kibitz-1k-1 kibitz-100-all kibitz-1k-all \
         consume-100 consume-1k; do
    printf -v "rate_${n//-/_}" '%s' "$(field "$n" 'msg/s')"
    printf -v "mb_${n//-/_}" '%s' "$(field "$n" 'MB/s')"
done
# A run that lost or failed messages does not count as a figure.
for n in kibitz-100-1 kibitz-1k-1 kibitz-100-all kibitz-1k-all mock-100-1 mock-1k-1 mock-100-all mock-1k-all; do
    if ! grep -q '(0 failed, 0 unflushed)' "$tmp/$n.out" 2>/dev/null; then printf -v "rate_${n//-/_}" '%s' ''; fi
done
for n in consume-100 consume-1k; do
    grep -q 'complete, 0 errors' "$tmp/$n.out" 2>/dev/null || printf -v "rate_${n//-/_}" '%s' ''
done
for n in kibitz-txn mock-txn; do
    printf -v "rate_${n//-/_}" '%s' "$(field "$n" 'msg/s')"
    printf -v "mb_${n//-/_}" '%s' "$(field "$n" 'MB/s')"
    grep -q '(0 failed)' "$tmp/$n.out" 2>/dev/null || printf -v "rate_${n//-/_}" '%s' ''
done
p50=$(latency latency p50) p99=$(latency latency p99) p999=$(latency latency p99.9) pmax=$(latency latency max)
lost=$(grep -Eo '[0-9]+ lost' "$tmp/latency.out" 2>/dev/null | awk '{print $1}' || true)
achieved=$(grep -Eo 'achieved [0-9.]+' "$tmp/latency.out" 2>/dev/null | awk '{print $2}' || true)
if [[ -z $p99 || ${lost:-1} != 0 ]]; then latency_cell="failed (${lost:-?} lost)"; p99=; else
    latency_cell="p50 $p50 / p99 $p99 / p99.9 $p999 / max $pmax ms"; fi

loopback_mb=; [[ -n $loopback ]] && loopback_mb=$(to_mbps "$loopback")
seqwrite_mb=; [[ -n $seqwrite ]] && seqwrite_mb=$(to_mbps "$seqwrite")
cell_or_dash() { [[ -n $1 ]] && echo "$1" || echo "—"; }

echo "Kibitz broker benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(basename "$KIBITZ_BINARY") at $KIBITZ_BINARY;"
echo "one librdkafka client each; $(thousands "$COUNT_100") × 100 B, $(thousands "$COUNT_1K") × 1 KiB; latency at $(thousands "$LATENCY_RATE") msg/s for $LATENCY_SECONDS s."
echo
echo "| measurement | Kibitz | peer | peer figure | Kibitz / peer | target | met |"
echo "|---|---|---|---|---|---|---|"
row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"; }
row "produce 100 B, acks=1 (--fsync interval)" "$(rate_cell "$rate_kibitz_100_1" "$mb_kibitz_100_1")" \
    "librdkafka mock cluster, acks=1" "$(rate_cell "$rate_mock_100_1" "$mb_mock_100_1")" \
    "$(ratio "$rate_kibitz_100_1" "$rate_mock_100_1")" "≥ 1,000,000 msg/s" "$(at_least "$rate_kibitz_100_1" 1000000)"
if [[ $PEERS == 1 ]]; then
    for clients in 1 50; do
        peer=redis$clients
        versus=$(ratio "$rate_kibitz_100_1" "${!peer}")
        row "produce 100 B, acks=1 (--fsync interval)" "$(rate_cell "$rate_kibitz_100_1" "$mb_kibitz_100_1")" \
            "Redis Streams XADD 100 B, $clients client(s), pipeline 64" \
            "$(cell_or_dash "$([[ -n ${!peer} ]] && echo "$(thousands "${!peer}") msg/s")")" \
            "$versus" "ahead of Redis XADD" "$(at_least "${versus/—/}" 1)"
    done
fi
row "produce 1 KiB, acks=1 (--fsync interval)" "$(rate_cell "$rate_kibitz_1k_1" "$mb_kibitz_1k_1")" \
    "librdkafka mock cluster, acks=1" "$(rate_cell "$rate_mock_1k_1" "$mb_mock_1k_1")" \
    "$(ratio "$rate_kibitz_1k_1" "$rate_mock_1k_1")" "" ""
row "produce 100 B, acks=all (--fsync always)" "$(rate_cell "$rate_kibitz_100_all" "$mb_kibitz_100_all")" \
    "librdkafka mock cluster, acks=all" "$(rate_cell "$rate_mock_100_all" "$mb_mock_100_all")" \
    "$(ratio "$rate_kibitz_100_all" "$rate_mock_100_all")" "" ""
row "produce 1 KiB, acks=all (--fsync always)" "$(rate_cell "$rate_kibitz_1k_all" "$mb_kibitz_1k_all")" \
    "librdkafka mock cluster, acks=all" "$(rate_cell "$rate_mock_1k_all" "$mb_mock_1k_all")" \
    "$(ratio "$rate_kibitz_1k_all" "$rate_mock_1k_all")" "" ""
row "transactional produce 100 B, acks=all, transactions of $(thousands "$TXN_SIZE") (--fsync always)" \
    "$(rate_cell "$rate_kibitz_txn" "$mb_kibitz_txn")" \
    "librdkafka mock cluster, the same transactions" "$(rate_cell "$rate_mock_txn" "$mb_mock_txn")" \
    "$(ratio "$rate_kibitz_txn" "$rate_mock_txn")" "" ""
if [[ $PEERS == 1 ]]; then
    row "produce 1 KiB, acks=all (--fsync always), MB/s" "$(cell_or_dash "$([[ -n $rate_kibitz_1k_all ]] && echo "$mb_kibitz_1k_all MB/s")")" \
        "machine: sequential write + fdatasync" "$(cell_or_dash "$seqwrite")" \
        "$([[ -n $rate_kibitz_1k_all ]] && ratio "$mb_kibitz_1k_all" "$seqwrite_mb" || echo —)" "" ""
fi
row "consume 100 B (from the beginning, no group)" "$(rate_cell "$rate_consume_100" "$mb_consume_100")" \
    "—" "—" "—" "≥ 1,500,000 msg/s" "$(at_least "$rate_consume_100" 1500000)"
row "consume 1 KiB (from the beginning, no group)" "$(rate_cell "$rate_consume_1k" "$mb_consume_1k")" \
    "$([[ $PEERS == 1 ]] && echo "machine: loopback TCP" || echo —)" "$(cell_or_dash "$loopback")" \
    "$([[ -n $rate_consume_1k ]] && ratio "$mb_consume_1k" "$loopback_mb" || echo —)" "" ""
row "produce-to-consume latency, 100 B at $(thousands "$LATENCY_RATE") msg/s (achieved $(thousands "${achieved:-0}")), acks=1" \
    "$latency_cell" "—" "—" "—" "p99 < 2 ms" "$(below "$p99" 2)"
if [[ $PEERS == 1 ]]; then
    row "machine: 16 KiB write + fsync (context for --fsync always)" "—" "fio, one job" \
        "$(cell_or_dash "$([[ -n $fsyncs ]] && echo "$(thousands "$fsyncs") per second")")" "—" "" ""
fi
