"""Kafka transactions through librdkafka (confluent-kafka) and kafka-python: committed and
aborted transactions interleaved, read_committed consumers see exactly the committed records,
read_uncommitted ones see all; consume-transform-produce commits its offsets with the output;
fencing of an old instance; a transaction left open by kill -9 is aborted at restart."""

import os
import signal
import time

import pytest
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from schema_client import CLASSES, SchemaConnection


def create(server, *names: str, partitions: int = 2) -> None:
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    for future in admin.create_topics([NewTopic(name, partitions) for name in names]).values():
        future.result()


def transactional(server, transactional_id: str, **extra) -> Producer:
    producer = Producer({"bootstrap.servers": server.bootstrap, "transactional.id": transactional_id, **extra})
    producer.init_transactions(10)
    return producer


def read(server, topic: str, isolation: str, expected: int | None = None, wait: float = 2.0) -> list[bytes]:
    consumer = Consumer({
        "bootstrap.servers": server.bootstrap,
        "group.id": f"reader-{isolation}-{time.time()}",
        "auto.offset.reset": "earliest",
        "isolation.level": isolation,
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    values = []
    deadline = time.time() + 15
    idle_since = time.time()
    while time.time() < deadline:
        message = consumer.poll(0.2)
        if message is None:
            if (expected is None or len(values) >= expected) and time.time() - idle_since > wait:
                break
            continue
        idle_since = time.time()
        if message.error():
            continue
        values.append(message.value())
    consumer.close()
    return sorted(values)


def test_read_committed_sees_exactly_the_committed_transactions(kibitz_server):
    create(kibitz_server, "ledger")
    producer = transactional(kibitz_server, "bank-1")
    committed = []
    for round_number in range(6):
        producer.begin_transaction()
        values = [f"r{round_number}-{i}".encode() for i in range(5)]
        for value in values:
            producer.produce("ledger", value=value)
        producer.flush(10)  # in the log before the decision, so aborted records are there to skip
        if round_number % 2 == 0:
            producer.commit_transaction(10)
            committed += values
        else:
            producer.abort_transaction(10)
    plain = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    plain.produce("ledger", value=b"outside")
    plain.flush(10)
    assert read(kibitz_server, "ledger", "read_committed", expected=len(committed) + 1) == sorted(committed + [b"outside"])
    assert len(read(kibitz_server, "ledger", "read_uncommitted", expected=31)) == 31


def test_an_open_transaction_holds_back_read_committed_readers(kibitz_server):
    create(kibitz_server, "pending", partitions=1)
    producer = transactional(kibitz_server, "slow-1")
    producer.begin_transaction()
    producer.produce("pending", value=b"undecided")
    producer.flush(10)
    plain = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    plain.produce("pending", value=b"after", partition=0)
    plain.flush(10)
    assert read(kibitz_server, "pending", "read_committed") == []
    consumer = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "lso", "isolation.level": "read_committed"})
    # For read_committed the end is the last stable offset: the open transaction's first record.
    assert consumer.get_watermark_offsets(TopicPartition("pending", 0), timeout=10) == (0, 0)
    producer.commit_transaction(10)
    assert read(kibitz_server, "pending", "read_committed", expected=2) == [b"after", b"undecided"]
    assert consumer.get_watermark_offsets(TopicPartition("pending", 0), timeout=10) == (0, 3)
    consumer.close()


def test_consume_transform_produce_commits_offsets_with_the_output(kibitz_server):
    create(kibitz_server, "moves-in", "moves-out", partitions=1)
    source = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    for index in range(10):
        source.produce("moves-in", value=f"{index}".encode())
    source.flush(10)
    consumer = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "transformer",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "isolation.level": "read_committed"})
    consumer.subscribe(["moves-in"])
    producer = transactional(kibitz_server, "transformer-1")
    taken = []
    while len(taken) < 10:
        message = consumer.poll(5.0)
        assert message is not None
        if not message.error():
            taken.append(message)
    # First batch of five committed, the second aborted: only five outputs and offset 5 remain.
    for chunk, commit in ((taken[:5], True), (taken[5:], False)):
        producer.begin_transaction()
        for message in chunk:
            producer.produce("moves-out", value=b"x" + message.value())
        producer.flush(10)
        producer.send_offsets_to_transaction(
            [TopicPartition("moves-in", 0, chunk[-1].offset() + 1)], consumer.consumer_group_metadata(), 10
        )
        producer.commit_transaction(10) if commit else producer.abort_transaction(10)
    consumer.close()
    assert read(kibitz_server, "moves-out", "read_committed", expected=5) == sorted(b"x%d" % i for i in range(5))
    check = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "transformer"})
    [offset] = check.committed([TopicPartition("moves-in", 0)], timeout=10)
    assert offset.offset == 5
    check.close()


