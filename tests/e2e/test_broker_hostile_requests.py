"""What an independent hostile review of the broker found, each as Apache Kafka 3.9 answers it:
fencing by the abort markers of a new instance, transactional writes outside a transaction,
decompression budgets and compression of old-format produce, partial messages, and the admin
requests Kafka refuses as bad."""

import gzip
import time

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from kafka_wire import legacy_gzip_wrapper, legacy_message, raw_record_batch, record
from schema_client import SchemaConnection


def create(server, name: str, partitions: int = 1) -> None:
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.create_topics([NewTopic(name, partitions)])[name].result()


def transactional_batch(values: list[bytes], producer_id: int, epoch: int, sequence: int) -> bytes:
    records = b"".join(record(value, delta) for delta, value in enumerate(values))
    return raw_record_batch(records, len(values), attributes=0x10, producer=(producer_id, epoch, sequence))


def produce(connection, topic: str, records: bytes, transactional_id=None, version: int = 8):
    answer = connection.call(0, version, transactional_id=transactional_id, acks=-1, timeout_ms=5000,
                             topic_data=[{"name": topic, "partition_data": [{"index": 0, "records": records}]}])
    return answer.responses[0].partition_responses[0]


def init(connection, transactional_id: str):
    answer = connection.call(22, 4, transactional_id=transactional_id, transaction_timeout_ms=60000,
                             producer_id=-1, producer_epoch=-1)
    assert answer.error_code == 0
    return answer.producer_id, answer.producer_epoch


def add_partition(connection, transactional_id: str, producer_id: int, epoch: int, topic: str) -> int:
    answer = connection.call(24, 3, v3_and_below_transactional_id=transactional_id,
                             v3_and_below_producer_id=producer_id, v3_and_below_producer_epoch=epoch,
                             v3_and_below_topics=[{"name": topic, "partitions": [0]}])
    return answer.results_by_topic_v3_and_below[0].results_by_partition[0].partition_error_code


def offsets(connection, topic: str) -> tuple[int, int]:
    """(high watermark, last stable offset) of partition 0."""
    def at(isolation: int) -> int:
        answer = connection.call(2, 5, replica_id=-1, isolation_level=isolation,
                                 topics=[{"name": topic, "partitions": [{"partition_index": 0, "timestamp": -1}]}])
        return answer.topics[0].partitions[0].offset
    return at(0), at(1)


def read_committed(server, topic: str) -> list[bytes]:
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": f"rc-{time.time()}",
                         "isolation.level": "read_committed", "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, 0, 0)])
    values, deadline = [], time.time() + 3
    while time.time() < deadline:
        message = consumer.poll(0.2)
        if message is not None and not message.error():
            values.append(message.value())
    consumer.close()
    return values


def test_a_new_instance_fences_the_zombie_at_the_partitions_too(kibitz_server):
    create(kibitz_server, "zombie")
    connection = SchemaConnection(kibitz_server.kafka_port)
    producer_id, epoch = init(connection, "tx-zombie")
    assert add_partition(connection, "tx-zombie", producer_id, epoch, "zombie") == 0
    assert produce(connection, "zombie", transactional_batch([b"z1"], producer_id, epoch, 0), "tx-zombie").error_code == 0
    assert init(connection, "tx-zombie") == (producer_id, epoch + 1)  # aborts z1 with the new epoch
    zombie = produce(connection, "zombie", transactional_batch([b"z2"], producer_id, epoch, 1), "tx-zombie")
    assert zombie.error_code in (47, 90)  # INVALID_PRODUCER_EPOCH / PRODUCER_FENCED
    high, stable = offsets(connection, "zombie")
    assert high == stable
    assert add_partition(connection, "tx-zombie", producer_id, epoch + 1, "zombie") == 0
    assert produce(connection, "zombie", transactional_batch([b"good"], producer_id, epoch + 1, 0), "tx-zombie").error_code == 0
    assert connection.call(26, 3, transactional_id="tx-zombie", producer_id=producer_id, producer_epoch=epoch + 1,
                           committed=True).error_code == 0
    assert read_committed(kibitz_server, "zombie") == [b"good"]


