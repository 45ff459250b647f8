"""Hostile and broken input: an error code or a closed connection, never a crash or a damaged log."""

import struct
import subprocess

import pytest

from conftest import consume_all
from kafka_wire import Connection, produce_body, produce_error_code, record_batch, request



@pytest.fixture
def seeded(kibitz_server):
    """A server whose topic `safe` already holds three good messages."""
    subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-P", "-t", "safe"], input="one\ntwo\nthree\n",
        text=True, check=True, timeout=30,
    )
    return kibitz_server


def assert_still_healthy(server) -> None:
    assert server.process.poll() is None, "the broker died"
    assert consume_all(server.bootstrap, "safe") == ["one", "two", "three"]


def test_corrupt_crc_is_refused_and_appends_nothing(seeded):
    good = record_batch([b"good"])
    corrupt = bytearray(record_batch([b"evil"]))
    corrupt[-3] ^= 0x40
    connection = Connection(seeded.kafka_port)
    for correlation_id, records in enumerate([bytes(corrupt), good + bytes(corrupt)]):
        connection.send(request(0, 7, correlation_id, produce_body("safe", 0, records)))
        response = connection.receive_frame()
        assert struct.unpack(">i", response[:4])[0] == correlation_id
        assert produce_error_code(response) == 2  # CORRUPT_MESSAGE
    connection.close()
    assert_still_healthy(seeded)


def test_truncated_frame_then_disconnect(seeded):
    connection = Connection(seeded.kafka_port)
    frame = request(3, 1, 1, struct.pack(">i", -1))
    connection.send(frame[: len(frame) // 2])
    connection.close()
    assert_still_healthy(seeded)


def test_truncated_body_inside_a_whole_frame_closes_the_connection(seeded):
    connection = Connection(seeded.kafka_port)
    body = produce_body("safe", 0, record_batch([b"x"]))[:7]
    connection.send(request(0, 7, 1, body))
    assert connection.is_closed_by_peer()
    assert_still_healthy(seeded)


def test_oversized_frame_closes_the_connection(seeded):
    connection = Connection(seeded.kafka_port)
    connection.send(struct.pack(">i", 2_000_000_000) + b"\x00" * 64)
    assert connection.is_closed_by_peer()
    negative = Connection(seeded.kafka_port)
    negative.send(struct.pack(">i", -7))
    assert negative.is_closed_by_peer()
    assert_still_healthy(seeded)


def test_unknown_api_key_and_version_close_the_connection(seeded):
    for api_key, version in [(999, 0), (3, 99), (0, 0)]:
        connection = Connection(seeded.kafka_port)
        connection.send(request(api_key, version, 1, b""))
        assert connection.is_closed_by_peer(), (api_key, version)
    assert_still_healthy(seeded)


def test_newer_api_versions_request_gets_the_table_with_unsupported_version(seeded):
    connection = Connection(seeded.kafka_port)
    connection.send(request(18, 9, 42, b"\x00"))
    response = connection.receive_frame()
    correlation_id, error_code, count = struct.unpack(">ihi", response[:10])
    assert (correlation_id, error_code) == (42, 35)
    keys = {struct.unpack(">h", response[10 + 6 * i : 12 + 6 * i])[0] for i in range(count)}
    assert {0, 1, 2, 3, 18} <= keys
    assert_still_healthy(seeded)


def test_garbage_bytes_close_only_their_connection(seeded):
    bystander = Connection(seeded.kafka_port)
    attacker = Connection(seeded.kafka_port)
    garbage = bytes((index * 151 + 7) % 256 for index in range(2044))
    attacker.send(struct.pack(">i", len(garbage)) + garbage)
    assert attacker.is_closed_by_peer()
    bystander.send(request(18, 2, 7, b""))
    assert struct.unpack(">i", bystander.receive_frame()[:4])[0] == 7
    assert_still_healthy(seeded)


def test_invalid_topic_names_and_partitions_are_errors(seeded):
    connection = Connection(seeded.kafka_port)
    connection.send(request(0, 7, 1, produce_body("safe", 9, record_batch([b"x"]))))
    assert produce_error_code(connection.receive_frame()) == 3  # UNKNOWN_TOPIC_OR_PARTITION
    connection.send(request(0, 7, 2, produce_body("bad name!", 0, record_batch([b"x"]))))
    assert produce_error_code(connection.receive_frame()) in (3, 17)
    assert_still_healthy(seeded)


def test_a_valid_hand_made_batch_is_stored(seeded):
    connection = Connection(seeded.kafka_port)
    connection.send(request(0, 7, 1, produce_body("safe", 0, record_batch([b"four"]))))
    assert produce_error_code(connection.receive_frame()) == 0
    assert consume_all(seeded.bootstrap, "safe") == ["one", "two", "three", "four"]
