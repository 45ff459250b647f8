"""Issue 12: every Kibitz writer places a key where the Java client's default partitioner does,
which librdkafka calls `murmur2_random`. A confluent-kafka producer set to it and the chess
statistics pipeline's sink must agree on every key's partition."""

import json
import time

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

from process_health import assert_settles

SINK = "chess.moves_per_minute"
PARTITIONS = 4
GAMES = 24
BASE_TS = 1_795_953_600_000  # a minute boundary: the windows of the first minutes close quickly


def recreate(admin: AdminClient, topic: str, partitions: int) -> None:
    for future in admin.delete_topics([topic], operation_timeout=10).values():
        future.result(timeout=10)
    deadline = time.monotonic() + 10
    while True:
        futures = admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])
        try:
            for future in futures.values():
                future.result(timeout=10)
            return
        except Exception:  # the sink may create it again (one partition) between the two calls
            assert time.monotonic() < deadline, f"could not re-create {topic}"
            for future in admin.delete_topics([topic], operation_timeout=10).values():
                future.result(timeout=10)


def librdkafka_partitions(bootstrap: str, keys: list[str]) -> dict[str, int]:
    """Where confluent-kafka with the Java-compatible partitioner puts each key."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic("reference", num_partitions=PARTITIONS)]).values():
        future.result(timeout=10)
    placed: dict[str, int] = {}
    producer = Producer({"bootstrap.servers": bootstrap, "partitioner": "murmur2_random"})
    for key in keys:
        producer.produce(
            "reference", key=key, value=b"x",
            on_delivery=lambda error, message: placed.__setitem__(message.key().decode(), message.partition()),
        )
    assert producer.flush(10) == 0
    return placed


def sink_partitions(bootstrap: str, expected_keys: int) -> dict[str, set[int]]:
    consumer = Consumer({
        "bootstrap.servers": bootstrap, "group.id": "partitioning-reader",
        "auto.offset.reset": "earliest", "enable.auto.commit": False,
    })
    consumer.subscribe([SINK])
    placed: dict[str, set[int]] = {}
    deadline = time.monotonic() + 20
    while len(placed) < expected_keys and time.monotonic() < deadline:
        message = consumer.poll(0.2)
        if message is not None and message.error() is None:
            placed.setdefault(message.key().decode(), set()).add(message.partition())
    consumer.close()
    return placed


def test_pipeline_sink_places_keys_where_confluent_kafka_murmur2_random_does(kibitz_server_factory):
    server = kibitz_server_factory("--streams-checkpoint-interval-ms", "100")
    recreate(AdminClient({"bootstrap.servers": server.bootstrap}), SINK, PARTITIONS)

    # Game ids of assorted shapes, as keys: ASCII of every length mod 4, unicode, long.
    games = [f"g{index}" for index in range(GAMES - 2)] + ["partie-é♞", "a-rather-longer-game-identifier"]
    producer = Producer({"bootstrap.servers": server.bootstrap, "acks": "all"})
    # Two minutes of moves per game; the second minute's moves close the first minute's windows.
    for index in range(GAMES * 40):
        game = games[index % GAMES]
        value = {
            "move_id": f"m{index}", "game_id": game, "ply": index // GAMES + 1, "color": "white", "by": "player",
            "uci": "e2e4", "san": "e4", "piece": "P", "from": "e2", "to": "e4", "fen": "x",
            "ts": BASE_TS + index * 125,
        }
        producer.produce("moves", key=game, value=json.dumps(value))
    assert producer.flush(10) == 0

    sink = sink_partitions(server.bootstrap, expected_keys=GAMES)
    assert set(sink) == set(games)
    expected = librdkafka_partitions(server.bootstrap, games)
    for game in games:
        assert sink[game] == {expected[game]}, game
    assert len(set(expected.values())) > 1, "the keys should spread over the partitions"
    assert_settles(server)