def test_a_new_instance_fences_the_old_one(kibitz_server):
    create(kibitz_server, "fenced", partitions=1)
    old = transactional(kibitz_server, "worker-7")
    old.begin_transaction()
    old.produce("fenced", value=b"zombie")
    old.flush(10)
    new = transactional(kibitz_server, "worker-7")  # aborts the old one's open transaction
    new.begin_transaction()
    new.produce("fenced", value=b"alive")
    new.commit_transaction(10)
    with pytest.raises(KafkaException) as fenced:
        old.commit_transaction(10)
    assert fenced.value.args[0].fatal() or fenced.value.args[0].txn_requires_abort()
    assert read(kibitz_server, "fenced", "read_committed", expected=1) == [b"alive"]


def test_a_transaction_open_at_kill_9_is_aborted_at_restart(kibitz_server_factory):
    server = kibitz_server_factory()
    create(server, "crashed", partitions=1)
    producer = transactional(server, "crash-1")
    producer.begin_transaction()
    producer.produce("crashed", value=b"done")
    producer.commit_transaction(10)
    producer.begin_transaction()
    producer.produce("crashed", value=b"lost in the crash")
    producer.flush(10)
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    server.start()
    assert read(server, "crashed", "read_committed", expected=1) == [b"done"]
    # The open transaction ended with an abort marker, so the partition is stable again.
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": "after", "isolation.level": "read_committed"})
    assert consumer.get_watermark_offsets(TopicPartition("crashed", 0), timeout=10)[1] == 4
    consumer.close()


def test_transaction_timeouts_are_checked(kibitz_server):
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap, "transactional.id": "too-long",
                         "transaction.timeout.ms": 3_600_000})
    with pytest.raises(KafkaException) as refused:
        producer.init_transactions(10)
    assert refused.value.args[0].name() == "INVALID_TRANSACTION_TIMEOUT"


def test_a_transaction_past_its_timeout_is_aborted(kibitz_server):
    create(kibitz_server, "expiring", partitions=1)
    producer = transactional(kibitz_server, "forgetful", **{"transaction.timeout.ms": 1500})
    producer.begin_transaction()
    producer.produce("expiring", value=b"never committed")
    producer.flush(10)
    time.sleep(3)
    with pytest.raises(KafkaException):
        producer.commit_transaction(10)
    assert read(kibitz_server, "expiring", "read_committed") == []


def test_offsets_waiting_in_a_transaction_are_unstable_for_require_stable(kibitz_server):
    create(kibitz_server, "stable-in", partitions=1)
    producer = transactional(kibitz_server, "stable-1")
    consumer = Consumer({"bootstrap.servers": kibitz_server.bootstrap, "group.id": "stable-group"})
    producer.begin_transaction()
    producer.send_offsets_to_transaction([TopicPartition("stable-in", 0, 7)], consumer.consumer_group_metadata(), 10)
    connection = SchemaConnection(kibitz_server.kafka_port)
    request = CLASSES[(9, "request")]

    def fetch(require_stable: bool):
        topic = request.OffsetFetchRequestTopic(name="stable-in", partition_indexes=[0])
        answer = connection.call(9, 7, group_id="stable-group", topics=[topic], require_stable=require_stable)
        [partition] = answer.topics[0].partitions
        return partition.error_code, partition.committed_offset

    assert fetch(True) == (88, -1)  # UNSTABLE_OFFSET_COMMIT while the transaction is open
    assert fetch(False) == (0, -1)
    producer.commit_transaction(10)
    assert fetch(True) == (0, 7)
    consumer.close()
