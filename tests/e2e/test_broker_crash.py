"""kill -9 during a steady acks=all produce with --fsync always: no acknowledged message is lost."""

import threading
import time

from confluent_kafka import Consumer, Producer


def test_every_acknowledged_message_survives_kill_minus_nine(kibitz_server_factory):
    server = kibitz_server_factory("--fsync", "always")
    producer = Producer(
        {
            "bootstrap.servers": server.bootstrap,
            "acks": "all",
            "linger.ms": 2,
            "message.timeout.ms": 3000,
            "reconnect.backoff.max.ms": 200,
        }
    )
    acknowledged: list[tuple[int, str]] = []

    def delivered(error, message):
        if error is None:
            acknowledged.append((message.offset(), message.value().decode()))

    killer = threading.Timer(2.0, server.kill)
    killer.start()
    number = 0
    deadline = time.monotonic() + 4.0
    while time.monotonic() < deadline:
        try:
            producer.produce("steady", value=f"message-{number:07d}", on_delivery=delivered)
            number += 1
        except BufferError:
            pass
        producer.poll(0)
        if number % 100 == 0:
            time.sleep(0.001)
    producer.flush(5)
    killer.join()
    assert len(acknowledged) > 1000, "too few messages were acknowledged before the kill to mean anything"

    server.start()
    consumer = Consumer(
        {"bootstrap.servers": server.bootstrap, "group.id": "after-crash", "auto.offset.reset": "earliest"}
    )
    consumer.subscribe(["steady"])
    stored: list[tuple[int, str]] = []
    idle_since = time.monotonic()
    while time.monotonic() - idle_since < 3:
        message = consumer.poll(0.5)
        if message is not None and message.error() is None:
            stored.append((message.offset(), message.value().decode()))
            idle_since = time.monotonic()
    consumer.close()

    stored_by_offset = dict(stored)
    values = [value for _, value in stored]
    assert len(values) == len(set(values)), "a message is stored twice"
    assert values == sorted(values), "messages are out of order"
    lost = [(offset, value) for offset, value in acknowledged if stored_by_offset.get(offset) != value]
    assert lost == [], f"{len(lost)} acknowledged messages lost, first {lost[:3]}"
