"""Topic configs, partitions and record deletion through real admin clients, answered and enforced
as Apache Kafka does: DescribeConfigs, AlterConfigs, IncrementalAlterConfigs, CreatePartitions,
DeleteRecords, CreateTopics with configs, and log compaction of a compacted topic."""

import time

import pytest
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from kafka.admin import KafkaAdminClient
from kafka.admin import NewTopic as KafkaNewTopic
from kafka.errors import InvalidReplicationAssignmentError
from confluent_kafka.admin import (
    AdminClient,
    AlterConfigOpType,
    ConfigEntry,
    ConfigResource,
    ConfigSource,
    NewPartitions,
    NewTopic,
)


_CLIENTS: dict[tuple[int, int], AdminClient] = {}


def admin(server) -> AdminClient:
    """One admin client per server and port, kept alive while its futures complete."""
    key = (id(server), server.kafka_port)
    if key not in _CLIENTS:
        _CLIENTS[key] = AdminClient({"bootstrap.servers": server.bootstrap})
    return _CLIENTS[key]


def create(server, name: str, partitions: int = 1, **configs) -> None:
    admin(server).create_topics([NewTopic(name, partitions, config=configs)])[name].result()


def topic_configs(server, name: str) -> dict:
    resource = ConfigResource(ConfigResource.Type.TOPIC, name)
    return admin(server).describe_configs([resource])[resource].result()


def produce(server, topic: str, values: list[tuple[bytes | None, bytes | None]], partition: int = 0) -> None:
    producer = Producer({"bootstrap.servers": server.bootstrap})
    for key, value in values:
        producer.produce(topic, key=key, value=value, partition=partition)
    assert producer.flush(10) == 0


def read_all(server, topic: str, partition: int = 0) -> list:
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": f"r{time.time()}", "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, partition, -2)])
    messages = []
    while (message := consumer.poll(2.0)) is not None:
        assert message.error() is None, message.error()
        messages.append(message)
    consumer.close()
    return messages


def test_describe_shows_every_config_with_its_source_and_alters_persist(kibitz_server_factory):
    server = kibitz_server_factory()
    create(server, "tuned", **{"retention.ms": "3600000"})
    configs = topic_configs(server, "tuned")
    assert configs["retention.ms"].value == "3600000"
    assert configs["retention.ms"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert configs["segment.bytes"].value == "1073741824"
    assert configs["segment.bytes"].source == ConfigSource.DEFAULT_CONFIG.value
    assert len(configs) >= 30

    resource = ConfigResource(
        ConfigResource.Type.TOPIC,
        "tuned",
        incremental_configs=[
            ConfigEntry("cleanup.policy", "compact", incremental_operation=AlterConfigOpType.APPEND),
            ConfigEntry("max.message.bytes", "2048", incremental_operation=AlterConfigOpType.SET),
            ConfigEntry("retention.ms", None, incremental_operation=AlterConfigOpType.DELETE),
        ],
    )
    admin(server).incremental_alter_configs([resource])[resource].result()
    server.restart()
    configs = topic_configs(server, "tuned")
    assert configs["cleanup.policy"].value == "delete,compact"
    assert configs["max.message.bytes"].value == "2048"
    assert configs["retention.ms"].value == "604800000"
    assert configs["retention.ms"].source == ConfigSource.DEFAULT_CONFIG.value


def test_bad_alterations_change_nothing_and_say_why(kibitz_server):
    create(kibitz_server, "guarded", **{"retention.ms": "60000"})
    client = admin(kibitz_server)
    for entries in ([ConfigEntry("retention.ms", "soon", incremental_operation=AlterConfigOpType.SET)],
                    [ConfigEntry("no.such.config", "1", incremental_operation=AlterConfigOpType.SET)]):
        resource = ConfigResource(ConfigResource.Type.TOPIC, "guarded", incremental_configs=entries)
        with pytest.raises(KafkaException) as refused:
            client.incremental_alter_configs([resource])[resource].result()
        assert refused.value.args[0].name() == "INVALID_CONFIG"
    missing = ConfigResource(ConfigResource.Type.TOPIC, "absent", incremental_configs=[
        ConfigEntry("retention.ms", "1", incremental_operation=AlterConfigOpType.SET)])
    with pytest.raises(KafkaException) as unknown:
        client.incremental_alter_configs([missing])[missing].result()
    assert unknown.value.args[0].name() == "UNKNOWN_TOPIC_OR_PART"
    assert topic_configs(kibitz_server, "guarded")["retention.ms"].value == "60000"


def test_full_alter_configs_replaces_and_max_message_bytes_is_enforced(kibitz_server):
    create(kibitz_server, "small", **{"retention.ms": "60000"})
    resource = ConfigResource(ConfigResource.Type.TOPIC, "small", set_config={"max.message.bytes": "200"})
    admin(kibitz_server).alter_configs([resource])[resource].result()
    configs = topic_configs(kibitz_server, "small")
    assert configs["retention.ms"].source == ConfigSource.DEFAULT_CONFIG.value  # replaced whole
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap, "enable.idempotence": False})
    errors = []
    producer.produce("small", value=b"x" * 500, on_delivery=lambda error, message: errors.append(error))
    producer.flush(10)
    assert errors[0] is not None and errors[0].name() == "MSG_SIZE_TOO_LARGE"


