"""Finding 1 of issue 11: a batch whose header and CRC are right but whose records are not is refused
whole, as Kafka's LogValidator does, so nothing unreadable reaches a topic that pipelines read."""

import gzip
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import consume_all
from kafka_wire import (
    Connection, produce_body, produce_error_code, raw_record_batch, record, record_batch, request, varint,
)
from process_health import assert_settles

REPRO = Path(__file__).resolve().parents[3] / "shared" / "repro" / "poison-produce-request.bin"
APP_TOPICS = ["games", "moves", "events", "shop.events", "f1.leaderboard.results", "lib.server.lobby"]
CORRUPT_MESSAGE = 2
INVALID_RECORD = 87


def high_watermark(bootstrap: str, topic: str) -> int:
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "watermark-probe"})
    try:
        return consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)[1]
    finally:
        consumer.close()


def wait_for_topic(bootstrap: str, topic: str) -> None:
    """Waits until the topic exists: created by its app at start, or now by this metadata request."""
    import time

    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        metadata = admin.list_topics(topic=topic, timeout=5)
        if metadata.topics.get(topic) and metadata.topics[topic].partitions:
            return
        time.sleep(0.1)
    raise TimeoutError(f"topic {topic} never appeared")



def produce_raw(port: int, topic: str, batch: bytes) -> int:
    connection = Connection(port)
    try:
        connection.send(request(0, 7, 7, produce_body(topic, 0, batch)))
        return produce_error_code(connection.receive_frame())
    finally:
        connection.close()


HOSTILE_BATCHES = {
    # A record length that is a bad varint, then text: the repro's shape.
    "bad varint": (raw_record_batch(b"\xff" * 11 + b"not a record", 1), CORRUPT_MESSAGE),
    # The record claims more bytes than the batch holds.
    "length past the end": (raw_record_batch(varint(500) + b"\x00\x00\x00", 1), CORRUPT_MESSAGE),
    # Two records announced, one present.
    "missing record": (raw_record_batch(record(b"{}", 0), 2), CORRUPT_MESSAGE),
    # A good record followed by bytes no record accounts for.
    "trailing bytes": (raw_record_batch(record(b"{}", 0) + b"\x01\x02\x03", 1), CORRUPT_MESSAGE),
    # A record whose header count runs past its end.
    "headers past the end": (
        raw_record_batch(varint(7) + b"\x00" + varint(0) + varint(0) + varint(-1) + varint(-1) + varint(40), 1),
        CORRUPT_MESSAGE,
    ),
    # gzip named in the attributes, but the bytes are not gzip.
    "compressed garbage": (raw_record_batch(b"this is not gzip at all", 1, attributes=1), CORRUPT_MESSAGE),
    # gzip that inflates to records that do not parse.
    "compressed bad record": (raw_record_batch(gzip.compress(b"\xff" * 20), 1, attributes=1), CORRUPT_MESSAGE),
    # Offsets deltas that skip a number.
    "offset delta gap": (raw_record_batch(record(b"{}", 0) + record(b"{}", 5), 2), INVALID_RECORD),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BATCHES))
def test_a_batch_with_a_bad_record_is_refused_and_appends_nothing(kibitz_server, name):
    batch, expected = HOSTILE_BATCHES[name]
    subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-P", "-t", "safe"], input="one\ntwo\n",
        text=True, check=True, timeout=30,
    )
    assert produce_raw(kibitz_server.kafka_port, "safe", batch) == expected
    # A good batch and a bad one in one request: all or nothing.
    assert produce_raw(kibitz_server.kafka_port, "safe", record_batch([b"three"]) + batch) == expected
    assert high_watermark(kibitz_server.bootstrap, "safe") == 2
    assert consume_all(kibitz_server.bootstrap, "safe") == ["one", "two"]


def test_the_repro_frame_is_refused_with_corrupt_message(kibitz_server):
    frame = REPRO.read_bytes()
    wait_for_topic(kibitz_server.bootstrap, "f1.leaderboard.results")
    connection = Connection(kibitz_server.kafka_port)
    connection.send(frame)
    assert produce_error_code(connection.receive_frame()) == CORRUPT_MESSAGE
    connection.close()
    assert high_watermark(kibitz_server.bootstrap, "f1.leaderboard.results") == 0
    assert_settles(kibitz_server)


