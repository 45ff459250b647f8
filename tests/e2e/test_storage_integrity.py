"""Damaged files in a stopped server's data directory: the server starts, names the damage in its
log, and consumers read everything readable up to the high watermark."""

import struct
import subprocess

import pytest
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import KibitzServer
from kafka_wire import Connection, produce_body, produce_error_code, record_batch, request
from storage_helpers import consume_to_end, produce

QUIET = ("--no-streams", "--arena-workers", "0")


def test_a_corrupt_topic_json_is_named_and_its_records_stay_readable(kibitz_server_factory):
    server = kibitz_server_factory(*QUIET)
    produce(server.bootstrap, "scores", [f"score-{number}" for number in range(10)])
    server.stop()
    metadata = server.data_dir / "topics" / "scores" / "topic.json"
    metadata.write_text('{"partitionCount": 1, "configur')
    (server.data_dir / "topics" / "games" / "topic.json").write_bytes(b"\x00" * 40)

    server.start()
    log = server.log_text()
    assert f"damaged {metadata}" in log
    assert f"damaged {server.data_dir / 'topics' / 'games' / 'topic.json'}" in log
    assert f"echo '{{\"partitionCount\":1,\"configuration\":{{}}}}' > {metadata}" in log
    received, high = consume_to_end(server.bootstrap, "scores")
    assert high == 10
    assert [value for _, value in received] == [f"score-{number}" for number in range(10)]
    produce(server.bootstrap, "scores", ["after"])
    assert consume_to_end(server.bootstrap, "scores")[1] == 11


def batch_positions(segment: bytes) -> list[tuple[int, int, int]]:
    """(position, base offset, total size) of each batch in a segment file."""
    positions = []
    position = 0
    while position + 12 <= len(segment):
        base_offset, length = struct.unpack(">qi", segment[position : position + 12])
        positions.append((position, base_offset, length + 12))
        position += length + 12
    return positions


def test_flipped_bytes_in_a_closed_segment_are_logged_and_skipped(kibitz_server_factory):
    server = kibitz_server_factory(*QUIET)
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic("moves-log", 1, 1, config={"segment.bytes": "600"})])["moves-log"].result(10)
    produce(server.bootstrap, "moves-log", [f"move-{number:02d}" for number in range(30)], one_batch_each=True)
    server.stop()

    partition = server.data_dir / "topics" / "moves-log" / "0"
    segments = sorted(partition.glob("*.log"))
    assert len(segments) > 2
    closed = bytearray(segments[1].read_bytes())
    position, lost_offset, size = batch_positions(bytes(closed))[1]
    closed[position + size - 3] ^= 0xFF
    segments[1].write_bytes(bytes(closed))

    server.start()
    received, high = consume_to_end(server.bootstrap, "moves-log")
    assert high == 30
    expected = [(number, f"move-{number:02d}") for number in range(30) if number != lost_offset]
    assert received == expected
    log = server.log_text()
    assert log.count("damaged batches") == 1
    assert f"offsets {lost_offset}...{lost_offset} of moves-log-0" in log
    assert str(segments[1]) in log


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MiB tmpfs: a disk that really fills up. Skips where mounting is not allowed (not root)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_answers_storage_error_and_recovers_when_space_returns(kibitz_binary, tmp_path, small_disk):
    server = KibitzServer(kibitz_binary, small_disk / "data", tmp_path / "serve.log", list(QUIET)).start()
    try:
        produce(server.bootstrap, "uploads", ["first"])
        ballast = small_disk / "ballast"
        ballast.write_bytes(b"\x00" * (512 * 1024))
        connection = Connection(server.kafka_port)
        codes = []
        for correlation_id in range(40):
            connection.send(request(0, 7, correlation_id, produce_body("uploads", 0, record_batch([b"x" * 200_000]))))
            codes.append(produce_error_code(connection.receive_frame()))
            if codes[-1] != 0:
                break
        assert codes[-1] == 56  # KAFKA_STORAGE_ERROR
        assert set(codes[:-1]) <= {0}
        accepted = len(codes) - 1
        log = server.log_text()
        assert log.count("appends refused until space returns") == 1
        segment = small_disk / "data" / "topics" / "uploads" / "0" / "00000000000000000000.log"
        assert f"disk full at {segment}" in log
        # Nothing half-written: the segment holds the accepted batches only.
        batches = batch_positions(segment.read_bytes())
        assert [offset for _, offset, _ in batches] == list(range(accepted + 1))
        assert sum(size for _, _, size in batches) == segment.stat().st_size

        ballast.unlink()
        connection.send(request(0, 7, 99, produce_body("uploads", 0, record_batch([b"after"]))))
        assert produce_error_code(connection.receive_frame()) == 0
        connection.close()
        assert "appends accepted again" in server.log_text()
        assert consume_to_end(server.bootstrap, "uploads")[1] == accepted + 2
    finally:
        server.stop()
