"""Topic administration, offsets by time and group listings through real clients."""

import time

import pytest
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from kafka import KafkaConsumer
from kafka.admin import KafkaAdminClient


def test_create_describe_and_delete_topics(kibitz_server):
    admin = AdminClient({"bootstrap.servers": kibitz_server.bootstrap})
    futures = admin.create_topics(
        [NewTopic("configured", num_partitions=4, replication_factor=1, config={"retention.ms": "3600000"})]
    )
    futures["configured"].result(timeout=10)
    metadata = admin.list_topics(timeout=10)
    assert len(metadata.topics["configured"].partitions) == 4

    again = admin.create_topics([NewTopic("configured", num_partitions=1, replication_factor=1)])
    with pytest.raises(KafkaException, match="TOPIC_ALREADY_EXISTS"):
        again["configured"].result(timeout=10)

    bad = admin.create_topics([NewTopic("bad/name", num_partitions=1, replication_factor=1)])
    with pytest.raises(KafkaException, match="TOPIC_EXCEPTION"):
        bad["bad/name"].result(timeout=10)

    replicated = admin.create_topics([NewTopic("replicated", num_partitions=1, replication_factor=3)])
    with pytest.raises(KafkaException, match="INVALID_REPLICATION_FACTOR"):
        replicated["replicated"].result(timeout=10)

    admin.delete_topics(["configured"])["configured"].result(timeout=10)
    assert "configured" not in admin.list_topics(timeout=10).topics
    assert "replicated" not in admin.list_topics(timeout=10).topics


def test_auto_creation_can_be_switched_off(kibitz_server_factory):
    server = kibitz_server_factory("--no-auto-create-topics")
    producer = Producer({"bootstrap.servers": server.bootstrap, "message.timeout.ms": 2000})
    errors = []
    producer.produce("nowhere", value=b"x", on_delivery=lambda error, message: errors.append(error))
    producer.flush(10)
    assert errors and errors[0] is not None
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    assert "nowhere" not in admin.list_topics(timeout=10).topics


def test_offsets_for_times_earliest_and_latest(kibitz_server):
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap, "linger.ms": 0})
    base = int(time.time() * 1000) - 100_000
    for index in range(10):
        producer.produce("timed", value=f"m{index}".encode(), timestamp=base + index * 1000)
        producer.flush(10)
    consumer = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "timer"})
    found = consumer.offsets_for_times([TopicPartition("timed", 0, base + 4500)], timeout=10)
    assert found[0].offset == 5
    assert consumer.offsets_for_times([TopicPartition("timed", 0, base + 999_999)], timeout=10)[0].offset == -1
    low, high = consumer.get_watermark_offsets(TopicPartition("timed", 0), timeout=10)
    assert (low, high) == (0, 10)
    consumer.close()


def test_groups_are_listed_and_described(kibitz_server):
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    producer.produce("watched", value=b"x")
    producer.flush(10)
    consumer = KafkaConsumer(
        "watched", bootstrap_servers=kibitz_server.bootstrap, group_id="watchers",
        auto_offset_reset="earliest", consumer_timeout_ms=5000,
    )
    assert next(iter(consumer)).value == b"x"
    admin = KafkaAdminClient(bootstrap_servers=kibitz_server.bootstrap)
    # ListGroups v4 (KIP-518) also names each group's state, as Kafka 3.x does.
    listed = {group["group_id"]: group for group in admin.list_groups()}
    assert listed["watchers"]["protocol_type"] == "consumer"
    assert listed["watchers"]["group_state"] == "Stable"
    description = admin.describe_groups(["watchers"])["watchers"]
    assert description["group_state"] == "Stable"
    [member] = description["members"]
    assert member["member_assignment"]["assigned_partitions"] == [{"topic": "watched", "partitions": [0]}]
    consumer.close()
    admin.close()