def test_transactional_writes_need_an_open_transaction_holding_the_partition(kibitz_server):
    create(kibitz_server, "guarded")
    connection = SchemaConnection(kibitz_server.kafka_port)
    refused = produce(connection, "guarded", transactional_batch([b"x"], 777777, 0, 0), transactional_id=None)
    assert refused.error_code == 53  # TRANSACTIONAL_ID_AUTHORIZATION_FAILED
    producer_id, epoch = init(connection, "tx-guarded")
    unadded = produce(connection, "guarded", transactional_batch([b"x"], producer_id, epoch, 0), "tx-guarded")
    assert unadded.error_code == 48  # INVALID_TXN_STATE: AddPartitionsToTxn first
    other = produce(connection, "guarded", transactional_batch([b"x"], producer_id, epoch, 0), "someone-else")
    assert other.error_code != 0
    assert offsets(connection, "guarded") == (0, 0)
    # Ending a transaction that never began is refused, as Kafka refuses it.
    answer = connection.call(26, 3, transactional_id="tx-guarded", producer_id=producer_id, producer_epoch=epoch,
                             committed=False)
    assert answer.error_code == 48


def test_old_format_compressed_produce_is_kept_compressed_and_budgeted(kibitz_server):
    create(kibitz_server, "legacy")
    connection = SchemaConnection(kibitz_server.kafka_port)
    # 2,000 × 1 KiB in one gzip wrapper: 2 MB raw, small on the wire, under max.message.bytes compressed.
    values = [bytes([65 + index % 26]) * 1024 for index in range(2000)]
    accepted = produce(connection, "legacy", legacy_gzip_wrapper(values, offset=1999), version=2)
    assert accepted.error_code == 0
    high, _ = offsets(connection, "legacy")
    assert high == 2000
    # Wrappers that together inflate past the 64 MiB budget are refused, and memory stays bounded.
    bomb_inner = legacy_message(b"\0" * (30 << 20))
    bomb = b"".join(legacy_message(gzip.compress(bomb_inner), offset=i, attributes=1) for i in range(4))
    refused = produce(connection, "legacy", bomb, version=2)
    assert refused.error_code != 0
    assert offsets(connection, "legacy")[0] == 2000
    status = open(f"/proc/{kibitz_server.process.pid}/status").read()
    peak_kib = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
    assert peak_kib < 1_000_000, f"peak resident memory {peak_kib} KiB"


def test_a_partial_old_format_message_is_corrupt(kibitz_server):
    create(kibitz_server, "partial")
    connection = SchemaConnection(kibitz_server.kafka_port)
    whole = legacy_message(b"whole", offset=0)
    cut = legacy_message(b"cut short", offset=1)[:-4]
    assert produce(connection, "partial", whole + cut, version=2).error_code == 2  # CORRUPT_MESSAGE
    assert offsets(connection, "partial")[0] == 0


def test_admin_requests_kafka_refuses_as_bad(kibitz_server):
    create(kibitz_server, "configured", 1)
    connection = SchemaConnection(kibitz_server.kafka_port)
    topic = {"resource_type": 2, "resource_name": "configured"}
    # Kafka's legacy AlterConfigs leaves null values out: the config returns to its default.
    null_value = connection.call(33, 1, resources=[{**topic, "configs": [{"name": "retention.ms", "value": None}]}])
    assert null_value.responses[0].error_code == 0
    change = {**topic, "configs": [{"name": "retention.ms", "config_operation": 0, "value": "5000"}]}
    same_resource = connection.call(44, 1, resources=[change, change])
    assert [r.error_code for r in same_resource.responses] == [42, 42]
    set_null = connection.call(44, 1, resources=[{**topic, "configs": [{"name": "retention.ms", "config_operation": 0,
                                                                         "value": None}]}])
    assert set_null.responses[0].error_code == 42
    assert connection.call(32, 4, resources=[{"resource_type": 2, "resource_name": "",
                                              "configuration_keys": None}]).results[0].error_code == 17
    assert connection.call(42, 2, groups_names=[""]).results[0].error_code == 24
    mismatched = connection.call(37, 3, topics=[{"name": "configured", "count": 2,
                                                 "assignments": [{"broker_ids": [1]}, {"broker_ids": [1]}]}],
                                 timeout_ms=5000, validate_only=False)
    assert mismatched.results[0].error_code == 39
    later_epoch = connection.call(23, 4, replica_id=-1, topics=[{"topic": "configured", "partitions": [
        {"partition": 0, "current_leader_epoch": -1, "leader_epoch": 5}]}])
    answer = later_epoch.topics[0].partitions[0]
    assert (answer.error_code, answer.leader_epoch, answer.end_offset) == (0, -1, -1)
    assert connection.call(60, 1, include_cluster_authorized_operations=False, endpoint_type=2).error_code == 115
    repeated = connection.call(3, 12, topics=[{"name": "configured"}] * 1000, allow_auto_topic_creation=False)
    assert [t.name for t in repeated.topics] == ["configured"]
