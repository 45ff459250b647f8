"""Fetch as librdkafka expects it: errored partitions with empty (not null) records, and the
fetch.max.bytes rule of KIP-74 (only the first partition with data may exceed the limit)."""

import struct
import subprocess

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from kafka_wire import Connection, request, string


def test_a_consumer_asking_past_the_end_resets_instead_of_spinning(kibitz_server):
    bootstrap = kibitz_server.bootstrap
    subprocess.run(["kcat", "-b", bootstrap, "-P", "-t", "t"], input="1\n2\n3\n4\n5\n", text=True, check=True)
    result = subprocess.run(
        ["kcat", "-b", bootstrap, "-C", "-t", "t", "-o", "100", "-e"], capture_output=True, text=True, timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert "offset reset" in result.stderr and "Reached end of topic t [0] at offset 5" in result.stderr


def fetch_record_sizes(port: int, topic: str, partitions: int, max_bytes: int) -> list[tuple[int, int]]:
    """Fetch v4 of every partition from offset 0: (error code, record bytes) per partition."""
    body = struct.pack(">iiiib", -1, 0, 1, max_bytes, 0) + struct.pack(">i", 1) + string(topic)
    body += struct.pack(">i", partitions) + b"".join(struct.pack(">iqi", index, 0, 1 << 20) for index in range(partitions))
    connection = Connection(port)
    connection.send(request(1, 4, 1, body))
    answer = connection.receive_frame()
    connection.close()
    position = 4 + 4 + 4  # correlation id, throttle time, topic count
    name_length = struct.unpack(">h", answer[position:position + 2])[0]
    position += 2 + name_length
    count = struct.unpack(">i", answer[position:position + 4])[0]
    position += 4
    result = []
    for _ in range(count):
        _, error = struct.unpack(">ih", answer[position:position + 6])
        position += 6 + 8 + 8  # high watermark, last stable offset
        aborted = struct.unpack(">i", answer[position:position + 4])[0]
        position += 4 + max(aborted, 0) * 16
        size = struct.unpack(">i", answer[position:position + 4])[0]
        assert size >= 0, "null records"
        position += 4 + size
        result.append((error, size))
    return result


def test_only_the_first_partition_with_data_may_exceed_fetch_max_bytes(kibitz_server):
    bootstrap = kibitz_server.bootstrap
    admin = AdminClient({"bootstrap.servers": bootstrap})
    admin.create_topics([NewTopic("wide", num_partitions=3)])["wide"].result(timeout=10)
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "message.max.bytes": 1_000_000})
    for partition in range(3):
        producer.produce("wide", b"x" * 100_000, partition=partition)
    producer.flush(10)

    # The limit below one batch: the first passes whole, so the consumer progresses.
    sizes = fetch_record_sizes(kibitz_server.kafka_port, "wide", 3, max_bytes=50_000)
    assert [error for error, _ in sizes] == [0, 0, 0]
    assert sizes[0][1] > 100_000 and sizes[1][1] == 0 and sizes[2][1] == 0
    # Room left after the first, but less than the next batch: that one waits for the next fetch.
    sizes = fetch_record_sizes(kibitz_server.kafka_port, "wide", 3, max_bytes=150_000)
    assert sizes[0][1] > 100_000 and sizes[1][1] == 0 and sizes[2][1] == 0

    # With room for everything, every partition returns its batch.
    assert all(size > 100_000 for _, size in fetch_record_sizes(kibitz_server.kafka_port, "wide", 3, 10_000_000))
