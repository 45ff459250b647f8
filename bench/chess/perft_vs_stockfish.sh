#!/usr/bin/env bash
# Perft speed of `kibitz chess perft` side by side with Stockfish's `go perft` (../shared/bench harness).
# Both are timed the same way: wall time of the whole process, bulk counting at the leaves, one thread.
# Usage: bench/chess/perft_vs_stockfish.sh [path/to/kibitz]   (default .build/release/kibitz)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repository=$(cd "$here/../.." && pwd)
kibitz=${1:-${KIBITZ_BINARY:-$repository/.build/release/kibitz}}
shared=${SHARED_BENCH:-$repository/../shared/bench}
runs=${RUNS:-3}

# Best of $runs for both programs, so a noisy neighbour on a shared machine hurts neither.
stockfish_rates() {
  for _ in $(seq "$runs"); do bash "$shared/stockfish_perft.sh"; done
}
kibitz_rate() {  # fen depth -> "nodes rate"
  local start end nodes
  start=$(date +%s.%N)
  nodes=$("$kibitz" chess perft "$1" "$2" 2>/dev/null | tail -1)
  end=$(date +%s.%N)
  awk -v n="$nodes" -v s="$start" -v e="$end" 'BEGIN { printf "%d %.0f\n", n, n / (e - s) }'
}

sf_output=$(stockfish_rates)
printf '| position | depth | nodes | Stockfish 15.1 nodes/s | Kibitz nodes/s | Kibitz / Stockfish |\n'
printf '|---|---|---|---|---|---|\n'
while read -r name depth fen; do
  sf=$(echo "$sf_output" | awk -v name="$name" '$3 == name { if ($8 > best) best = $8 } END { print best }')
  best=0
  nodes=0
  for _ in $(seq "$runs"); do
    read -r nodes rate < <(kibitz_rate "$fen" "$depth")
    if awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }'; then best=$rate; fi
  done
  awk -v name="$name" -v d="$depth" -v n="$nodes" -v sf="$sf" -v k="$best" \
    'BEGIN { printf "| %s | %s | %d | %.1f M | %.1f M | %.2f |\n", name, d, n, sf / 1e6, k / 1e6, k / sf }'
done <<'POSITIONS'
startpos 6 rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1
kiwipete 5 r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1
POSITIONS
