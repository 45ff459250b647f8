"""Time from a game's `Cleaning Game Records` log line to its rows being readable in the warehouse.

Watches one or more warehouse directories (Kibitz's and the Python peer's) while games are being
played: learns each game's clean-up `ts` (the game server's wall clock when it logged the line)
from the topic, polls every 2 ms for new game_podium files, reads their game tokens with pyarrow,
and prints latency percentiles per directory.

    cleanup_to_readable.py BOOTSTRAP SECONDS NAME=WAREHOUSE_DIR [NAME=WAREHOUSE_DIR ...]
"""

import json
import os
import sys
import time

import pyarrow.parquet as pq
from confluent_kafka import Consumer

TOPIC = "lib.server.lobby"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    bootstrap, seconds = sys.argv[1], float(sys.argv[2])
    warehouses = dict(argument.split("=", 1) for argument in sys.argv[3:])
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"cleanup-watch-{time.time_ns()}",
                         "auto.offset.reset": "latest", "enable.auto.commit": False})
    consumer.subscribe([TOPIC])
    cleaned_at: dict[str, int] = {}
    seen_files: dict[str, set[str]] = {name: set() for name in warehouses}
    seen_at: dict[str, dict[str, float]] = {name: {} for name in warehouses}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in consumer.consume(1_000, 0.002):
            if message.error():
                continue
            record = json.loads(message.value())
            if record["log_message"] == "Cleaning Game Records":
                cleaned_at[record["task"]["game_token"]] = record["ts"]
        for name, warehouse in warehouses.items():
            podium = os.path.join(warehouse, "game_podium")
            if not os.path.isdir(podium):
                continue
            for date in os.scandir(podium):
                for entry in os.scandir(date.path):
                    if entry.name.startswith(".") or entry.path in seen_files[name]:
                        continue
                    now = time.time() * 1000
                    seen_files[name].add(entry.path)
                    for token in pq.read_table(entry.path, columns=["game_token"]).column(0).to_pylist():
                        seen_at[name].setdefault(token, now)
    consumer.close()
    print(f"{'warehouse':<10} {'games':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name in warehouses:
        latencies = [seen - cleaned_at[token] for token, seen in seen_at[name].items() if token in cleaned_at]
        if not latencies:
            print(f"{name:<10} {0:>6}")
            continue
        print(f"{name:<10} {len(latencies):>6} {percentile(latencies, 0.5):>8.1f} {percentile(latencies, 0.9):>8.1f} "
              f"{percentile(latencies, 0.99):>8.1f} {max(latencies):>8.1f}")


if __name__ == "__main__":
    main()
