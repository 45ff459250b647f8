"""kafka-python against a running kibitz serve: produce, then consume in a group."""

import time

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic


def test_produce_and_consume_in_a_group(kibitz_server):
    admin = KafkaAdminClient(bootstrap_servers=kibitz_server.bootstrap)
    admin.create_topics([NewTopic("pythonic", num_partitions=3, replication_factor=1)])
    admin.close()

    producer = KafkaProducer(bootstrap_servers=kibitz_server.bootstrap, acks="all", linger_ms=5)
    futures = [producer.send("pythonic", key=f"k{i}".encode(), value=f"v{i}".encode()) for i in range(500)]
    metadata = [future.get(timeout=20) for future in futures]
    producer.close()
    assert {record.partition for record in metadata} == {0, 1, 2}

    consumer = KafkaConsumer(
        "pythonic",
        bootstrap_servers=kibitz_server.bootstrap,
        group_id="python-group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=15000,
    )
    values = []
    deadline = time.monotonic() + 30
    for message in consumer:
        values.append(message.value.decode())
        if len(values) == 500 or time.monotonic() > deadline:
            break
    consumer.commit()
    committed = sum(consumer.committed(tp) or 0 for tp in consumer.assignment())
    consumer.close()
    assert sorted(values) == sorted(f"v{i}" for i in range(500))
    assert committed == 500
