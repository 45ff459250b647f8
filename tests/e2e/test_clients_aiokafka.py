"""Round trips through aiokafka 0.14 (PyPI) against a real `kibitz serve`: topics made and
inspected by AIOKafkaAdminClient, records produced with every codec, consumed in a group that
commits, resumed exactly after a restart, transactions read by a read_committed consumer. Each
expectation is what Apache Kafka 3.9 answers.

aiokafka picks each request's version from the broker's ApiVersions answer and refuses, on the
client side, an API the broker does not list (IncompatibleBrokerVersion).
"""

import asyncio
import gc
import sys
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewPartitions, NewTopic, RecordsToDelete
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import TopicAlreadyExistsError

from conftest import consume_all

# Long enough for a group to form on Kafka (group.initial.rebalance.delay.ms is 3 s there).
CONSUME_TIMEOUT = 15.0


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


@pytest.fixture(autouse=True)
def release_failed_clients(caplog):
    """A failed aiokafka producer leaves futures whose errors asyncio logs once they are collected.
    aiokafka's log record of the failure (in caplog) and pytest's post-mortem sys.last_value keep
    them alive until the session ends, where that log would trail pytest's summary; dropping both
    (the report already has them) lets them be collected, and logged, within this test."""
    yield
    caplog.get_records("call").clear()
    sys.last_type = sys.last_value = sys.last_traceback = None
    gc.collect()


def unique(name: str) -> str:
    return f"aiokafka-{name}-{uuid.uuid4().hex[:8]}"


def run(coroutine, timeout: float = 60.0):
    """Runs one test's client code, bounded so that a hung client fails the test instead of CI."""
    return asyncio.run(asyncio.wait_for(coroutine, timeout))


async def with_admin(bootstrap: str, action):
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        return await action(admin)
    finally:
        await admin.close()


async def create_topic(bootstrap: str, topic: str, partitions: int, configs: dict | None = None):
    response = await with_admin(
        bootstrap, lambda admin: admin.create_topics([NewTopic(topic, partitions, 1, topic_configs=configs or {})])
    )
    assert [(name, code) for name, code, _ in response.topic_errors] == [(topic, 0)]


async def produce(bootstrap: str, topic: str, count: int, prefix: str = "v", **settings) -> list:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **settings)
    await producer.start()
    try:
        futures = [
            await producer.send(topic, f"{prefix}-{index}".encode(), key=f"key-{index}".encode())
            for index in range(count)
        ]
        return [await future for future in futures]
    finally:
        await producer.stop()


