"""The peer of Kibitz's arena ETL worker: the same job written the way the original superhero-combat
project's Python worker does it — confluent-kafka for the consumer group, json for the log lines,
pyarrow for gzip Parquet — so that the benchmark compares like with like.

It gathers each game's records, and on the host's `Cleaning Game Records` computes the game_meta
and game_podium rows; every FLUSH_MS (or 50,000 rows) it writes one gzip Parquet file per table and
date and then commits the offsets (never past a game in progress, as Kibitz does).

    python_etl.py BOOTSTRAP OUTPUT_DIR [--group G] [--until-games N] [--flush-ms 200]

Prints one line: games, rows, seconds from the first record to the last file, rows/s.
"""

import argparse
import datetime
import json
import os
import time

import pyarrow as pa
import pyarrow.parquet as pq
from confluent_kafka import Consumer, TopicPartition

TOPIC = "lib.server.lobby"
META_SCHEMA = pa.schema([("game_token", pa.string(), False), ("user_token", pa.string(), False),
                         ("superhero_id", pa.uint16(), False)])
PODIUM_SCHEMA = pa.schema([("game_token", pa.string(), False), ("user_token", pa.string(), False),
                           ("rank", pa.uint8(), False), ("rounds", pa.uint8(), False),
                           ("damage_received", pa.uint64(), False), ("damage_sent", pa.uint64(), False)])
ROWS_PER_WRITE = 50_000


class Game:
    def __init__(self, host: str, first_offset: int):
        self.host = host
        self.first_offset = first_offset
        self.players: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        self.received: dict[str, int] = {}
        self.defeated: list[tuple[str, int]] = []
        self.over: tuple[str, int] | None = None

    def rows(self, token: str) -> tuple[list[tuple], list[tuple]]:
        winner, rounds = self.over
        meta = [(token, user, hero) for user, hero in self.players.items()]
        ranking = [(winner, rounds)] + list(reversed(self.defeated))
        podium = [(token, user, rank, lasted, self.received.get(user, 0), self.sent.get(user, 0))
                  for rank, (user, lasted) in enumerate(ranking, start=1)]
        return meta, podium


def write(output: str, table: str, schema: pa.Schema, rows_by_date: dict[str, list[tuple]], name: str) -> None:
    for date, rows in rows_by_date.items():
        directory = os.path.join(output, table, f"date={date}")
        os.makedirs(directory, exist_ok=True)
        columns = list(zip(*rows))
        arrays = [pa.array(column, type=field.type) for column, field in zip(columns, schema)]
        temporary = os.path.join(directory, f".{name}.tmp")
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), temporary, compression="gzip")
        os.replace(temporary, os.path.join(directory, name))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bootstrap")
    parser.add_argument("output")
    parser.add_argument("--group", default=f"python-etl-{time.time_ns()}")
    parser.add_argument("--until-games", type=int, default=0, help="stop after this many games (0: never)")
    parser.add_argument("--flush-ms", type=int, default=200)
    arguments = parser.parse_args()

    consumer = Consumer({"bootstrap.servers": arguments.bootstrap, "group.id": arguments.group,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         # The same fetch settings as Kibitz's workers, so that neither waits longer on the broker.
                         "max.partition.fetch.bytes": 8388608, "queued.min.messages": 1000000})
    consumer.subscribe([TOPIC])
    games: dict[tuple[int, str], Game] = {}
    pending_meta: dict[str, list[tuple]] = {}
    pending_podium: dict[str, list[tuple]] = {}
    pending_rows = 0
    next_offsets: dict[int, int] = {}
    games_written = rows_written = files = 0
    first_record = last_write = None
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal pending_rows, rows_written, files, last_write, last_flush
        last_flush = time.monotonic()
        if pending_rows:
            name = f"part-{files}.parquet"
            write(arguments.output, "game_meta", META_SCHEMA, pending_meta, name)
            write(arguments.output, "game_podium", PODIUM_SCHEMA, pending_podium, name)
            files += 1
            rows_written += pending_rows
            pending_meta.clear()
            pending_podium.clear()
            pending_rows = 0
            last_write = time.monotonic()
        offsets = []
        for partition, next_offset in next_offsets.items():
            open_offsets = [game.first_offset for (p, _), game in games.items() if p == partition]
            offsets.append(TopicPartition(TOPIC, partition, min(open_offsets, default=next_offset)))
        if offsets:
            consumer.commit(offsets=offsets, asynchronous=False)

    while not arguments.until_games or games_written < arguments.until_games:
        for message in consumer.consume(10_000, 0.02):
            if message.error():
                continue
            if first_record is None:
                first_record = time.monotonic()
            partition = message.partition()
            next_offsets[partition] = message.offset() + 1
            try:
                record = json.loads(message.value())
                task, text = record["task"], record["log_message"]
                token = task["game_token"]
            except (ValueError, KeyError, TypeError):
                continue
            key = (partition, token)
            if text == "Lobby Created":
                games[key] = Game(task["user_token"], message.offset())
                continue
            game = games.get(key)
            if game is None:
                continue
            if text == "Player Joined":
                game.players[task["user_token"]] = task["superhero_id"]
            elif text == "Attack":
                game.sent[task["user_token"]] = game.sent.get(task["user_token"], 0) + task["damage"]
                game.received[task["target_token"]] = game.received.get(task["target_token"], 0) + task["damage"]
            elif text == "Player Defeated":
                game.defeated.append((task["user_token"], task["round"]))
            elif text == "Game Over":
                game.over = (task["winner_token"], task["rounds"])
            elif text == "Cleaning Game Records" and task["user_token"] == game.host:
                del games[key]
                meta, podium = game.rows(token)
                date = datetime.datetime.fromtimestamp(record["ts"] / 1000, datetime.timezone.utc).strftime("%Y-%m-%d")
                pending_meta.setdefault(date, []).extend(meta)
                pending_podium.setdefault(date, []).extend(podium)
                pending_rows += len(meta) + len(podium)
                games_written += 1
        if pending_rows >= ROWS_PER_WRITE or (time.monotonic() - last_flush) * 1000 >= arguments.flush_ms:
            flush()
    flush()
    consumer.close()
    seconds = (last_write or time.monotonic()) - (first_record or time.monotonic())
    print(f"python-etl games={games_written} rows={rows_written} seconds={seconds:.3f} "
          f"rows_per_second={rows_written / max(seconds, 1e-9):.0f}", flush=True)


if __name__ == "__main__":
    main()
