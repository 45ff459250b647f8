"""The chess statistics pipeline inside `kibitz serve`: moves produced with confluent-kafka go
through the one-minute tumbling count per game into `chess.moves_per_minute`, exactly once, even
when the server is killed with SIGKILL while events flow and then restarted."""

import collections
import json
import threading
import time

from confluent_kafka import Consumer, Producer

GAMES = 12
BASE_TS = 1_795_953_600_000  # 2026-11-23 12:00 UTC, a minute boundary
SPACING_MS = 50  # event time between consecutive moves
OUT_OF_ORDERNESS_MS = 1_000  # the pipeline's default allowed out-of-orderness


def move(index: int) -> tuple[str, str]:
    game = f"g{index % GAMES}"
    value = {
        "move_id": f"m{index}", "game_id": game, "ply": index // GAMES + 1, "color": "white", "by": "player",
        "uci": "e2e4", "san": "e4", "piece": "P", "from": "e2", "to": "e4", "fen": "x",
        "ts": BASE_TS + index * SPACING_MS,
    }
    return game, json.dumps(value)


def read_topic(bootstrap: str, topic: str, idle_seconds: float = 3.0) -> list[tuple[str | None, str]]:
    consumer = Consumer({
        "bootstrap.servers": bootstrap, "group.id": f"reader-{topic}-{time.monotonic()}",
        "auto.offset.reset": "earliest", "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    records = []
    idle_since = time.monotonic()
    while time.monotonic() - idle_since < idle_seconds:
        message = consumer.poll(0.2)
        if message is not None and message.error() is None:
            key = message.key().decode() if message.key() is not None else None
            records.append((key, message.value().decode()))
            idle_since = time.monotonic()
    consumer.close()
    return records


def expected_window_counts(moves: list[dict]) -> dict[tuple[str, int], int]:
    """The closed one-minute windows per game: those ending by the final watermark."""
    watermark = max(m["ts"] for m in moves) - OUT_OF_ORDERNESS_MS
    counts: dict[tuple[str, int], int] = collections.Counter()
    for m in moves:
        start = m["ts"] - m["ts"] % 60_000
        if start + 60_000 <= watermark:
            counts[(m["game_id"], start)] += 1
    return dict(counts)


def sink_counts(bootstrap: str) -> list[tuple[str, int, int]]:
    results = []
    for key, value in read_topic(bootstrap, "chess.moves_per_minute"):
        result = json.loads(value)
        assert key == result["key"]
        assert result["window_end"] - result["window_start"] == 60_000
        results.append((result["key"], result["window_start"], result["value"]))
    return results


def produce(bootstrap: str, indexes: range, pause_every: int = 0) -> None:
    producer = Producer({
        "bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True, "linger.ms": 5,
        "message.timeout.ms": 30_000, "reconnect.backoff.max.ms": 200,
    })
    for index in indexes:
        key, value = move(index)
        while True:
            try:
                producer.produce("moves", key=key, value=value)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
        if pause_every and index % pause_every == 0:
            time.sleep(0.01)
    assert producer.flush(30) == 0, "some moves were never acknowledged"


def test_moves_per_minute_and_dead_letters_in_serve(kibitz_server_factory):
    server = kibitz_server_factory("--streams-checkpoint-interval-ms", "100")
    produce(server.bootstrap, range(3_000))
    producer = Producer({"bootstrap.servers": server.bootstrap})
    producer.produce("moves", value=b"{not json")
    producer.flush(10)
    time.sleep(1.5)

    moves = [json.loads(value) for _, value in read_topic(server.bootstrap, "moves") if value.startswith("{\"")]
    expected = expected_window_counts(moves)
    assert len(expected) > 20
    results = sink_counts(server.bootstrap)
    assert sorted(results) == sorted((game, start, count) for (game, start), count in expected.items())

    letters = [json.loads(value) for _, value in read_topic(server.bootstrap, "chess-statistics.dead-letter")]
    assert len(letters) == 1
    assert letters[0]["topic"] == "moves" and letters[0]["value"] == "{not json"
    assert letters[0]["reason"]


def test_kill_minus_nine_while_moves_flow_loses_and_duplicates_nothing(kibitz_server_factory):
    server = kibitz_server_factory("--streams-checkpoint-interval-ms", "50", "--fsync", "always")
    total = 6_000
    killed = threading.Event()

    def kill_then_restart():
        time.sleep(1.0)
        server.kill()
        killed.set()
        time.sleep(0.5)
        server.start()

    chaos = threading.Thread(target=kill_then_restart)
    chaos.start()
    # The producer keeps going across the crash: idempotence and retries deliver each move once.
    produce(server.bootstrap, range(total), pause_every=50)
    chaos.join()
    assert killed.is_set()
    time.sleep(2.0)

    moves = [json.loads(value) for _, value in read_topic(server.bootstrap, "moves")]
    assert len({m["move_id"] for m in moves}) == len(moves), "the moves topic holds a move twice"
    expected = expected_window_counts(moves)
    results = sink_counts(server.bootstrap)
    keys = [(game, start) for game, start, _ in results]
    assert len(keys) == len(set(keys)), "a window result was emitted twice"
    assert sorted(results) == sorted((game, start, count) for (game, start), count in expected.items())
    assert "restored checkpoint" in server.log_text()