def test_poison_in_every_app_topic_leaves_the_server_idle_and_restartable(kibitz_server_factory):
    server = kibitz_server_factory("--demo")
    poison = HOSTILE_BATCHES["bad varint"][0]
    for topic in APP_TOPICS:
        wait_for_topic(server.bootstrap, topic)
        assert produce_raw(server.kafka_port, topic, poison) == CORRUPT_MESSAGE
    assert "skipping an unreadable batch" not in server.log_text()
    server.restart()
    assert server.process.poll() is None
    # The demo keeps both cores partly busy; a spinning pipeline would take a whole one.
    assert_settles(server, within=3.0, max_cpu_share=0.8)
    assert "skipping an unreadable batch" not in server.log_text()


def test_clients_may_not_write_control_records(kibitz_server):
    """A transaction marker from a client would stop librdkafka consumers at it (Kafka refuses it)."""
    subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-P", "-t", "safe"], input="before\n", text=True, check=True, timeout=30,
    )
    control = raw_record_batch(record(b"v", 0), 1, attributes=0x20)
    assert produce_raw(kibitz_server.kafka_port, "safe", control) == INVALID_RECORD
    subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-P", "-t", "safe"], input="after\n", text=True, check=True, timeout=30,
    )
    assert consume_all(kibitz_server.bootstrap, "safe") == ["before", "after"]


def test_a_small_batch_of_millions_of_empty_records_costs_only_its_bytes(kibitz_server):
    """Validation keeps nothing per record: 3 million empty records (27 MB once inflated, 0.1 MB
    compressed) cost about their decompressed bytes, not an entry per record."""
    from confluent_kafka.admin import AdminClient, NewTopic
    from process_health import resident_bytes

    admin = AdminClient({"bootstrap.servers": kibitz_server.bootstrap})
    admin.create_topics([NewTopic("bomb", 1, config={"max.message.bytes": "100000000"})])["bomb"].result(timeout=10)
    count = 3_000_000
    records = b"".join(record(b"", delta) for delta in range(count))
    batch = raw_record_batch(gzip.compress(records, compresslevel=1), count, attributes=1)
    before = resident_bytes(kibitz_server.process.pid)
    assert produce_raw(kibitz_server.kafka_port, "bomb", batch) == 0
    grown = resident_bytes(kibitz_server.process.pid) - before
    assert grown < 120 * 1024 * 1024, f"{grown / 1e6:.0f} MB for one batch of empty records"
    assert high_watermark(kibitz_server.bootstrap, "bomb") == count


def test_offset_metadata_is_bounded_as_in_kafka(kibitz_server):
    from confluent_kafka import Consumer, KafkaException, TopicPartition

    subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-P", "-t", "safe"], input="one\n", text=True, check=True, timeout=30,
    )
    consumer = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "metadata-check"})
    # confluent-kafka sends a string's terminating NUL too: 4,095 characters are 4,096 bytes.
    consumer.commit(offsets=[TopicPartition("safe", 0, 1, metadata="x" * 4095)], asynchronous=False)
    try:
        consumer.commit(offsets=[TopicPartition("safe", 0, 2, metadata="x" * 4096)], asynchronous=False)
        raise AssertionError("4,097 bytes of metadata were accepted")
    except KafkaException as error:
        assert error.args[0].code() == 12, error  # OFFSET_METADATA_TOO_LARGE
    committed = consumer.committed([TopicPartition("safe", 0)], timeout=10)[0]
    assert committed.offset == 1 and len(committed.metadata) == 4095
    consumer.close()


def test_replication_factor_zero_and_colliding_names_are_refused(kibitz_server):
    from confluent_kafka.admin import AdminClient, NewTopic

    admin = AdminClient({"bootstrap.servers": kibitz_server.bootstrap})
    try:
        admin.create_topics([NewTopic("zero", 1, replication_factor=0)])["zero"].result(timeout=10)
        raise AssertionError("replication factor 0 was accepted")
    except Exception as error:  # KafkaException from the future
        assert "larger than 0" in str(error), error
    admin.create_topics([NewTopic("a.b", 1)])["a.b"].result(timeout=10)
    try:
        admin.create_topics([NewTopic("a_b", 1)])["a_b"].result(timeout=10)
        raise AssertionError("a_b was created beside a.b")
    except Exception as error:
        assert "collides with the existing topic 'a.b'" in str(error), error
