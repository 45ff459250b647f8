"""Clients of the old message formats: librdkafka told that the broker is Kafka 0.9 or 0.10
(no ApiVersions, as old clients and sarama's defaults behave) produces message sets of magic 0
or 1 through Produce v1/v2 and fetches them through Fetch v1/v2; the broker stores record
batches and converts both ways, as Kafka 3.x does."""

import pytest
from confluent_kafka import Consumer, Producer

OLD_BROKERS = {"0.9.0": 0, "0.10.0": 1}  # broker.version.fallback → message format magic


def old_client(bootstrap: str, version: str, **extra) -> dict:
    return {
        "bootstrap.servers": bootstrap,
        "api.version.request": False,
        "broker.version.fallback": version,
        **extra,
    }


def consume(config: dict, topic: str, count: int) -> list:
    consumer = Consumer({**config, "group.id": f"reader-{topic}-{id(config)}", "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    received = []
    while len(received) < count:
        message = consumer.poll(10.0)
        assert message is not None, f"only {len(received)} of {count} arrived"
        assert message.error() is None, message.error()
        received.append(message)
    consumer.close()
    return received


@pytest.mark.parametrize("version", sorted(OLD_BROKERS))
@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4"])
def test_old_format_produce_and_fetch_round_trip(kibitz_server, version, codec):
    if version == "0.9.0" and codec == "lz4":
        pytest.skip("magic 0 lz4 framing was never compatible between clients (KAFKA-3160)")
    topic = f"old-{version.replace('.', '-')}-{codec}"
    producer = Producer(old_client(kibitz_server.bootstrap, version, **{"compression.codec": codec, "linger.ms": 50}))
    for index in range(20):
        producer.produce(topic, key=f"k{index}".encode(), value=f"value {index}".encode(), timestamp=1_700_000_000_000 + index)
    assert producer.flush(10) == 0

    for reader in (old_client(kibitz_server.bootstrap, version), {"bootstrap.servers": kibitz_server.bootstrap}):
        received = consume(reader, topic, 20)
        assert [m.value() for m in received] == [f"value {i}".encode() for i in range(20)]
        assert [m.key() for m in received] == [f"k{i}".encode() for i in range(20)]
        assert [m.offset() for m in received] == list(range(20))
        if OLD_BROKERS[version] == 1:
            assert [m.timestamp()[1] for m in received] == [1_700_000_000_000 + i for i in range(20)]
        else:  # magic 0 has no timestamps: none is invented
            assert all(m.timestamp()[1] <= 0 for m in received), [m.timestamp() for m in received]


def test_new_records_read_by_an_old_consumer(kibitz_server):
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap, "compression.codec": "zstd"})
    for index in range(10):
        producer.produce("modern", value=f"m{index}".encode(), headers={"h": b"dropped for old readers"})
    assert producer.flush(10) == 0
    for version in OLD_BROKERS:
        received = consume(old_client(kibitz_server.bootstrap, version), "modern", 10)
        assert [m.value() for m in received] == [f"m{i}".encode() for i in range(10)]
        assert [m.offset() for m in received] == list(range(10))
