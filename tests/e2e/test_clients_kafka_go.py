"""Round trips through Debian's segmentio/kafka-go 0.2.1 (golang-github-segmentio-kafka-go-dev),
driven through tests/clients/kafkago against a real `kibitz serve`: topics created and deleted,
records produced with every codec kafka-go 0.2 has (none, gzip, snappy, lz4; no zstd), read by
partition and in a group that commits each record, resumed exactly after a restart. Each
expectation is what Apache Kafka 3.9 answers (kafka-go 0.2's old versions carry the old message
formats, which the broker converts as Kafka does).

kafka-go 0.2 speaks fixed versions: Produce v2, Fetch v2, ListOffsets v1, Metadata v1,
CreateTopics v0, DeleteTopics v1, OffsetCommit v2, OffsetFetch v1, JoinGroup v1, SyncGroup v0.
Records that kafka-go only reads are produced with kcat (librdkafka), so a read test does not
depend on kafka-go's produce.
"""

import subprocess
import uuid

import pytest

from conftest import consume_all
from go_clients import GoClient, build_go_client



@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


@pytest.fixture(scope="module")
def kafka_go(server) -> GoClient:
    return GoClient(build_go_client("kafkago"), server.bootstrap)


def unique(name: str) -> str:
    return f"kafka-go-{name}-{uuid.uuid4().hex[:8]}"


def kcat_produce(bootstrap: str, topic: str, lines: list[str]) -> None:
    result = subprocess.run(
        ["kcat", "-b", bootstrap, "-P", "-t", topic], input="\n".join(lines) + "\n",
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr


def kcat_topics(bootstrap: str) -> str:
    result = subprocess.run(["kcat", "-b", bootstrap, "-L"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


def values(records: list[dict]) -> list[str]:
    return [record["value"] for record in records]


def test_create_topic_and_read_its_partitions(kafka_go, server):
    topic = unique("created")
    kafka_go("create-topic", topic=topic, partitions=3)
    assert sorted(kafka_go("partitions", topic=topic)) == ["0", "1", "2"]
    assert f'topic "{topic}" with 3 partitions' in kcat_topics(server.bootstrap)


def test_list_offsets(kafka_go, server):
    topic = unique("offsets")
    kafka_go("create-topic", topic=topic, partitions=1)
    kcat_produce(server.bootstrap, topic, [f"v-{index}" for index in range(10)])
    assert kafka_go("offsets", topic=topic, partitions=1) == {"0": [0, 10]}


def test_delete_topic(kafka_go, server):
    topic = unique("deleted")
    kafka_go("create-topic", topic=topic, partitions=1)
    kafka_go("delete-topic", topic=topic)
    assert f'"{topic}"' not in kcat_topics(server.bootstrap)


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4"])
def test_produce_with_each_codec(kafka_go, server, codec):
    topic = unique(codec)
    kafka_go("create-topic", topic=topic, partitions=2)
    assert kafka_go("produce", topic=topic, count=40, codec=codec, prefix=codec) == {"produced": 40}
    assert sorted(consume_all(server.bootstrap, topic)) == sorted(f"{codec}-{index}" for index in range(40))


def test_read_partitions_without_a_group(kafka_go, server):
    topic = unique("read")
    kafka_go("create-topic", topic=topic, partitions=2)
    kcat_produce(server.bootstrap, topic, [f"v-{index}" for index in range(30)])
    consumed = kafka_go("consume", topic=topic, partitions=2, count=30, timeout="15s")
    assert consumed["errors"] == []
    assert sorted(values(consumed["records"])) == sorted(f"v-{index}" for index in range(30))


def test_group_commits_and_resumes_exactly_after_restart(kafka_go, server):
    topic, group = unique("group"), unique("group")
    kafka_go("create-topic", topic=topic, partitions=3)
    kcat_produce(server.bootstrap, topic, [f"v-{index}" for index in range(90)])

    first = kafka_go("consume", topic=topic, group=group, count=35, timeout="15s")
    assert first["errors"] == [] and len(first["records"]) == 35

    server.restart()
    second = kafka_go("consume", topic=topic, group=group, count=1000, idle="2s", timeout="15s")
    assert second["errors"] == []
    assert len(second["records"]) == 55, "a resumed group reads exactly what it had not committed"
    assert sorted(values(first["records"]) + values(second["records"])) == sorted(f"v-{index}" for index in range(90))