def test_log_append_time_is_stamped_by_the_broker(kibitz_server):
    create(kibitz_server, "stamped", **{"message.timestamp.type": "LogAppendTime"})
    before = int(time.time() * 1000)
    produce(kibitz_server, "stamped", [(b"k", b"v")])
    [message] = read_all(kibitz_server, "stamped")
    kind, stamp = message.timestamp()
    assert kind == 2  # TIMESTAMP_LOG_APPEND_TIME
    assert before - 1000 <= stamp <= int(time.time() * 1000) + 1000


def test_broker_defaults_are_described_read_only(kibitz_server):
    resource = ConfigResource(ConfigResource.Type.BROKER, "1")
    configs = admin(kibitz_server).describe_configs([resource])[resource].result()
    assert configs["log.retention.ms"].is_read_only
    altered = ConfigResource(ConfigResource.Type.BROKER, "1", set_config={"log.retention.ms": "1"})
    with pytest.raises(KafkaException):
        admin(kibitz_server).alter_configs([altered])[altered].result()


def test_create_partitions_grows_and_refuses_shrinking(kibitz_server_factory):
    server = kibitz_server_factory()
    create(server, "growing", 1)
    client = admin(server)
    client.create_partitions([NewPartitions("growing", 3)])["growing"].result()
    produce(server, "growing", [(None, b"in the new partition")], partition=2)
    with pytest.raises(KafkaException) as refused:
        client.create_partitions([NewPartitions("growing", 2)])["growing"].result()
    assert refused.value.args[0].name() == "INVALID_PARTITIONS"
    server.restart()
    assert len(admin(server).list_topics("growing", timeout=10).topics["growing"].partitions) == 3
    assert [m.value() for m in read_all(server, "growing", 2)] == [b"in the new partition"]


def test_delete_records_moves_the_start_and_survives_a_restart(kibitz_server_factory):
    server = kibitz_server_factory()
    create(server, "trimmed", 1)
    produce(server, "trimmed", [(None, f"{i}".encode()) for i in range(10)])
    cut = TopicPartition("trimmed", 0, 4)
    assert admin(server).delete_records([cut])[cut].result().low_watermark == 4  # the new low watermark
    server.restart()
    assert [m.offset() for m in read_all(server, "trimmed")] == list(range(4, 10))
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "watermarks"})
    assert consumer.get_watermark_offsets(TopicPartition("trimmed", 0), timeout=10) == (4, 10)
    consumer.close()
    beyond = TopicPartition("trimmed", 0, 99)
    with pytest.raises(KafkaException) as refused:
        admin(server).delete_records([beyond])[beyond].result()
    assert refused.value.args[0].name() == "OFFSET_OUT_OF_RANGE"


def test_create_topics_takes_a_replica_assignment_naming_this_broker(kibitz_server):
    client = KafkaAdminClient(bootstrap_servers=kibitz_server.bootstrap)
    placed = KafkaNewTopic("placed", num_partitions=-1, replication_factor=-1, replica_assignments={0: [1], 1: [1]})
    client.create_topics([placed])
    assert len(admin(kibitz_server).list_topics("placed", timeout=10).topics["placed"].partitions) == 2
    misplaced = KafkaNewTopic("misplaced", num_partitions=-1, replication_factor=-1, replica_assignments={0: [7]})
    with pytest.raises(InvalidReplicationAssignmentError):
        client.create_topics([misplaced])
    client.close()


def test_a_compacted_topic_keeps_the_latest_value_per_key(kibitz_server_factory):
    server = kibitz_server_factory("--log-cleaner-interval-ms", "200")
    create(server, "profiles", 1, **{"cleanup.policy": "compact", "segment.bytes": "1024",
                                     "min.cleanable.dirty.ratio": "0.01", "delete.retention.ms": "0"})
    for round_number in range(5):
        produce(server, "profiles", [(f"user{k}".encode(), f"v{round_number}".encode() * 20) for k in range(5)])
    produce(server, "profiles", [(b"user0", None)])  # a tombstone
    produce(server, "profiles", [(b"filler", b"x" * 1100)])  # rolls the segment so the rest is cleanable
    deadline = time.time() + 20
    while time.time() < deadline:
        messages = read_all(server, "profiles")
        latest = {m.key(): m.value() for m in messages}
        if len(messages) <= 7:
            break
        time.sleep(0.3)
    assert len(messages) <= 7, f"not compacted: {len(messages)} records"
    assert latest[b"user3"] == b"v4" * 20
    assert b"user0" not in latest or latest[b"user0"] is None
    offsets = [m.offset() for m in messages]
    assert offsets == sorted(offsets) and offsets[-1] == 26
    producer = Producer({"bootstrap.servers": server.bootstrap})
    errors = []
    producer.produce("profiles", value=b"no key", on_delivery=lambda error, message: errors.append(error))
    producer.flush(10)
    assert errors[0] is not None  # a compacted topic refuses records without a key
