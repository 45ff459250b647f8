"""Round trips through Debian's sarama 1.22 (golang-github-shopify-sarama-dev), driven through
tests/clients/sarama against a real `kibitz serve`: topics made by the ClusterAdmin, records
produced with every codec, consumed in a group that commits, resumed exactly after a restart,
and every ClusterAdmin call. Each expectation is what Apache Kafka 3.9 answers.

sarama speaks the protocol of the Kafka version its config names: "2.2.0" (its newest, as users
set it) or, left unset, 0.8.2, which sends Produce v0, Fetch v0, ListOffsets v0 and Metadata v0.
"""

import uuid

import pytest

from conftest import consume_all
from go_clients import ClientFailed, GoClient, build_go_client

USER_VERSION = "2.2.0"


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


@pytest.fixture(scope="module")
def sarama_binary():
    return build_go_client("sarama")


@pytest.fixture(scope="module")
def sarama(sarama_binary, server) -> GoClient:
    """sarama configured for Kafka 2.2.0, as a user sets config.Version."""
    return GoClient(sarama_binary, server.bootstrap, ("-version", USER_VERSION))


@pytest.fixture(scope="module")
def sarama_default(sarama_binary, server) -> GoClient:
    """sarama with its default config.Version (Kafka 0.8.2)."""
    return GoClient(sarama_binary, server.bootstrap, ("-version", "default"))


def unique(name: str) -> str:
    return f"sarama-{name}-{uuid.uuid4().hex[:8]}"


def values(records: list[dict]) -> list[str]:
    return [record["value"] for record in records]


def assert_each_partition_in_order(records: list[dict]) -> None:
    for partition in {record["partition"] for record in records}:
        offsets = [record["offset"] for record in records if record["partition"] == partition]
        assert offsets == sorted(offsets) and len(offsets) == len(set(offsets)), offsets


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_produce_with_each_codec_and_read_back(sarama, server, codec):
    topic = unique(codec)
    sarama("create-topic", topic=topic, partitions=3)
    produced = sarama("produce", topic=topic, count=60, codec=codec, prefix=codec)
    assert produced["produced"] == 60
    assert sorted(produced["partitions"]) == ["0", "1", "2"]

    consumed = sarama("consume-manual", topic=topic, count=60)
    assert consumed["errors"] is None
    assert sorted(values(consumed["records"])) == sorted(f"{codec}-{index}" for index in range(60))
    assert all(record["key"] == f"key-{record['value'].split('-')[1]}" for record in consumed["records"])
    assert_each_partition_in_order(consumed["records"])
    assert sorted(consume_all(server.bootstrap, topic)) == sorted(f"{codec}-{index}" for index in range(60))


def test_group_commits_and_resumes_exactly_after_restart(sarama, server):
    topic, group = unique("group"), unique("group")
    sarama("create-topic", topic=topic, partitions=4)
    sarama("produce", topic=topic, count=100, codec="snappy", prefix="v")

    first = sarama("consume-group", topic=topic, group=group, count=40)
    assert first["errors"] is None
    assert len(first["records"]) == 40
    committed = sarama("committed", topic=topic, group=group)
    expected = {}
    for record in first["records"]:
        expected[str(record["partition"])] = max(expected.get(str(record["partition"]), 0), record["offset"] + 1)
    assert {partition: offset for partition, offset in committed.items() if offset >= 0} == expected

    server.restart()
    second = sarama("consume-group", topic=topic, group=group, count=1000, idle="2s")
    assert second["errors"] is None
    assert len(second["records"]) == 60, "a resumed group reads exactly what it had not committed"
    assert sorted(values(first["records"]) + values(second["records"])) == sorted(f"v-{index}" for index in range(100))
    assert_each_partition_in_order(first["records"] + second["records"])


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy"])
def test_default_version_produces_and_reads_with_each_codec(sarama_default, codec):
    """sarama's default version sends Produce v0 with message set v0 and Fetch v0."""
    topic = unique(f"v0-{codec}")
    produced = sarama_default("produce", topic=topic, count=30, codec=codec, prefix=codec)
    assert produced["produced"] == 30
    consumed = sarama_default("consume-manual", topic=topic, count=30)
    assert consumed["errors"] is None
    assert sorted(values(consumed["records"])) == sorted(f"{codec}-{index}" for index in range(30))
    assert_each_partition_in_order(consumed["records"])


