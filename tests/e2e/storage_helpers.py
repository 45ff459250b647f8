"""Helpers for the storage tests: CreateTopics frames, reading answers, producing and consuming."""

import struct
import time

from confluent_kafka import Consumer, Producer, TopicPartition

from kafka_wire import Connection, request, string


def create_topics_frame(name: str, partitions: int, correlation_id: int = 1) -> bytes:
    """A CreateTopics v1 request for one topic, as `kafka-topics --create` sends it."""
    body = (
        struct.pack(">i", 1)
        + string(name)
        + struct.pack(">ihii", partitions, 1, 0, 0)
        + struct.pack(">i?", 30_000, False)
    )
    return request(19, 1, correlation_id, body)


def create_topics_answer(port: int, frame: bytes) -> tuple[int, str | None, float]:
    """Sends a CreateTopics frame; returns the topic's error code, message and the seconds taken."""
    connection = Connection(port)
    started = time.monotonic()
    connection.send(frame)
    response = connection.receive_frame()
    elapsed = time.monotonic() - started
    connection.close()
    # correlation id, topic count, name, error code, error message (v1)
    name_length = struct.unpack(">h", response[8:10])[0]
    position = 10 + name_length
    error_code = struct.unpack(">h", response[position : position + 2])[0]
    message_length = struct.unpack(">h", response[position + 2 : position + 4])[0]
    message = None if message_length < 0 else response[position + 4 : position + 4 + message_length].decode()
    return error_code, message, elapsed


def produce(bootstrap: str, topic: str, values: list[str], one_batch_each: bool = False) -> None:
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0 if one_batch_each else 5})
    for value in values:
        producer.produce(topic, value=value.encode())
        if one_batch_each:
            producer.flush(10)
    assert producer.flush(10) == 0


def consume_to_end(bootstrap: str, topic: str, partition: int = 0) -> tuple[list[tuple[int, str]], int]:
    """Every (offset, value) readable in a partition, and its high watermark."""
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"check-{time.monotonic_ns()}", "enable.auto.commit": False}
    )
    try:
        _, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=10)
        consumer.assign([TopicPartition(topic, partition, 0)])
        received: list[tuple[int, str]] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error():
                if received and received[-1][0] == high - 1:
                    break
                continue
            received.append((message.offset(), message.value().decode()))
            if message.offset() == high - 1:
                break
        return received, high
    finally:
        consumer.close()