async def consume(bootstrap: str, topic: str, count: int, idle: float = 2.0, commit: bool = False, **settings) -> list:
    """Takes records one at a time until `count`, `idle` seconds without one after the first, or
    CONSUME_TIMEOUT; with `commit`, commits exactly the records taken before stopping."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, **settings
    )
    await consumer.start()
    records = []
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CONSUME_TIMEOUT
        while len(records) < count:
            wait = deadline - loop.time() if not records else min(idle, deadline - loop.time())
            if wait <= 0:
                break
            try:
                records.append(await asyncio.wait_for(consumer.getone(), wait))
            except asyncio.TimeoutError:
                break
        if commit:
            await consumer.commit()
    finally:
        await consumer.stop()
    return records


def values(records) -> list[str]:
    return [record.value.decode() for record in records]


@pytest.mark.parametrize("codec", [None, "gzip", "snappy", "lz4", "zstd"])
def test_produce_with_each_codec_and_read_back(server, codec):
    topic = unique(codec or "none")
    expected = sorted(f"{codec}-{index}" for index in range(60))

    async def scenario():
        await create_topic(server.bootstrap, topic, 3)
        metadata = await produce(server.bootstrap, topic, 60, prefix=str(codec), compression_type=codec, linger_ms=5)
        assert sorted({record.partition for record in metadata}) == [0, 1, 2]
        return await consume(server.bootstrap, topic, 60)

    records = run(scenario())
    assert sorted(values(records)) == expected
    assert all(record.key.decode() == f"key-{record.value.decode().split('-')[1]}" for record in records)
    assert sorted(consume_all(server.bootstrap, topic)) == expected


def test_group_commits_and_resumes_exactly_after_restart(server):
    topic, group = unique("group"), unique("group")

    async def first_half():
        await create_topic(server.bootstrap, topic, 4)
        await produce(server.bootstrap, topic, 100, compression_type="lz4")
        return await consume(server.bootstrap, topic, 40, group_id=group, commit=True)

    first = run(first_half())
    assert len(first) == 40
    server.restart()
    second = run(consume(server.bootstrap, topic, 1000, group_id=group, commit=True))
    assert len(second) == 60, "a resumed group reads exactly what it had not committed"
    assert sorted(values(first) + values(second)) == sorted(f"v-{index}" for index in range(100))

    async def committed():
        return await with_admin(server.bootstrap, lambda admin: admin.list_consumer_group_offsets(group))

    offsets = run(committed())
    assert sum(metadata.offset for metadata in offsets.values()) == 100
    assert {partition.topic for partition in offsets} == {topic}


def test_admin_create_list_and_describe_topics(server):
    topic = unique("admin")

    async def scenario():
        await create_topic(server.bootstrap, topic, 3)
        with pytest.raises(TopicAlreadyExistsError):
            response = await with_admin(server.bootstrap, lambda admin: admin.create_topics([NewTopic(topic, 3, 1)]))
            # aiokafka returns per-topic errors in the response instead of raising.
            for _, code, message in response.topic_errors:
                if code == TopicAlreadyExistsError.errno:
                    raise TopicAlreadyExistsError(message)
        listed = await with_admin(server.bootstrap, lambda admin: admin.list_topics())
        described = await with_admin(server.bootstrap, lambda admin: admin.describe_topics([topic]))
        cluster = await with_admin(server.bootstrap, lambda admin: admin.describe_cluster())
        return listed, described, cluster

    listed, described, cluster = run(scenario())
    assert topic in listed
    assert [(entry["topic"], entry["error_code"], len(entry["partitions"])) for entry in described] == [(topic, 0, 3)]
    assert [broker["port"] for broker in cluster["brokers"]] == [server.kafka_port]
    assert cluster["controller_id"] == cluster["brokers"][0]["node_id"]


def test_admin_delete_topic(server):
    topic = unique("deleted")

    async def scenario():
        await create_topic(server.bootstrap, topic, 1)
        response = await with_admin(server.bootstrap, lambda admin: admin.delete_topics([topic]))
        listed = await with_admin(server.bootstrap, lambda admin: admin.list_topics())
        return response, listed

    response, listed = run(scenario())
    assert [(name, code) for name, code, *_ in response.topic_error_codes] == [(topic, 0)]
    assert topic not in listed


def test_admin_describe_configs(server):
    topic = unique("configs")

    async def scenario():
        await create_topic(server.bootstrap, topic, 1, {"retention.ms": "123456"})
        return await with_admin(
            server.bootstrap,
            lambda admin: admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)]),
        )

    [response] = run(scenario())
    [(error_code, _, _, name, entries)] = response.resources
    assert (error_code, name) == (0, topic)
    configs = {entry[0]: entry[1] for entry in entries}
    assert configs["retention.ms"] == "123456"
    assert configs["cleanup.policy"] == "delete"


def test_admin_alter_configs(server):
    topic = unique("altered")

    async def scenario():
        await create_topic(server.bootstrap, topic, 1)
        [altered] = await with_admin(
            server.bootstrap,
            lambda admin: admin.alter_configs(
                [ConfigResource(ConfigResourceType.TOPIC, topic, configs={"retention.ms": "3600000"})]
            ),
        )
        [described] = await with_admin(
            server.bootstrap,
            lambda admin: admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)]),
        )
        return altered, described

    altered, described = run(scenario())
    assert [(code, name) for code, _, _, name in altered.resources] == [(0, topic)]
    [(_, _, _, _, entries)] = described.resources
    assert {entry[0]: entry[1] for entry in entries}["retention.ms"] == "3600000"


def test_admin_create_partitions(server):
    topic = unique("grown")

    async def scenario():
        await create_topic(server.bootstrap, topic, 2)
        response = await with_admin(
            server.bootstrap, lambda admin: admin.create_partitions({topic: NewPartitions(total_count=5)})
        )
        described = await with_admin(server.bootstrap, lambda admin: admin.describe_topics([topic]))
        metadata = await produce(server.bootstrap, topic, 100)
        return response, described, metadata

    response, described, metadata = run(scenario())
    assert [(name, code) for name, code, _ in response.topic_errors] == [(topic, 0)]
    assert len(described[0]["partitions"]) == 5
    assert {record.partition for record in metadata} == {0, 1, 2, 3, 4}


def test_admin_delete_records(server):
    topic = unique("trimmed")
    partition = TopicPartition(topic, 0)

    async def scenario():
        await create_topic(server.bootstrap, topic, 1)
        await produce(server.bootstrap, topic, 10)
        low_watermarks = await with_admin(
            server.bootstrap, lambda admin: admin.delete_records({partition: RecordsToDelete(before_offset=4)})
        )
        return low_watermarks, await consume(server.bootstrap, topic, 10)

    low_watermarks, records = run(scenario())
    assert low_watermarks == {partition: 4}
    assert [record.offset for record in records] == list(range(4, 10))


def test_admin_list_and_describe_consumer_groups(server):
    topic, group = unique("groups"), unique("groups")

    async def scenario():
        await create_topic(server.bootstrap, topic, 2)
        await produce(server.bootstrap, topic, 10)
        assert len(await consume(server.bootstrap, topic, 10, group_id=group, commit=True)) == 10
        groups = await with_admin(server.bootstrap, lambda admin: admin.list_consumer_groups())
        described = await with_admin(server.bootstrap, lambda admin: admin.describe_consumer_groups([group]))
        return groups, described

    groups, [described] = run(scenario())
    assert (group, "consumer") in groups
    [(error_code, group_id, state, protocol_type, _, members, *_)] = described.groups
    assert (error_code, group_id, state, protocol_type, members) == (0, group, "Empty", "consumer", [])


def test_transactions_read_committed_sees_only_committed_records(server):
    topic = unique("transactions")

    async def scenario():
        await create_topic(server.bootstrap, topic, 2)
        producer = AIOKafkaProducer(bootstrap_servers=server.bootstrap, transactional_id=unique("producer"))
        await producer.start()
        try:
            for batch, outcome in enumerate(("commit", "abort", "commit", "abort")):
                await producer.begin_transaction()
                for index in range(5):
                    await producer.send_and_wait(topic, f"{outcome}-{batch}-{index}".encode())
                if outcome == "commit":
                    await producer.commit_transaction()
                else:
                    await producer.abort_transaction()
        finally:
            await producer.stop()
        committed = await consume(server.bootstrap, topic, 100, isolation_level="read_committed")
        everything = await consume(server.bootstrap, topic, 100, isolation_level="read_uncommitted")
        return committed, everything

    committed, everything = run(scenario(), timeout=40)
    assert sorted(values(committed)) == sorted(f"commit-{batch}-{index}" for batch in (0, 2) for index in range(5))
    assert len(everything) == 20, "read_uncommitted also sees the aborted records, never the control records"


def test_transactions_commit_consumed_offsets_with_the_output(server):
    """Consume-transform-produce: the group's offsets commit in the same transaction as the output."""
    source, sink, group = unique("source"), unique("sink"), unique("transform")

    async def scenario():
        await create_topic(server.bootstrap, source, 1)
        await create_topic(server.bootstrap, sink, 1)
        await produce(server.bootstrap, source, 6)
        consumer = AIOKafkaConsumer(
            source, bootstrap_servers=server.bootstrap, group_id=group, auto_offset_reset="earliest",
            enable_auto_commit=False, isolation_level="read_committed",
        )
        producer = AIOKafkaProducer(bootstrap_servers=server.bootstrap, transactional_id=unique("transform"))
        await consumer.start()
        await producer.start()
        try:
            records = [await asyncio.wait_for(consumer.getone(), CONSUME_TIMEOUT) for _ in range(6)]
            async with producer.transaction():
                for record in records:
                    await producer.send_and_wait(sink, record.value.upper())
                await producer.send_offsets_to_transaction({TopicPartition(source, 0): records[-1].offset + 1}, group)
        finally:
            await producer.stop()
            await consumer.stop()
        offsets = await with_admin(server.bootstrap, lambda admin: admin.list_consumer_group_offsets(group))
        return offsets, await consume(server.bootstrap, sink, 100, isolation_level="read_committed")

    offsets, output = run(scenario(), timeout=40)
    assert offsets[TopicPartition(source, 0)].offset == 6
    assert values(output) == [f"V-{index}" for index in range(6)]