def test_default_version_lists_offsets(sarama, sarama_default):
    """ListOffsets v0 (earliest and latest) as sarama's default version sends it."""
    topic = unique("v0-offsets")
    sarama("produce", topic=topic, count=7, codec="none")
    assert sarama_default("offsets", topic=topic) == {"0": [0, 7]}


def test_default_version_offset_manager_resumes_exactly_after_restart(sarama_default, server):
    topic, group = unique("v0-resume"), unique("v0-resume")
    sarama_default("produce", topic=topic, count=50, codec="gzip", prefix="v")
    first = sarama_default("consume-manual", topic=topic, group=group, count=20)
    assert first["errors"] is None and len(first["records"]) == 20
    server.restart()
    second = sarama_default("consume-manual", topic=topic, group=group, count=1000, idle="2s")
    assert second["errors"] is None
    assert values(first["records"]) + values(second["records"]) == [f"v-{index}" for index in range(50)]


def test_admin_create_topic_with_config_then_list_topics(sarama):
    topic = unique("listed")
    sarama("create-topic", topic=topic, partitions=3, config="retention.ms=123456")
    listed = sarama("list-topics")[topic]
    assert (listed["partitions"], listed["replication_factor"]) == (3, 1)
    # Kafka also lists the broker's static settings (server.properties) as not default.
    assert listed["configs"]["retention.ms"] == "123456"


def test_admin_create_topic_twice_is_refused(sarama):
    topic = unique("twice")
    sarama("create-topic", topic=topic, partitions=2)
    with pytest.raises(ClientFailed, match="Topic with this name already exists"):
        sarama("create-topic", topic=topic, partitions=2)
    assert sarama("describe-topics", topic=topic)[topic]["partitions"] == 2


def test_admin_describe_and_alter_config(sarama):
    topic = unique("configs")
    sarama("create-topic", topic=topic, partitions=1)
    before = sarama("describe-config", topic=topic)
    assert before["cleanup.policy"] == {"value": "delete", "default": True, "read_only": False}
    assert not before["retention.ms"]["read_only"]

    sarama("alter-config", topic=topic, config="retention.ms=3600000")
    after = sarama("describe-config", topic=topic)
    assert after["retention.ms"] == {"value": "3600000", "default": False, "read_only": False}


def test_admin_create_partitions(sarama):
    topic = unique("grow")
    sarama("create-topic", topic=topic, partitions=2)
    sarama("create-partitions", topic=topic, partitions=5)
    assert sarama("describe-topics", topic=topic)[topic]["partitions"] == 5
    produced = sarama("produce", topic=topic, count=100, codec="none")
    assert sorted(produced["partitions"]) == ["0", "1", "2", "3", "4"]


def test_admin_delete_records(sarama):
    topic = unique("trim")
    sarama("create-topic", topic=topic, partitions=1)
    sarama("produce", topic=topic, count=10, codec="none", prefix="v")
    sarama("delete-records", topic=topic, offsets="0=4")
    assert sarama("offsets", topic=topic) == {"0": [4, 10]}
    remaining = sarama("consume-manual", topic=topic, count=10)
    assert [record["offset"] for record in remaining["records"]] == list(range(4, 10))


def test_admin_delete_topic(sarama):
    topic = unique("deleted")
    sarama("create-topic", topic=topic, partitions=1)
    sarama("delete-topic", topic=topic)
    assert sarama("describe-topics", topic=topic)[topic]["error"] == "kafka server: Request was for a topic or partition that does not exist on this broker."


@pytest.fixture(scope="module")
def finished_group(sarama) -> str:
    """A group whose only member consumed a topic and left."""
    topic, group = unique("groups"), unique("groups")
    sarama("create-topic", topic=topic, partitions=2)
    sarama("produce", topic=topic, count=10, codec="none")
    assert len(sarama("consume-group", topic=topic, group=group, count=10)["records"]) == 10
    return group


def test_admin_list_and_describe_consumer_groups(sarama, finished_group):
    assert sarama("list-groups").get(finished_group) == "consumer"
    described = sarama("describe-groups", group=finished_group)[finished_group]
    assert described == {
        "state": "Empty", "protocol_type": "consumer", "members": [],
        "error": "kafka server: Not an error, why are you printing me?",
    }


def test_admin_delete_consumer_group(sarama, finished_group):
    sarama("delete-group", group=finished_group)
    assert finished_group not in sarama("list-groups")
    assert sarama("describe-groups", group=finished_group)[finished_group]["state"] == "Dead"
