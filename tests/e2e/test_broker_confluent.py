"""confluent-kafka (librdkafka) producers and consumer groups against a running kibitz serve."""

import threading
import time
from collections import Counter

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def create_topic(bootstrap: str, name: str, partitions: int) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    futures[name].result(timeout=10)


def produce(bootstrap: str, topic: str, messages: list[tuple[str, str]], **settings) -> list:
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, **settings})
    reports = []

    def delivered(error, message):
        reports.append((error, message.partition(), message.offset()))

    for key, value in messages:
        producer.produce(topic, key=key, value=value, on_delivery=delivered)
    assert producer.flush(30) == 0
    assert [error for error, _, _ in reports if error is not None] == []
    return reports


def consumer(bootstrap: str, group: str, **settings) -> Consumer:
    return Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "session.timeout.ms": 6000,
            "heartbeat.interval.ms": 500,
            **settings,
        }
    )


def drain(bootstrap: str, topic: str, group: str, expected: int, timeout: float = 30) -> list[str]:
    reader = consumer(bootstrap, group)
    reader.subscribe([topic])
    values = []
    deadline = time.monotonic() + timeout
    while len(values) < expected and time.monotonic() < deadline:
        message = reader.poll(0.5)
        if message is not None and message.error() is None:
            values.append(message.value().decode())
    reader.close()
    return values


def test_acks_all_producer_with_idempotence(kibitz_server_factory):
    server = kibitz_server_factory("--fsync", "always")
    messages = [(f"k{i % 7}", f"value-{i}") for i in range(5000)]
    reports = produce(server.bootstrap, "idempotent", messages, acks="all", **{"enable.idempotence": True})
    assert len(reports) == 5000
    values = drain(server.bootstrap, "idempotent", "check", 5000)
    assert sorted(values) == sorted(value for _, value in messages)
    assert len(set(values)) == 5000


def test_acks_all_producer_answers_in_order_offsets(kibitz_server_factory):
    server = kibitz_server_factory("--fsync", "always")
    reports = produce(server.bootstrap, "acked", [(None, f"m{i}") for i in range(300)], acks="all")
    assert sorted(offset for _, _, offset in reports) == list(range(300))


def test_three_members_share_six_partitions_and_see_each_message_once(kibitz_server):
    create_topic(kibitz_server.bootstrap, "shared", 6)
    messages = [(f"key-{i}", f"message-{i}") for i in range(1200)]
    produce(kibitz_server.bootstrap, "shared", messages)

    seen: Counter = Counter()
    assignments: dict[int, set] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def member(number: int) -> None:
        reader = consumer(kibitz_server.bootstrap, "trio")
        reader.subscribe([kibitz_server_topic := "shared"])
        while not stop.is_set():
            message = reader.poll(0.2)
            if message is not None and message.error() is None:
                with lock:
                    seen[message.value().decode()] += 1
            with lock:
                assignments[number] = {tp.partition for tp in reader.assignment()}
        reader.close()

    threads = [threading.Thread(target=member, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        with lock:
            # Settled: each member's last view of its assignment is from the same generation, so
            # together they cover the six partitions once (views taken across a rebalance overlap).
            settled = sorted(p for parts in assignments.values() for p in parts) == list(range(6))
            done = sum(seen.values()) >= 1200 and all(len(parts) == 2 for parts in assignments.values())
            done = done and len(assignments) == 3 and settled
            # As they were when settled: members leaving below rebalance the others once more.
            settled_assignments = {number: set(parts) for number, parts in assignments.items()}
        if done:
            break
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()

    assert set(seen) == {value for _, value in messages}
    assert all(count == 1 for count in seen.values()), [v for v, c in seen.items() if c > 1][:5]
    assert sorted(p for parts in settled_assignments.values() for p in parts) == list(range(6))


def test_commit_stop_restart_resumes_right_after_the_last_commit(kibitz_server):
    create_topic(kibitz_server.bootstrap, "resumable", 1)
    produce(kibitz_server.bootstrap, "resumable", [(None, f"m{i}") for i in range(100)])

    first = consumer(kibitz_server.bootstrap, "resumer")
    first.subscribe(["resumable"])
    read = []
    while len(read) < 40:
        message = first.poll(1.0)
        if message is not None and message.error() is None:
            read.append(message)
    first.commit(message=read[-1], asynchronous=False)
    first.close()

    kibitz_server.restart()

    second = consumer(kibitz_server.bootstrap, "resumer")
    committed = second.committed([TopicPartition("resumable", 0)], timeout=10)
    assert committed[0].offset == read[-1].offset() + 1
    second.subscribe(["resumable"])
    message = None
    deadline = time.monotonic() + 20
    while message is None and time.monotonic() < deadline:
        candidate = second.poll(0.5)
        if candidate is not None and candidate.error() is None:
            message = candidate
    second.close()
    assert message is not None
    assert message.offset() == read[-1].offset() + 1
    assert message.value() == b"m40"


def test_a_member_leaving_triggers_a_rebalance_and_nothing_is_lost(kibitz_server):
    create_topic(kibitz_server.bootstrap, "handover", 4)
    produce(kibitz_server.bootstrap, "handover", [(f"k{i}", f"first-{i}") for i in range(400)])

    stayer = consumer(kibitz_server.bootstrap, "pair")
    leaver = consumer(kibitz_server.bootstrap, "pair")
    stayer.subscribe(["handover"])
    leaver.subscribe(["handover"])
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (stayer.assignment() and leaver.assignment()):
        for reader in (stayer, leaver):
            message = reader.poll(0.2)
            if message is not None and message.error() is None:
                seen.add(message.value().decode())
                reader.commit(message=message, asynchronous=False)
    assert len(stayer.assignment()) == 2 and len(leaver.assignment()) == 2
    leaver.close()

    produce(kibitz_server.bootstrap, "handover", [(f"k{i}", f"second-{i}") for i in range(400)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(seen) < 800:
        message = stayer.poll(0.2)
        if message is not None and message.error() is None:
            seen.add(message.value().decode())
    assert len(stayer.assignment()) == 4
    stayer.close()
    expected = {f"first-{i}" for i in range(400)} | {f"second-{i}" for i in range(400)}
    assert expected - seen == set()
