"""Group administration and cluster description through real admin clients: DeleteGroups,
OffsetDelete, DescribeCluster and OffsetForLeaderEpoch, answered as Apache Kafka answers them."""

import pytest
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient
from kafka.admin import KafkaAdminClient
from kafka.structs import TopicPartition as KafkaPythonPartition
from kafka.errors import GroupIdNotFoundError, GroupSubscribedToTopicError, NonEmptyGroupError, NoError

from schema_client import CLASSES, SchemaConnection


def produce(bootstrap: str, topic: str, count: int) -> None:
    producer = Producer({"bootstrap.servers": bootstrap})
    for index in range(count):
        producer.produce(topic, value=f"{index}".encode())
    assert producer.flush(10) == 0


def commit(bootstrap: str, group: str, offsets: dict[tuple[str, int], int]) -> None:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    consumer.commit(offsets=[TopicPartition(t, p, o) for (t, p), o in offsets.items()], asynchronous=False)
    consumer.close()


def committed(bootstrap: str, group: str, partitions: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group})
    answer = consumer.committed([TopicPartition(t, p) for t, p in partitions], timeout=10)
    consumer.close()
    return {(tp.topic, tp.partition): tp.offset for tp in answer}


def test_delete_groups_forgets_an_idle_group_and_refuses_live_or_unknown_ones(kibitz_server):
    bootstrap = kibitz_server.bootstrap
    produce(bootstrap, "scores", 3)
    commit(bootstrap, "finished", {("scores", 0): 3})
    live = Consumer({"bootstrap.servers": bootstrap, "group.id": "watching", "auto.offset.reset": "earliest"})
    live.subscribe(["scores"])
    while live.poll(1.0) is None:
        pass
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.delete_consumer_groups(["finished", "watching", "never-seen"], request_timeout=10)
    futures["finished"].result()
    with pytest.raises(KafkaException) as non_empty:
        futures["watching"].result()
    assert non_empty.value.args[0].name() == "NON_EMPTY_GROUP"
    with pytest.raises(KafkaException) as unknown:
        futures["never-seen"].result()
    assert unknown.value.args[0].name() == "GROUP_ID_NOT_FOUND"
    listed = {group.group_id for group in admin.list_consumer_groups().result().valid}
    assert "finished" not in listed and "watching" in listed
    assert committed(bootstrap, "finished", [("scores", 0)]) == {("scores", 0): -1001}
    live.close()


def test_offset_delete_forgets_chosen_partitions_and_spares_subscribed_topics(kibitz_server):
    bootstrap = kibitz_server.bootstrap
    produce(bootstrap, "laps", 4)
    produce(bootstrap, "pits", 4)
    commit(bootstrap, "analysts", {("laps", 0): 4, ("pits", 0): 2})
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    deleted = admin.delete_group_offsets("analysts", [KafkaPythonPartition("laps", 0)])
    assert deleted == {KafkaPythonPartition("laps", 0): NoError}
    assert committed(bootstrap, "analysts", [("laps", 0), ("pits", 0)]) == {("laps", 0): -1001, ("pits", 0): 2}
    with pytest.raises(GroupIdNotFoundError):
        admin.delete_group_offsets("nobody", [KafkaPythonPartition("laps", 0)])

    live = Consumer({"bootstrap.servers": bootstrap, "group.id": "analysts", "auto.offset.reset": "earliest"})
    live.subscribe(["pits"])
    while live.poll(1.0) is None:
        pass
    refused = admin.delete_group_offsets("analysts", [KafkaPythonPartition("pits", 0)])
    assert refused == {KafkaPythonPartition("pits", 0): GroupSubscribedToTopicError}
    assert committed(bootstrap, "analysts", [("pits", 0)]) == {("pits", 0): 2}
    live.close()
    admin.close()


def test_delete_groups_through_kafka_python_reports_non_empty(kibitz_server):
    bootstrap = kibitz_server.bootstrap
    produce(bootstrap, "moves", 1)
    live = Consumer({"bootstrap.servers": bootstrap, "group.id": "players", "auto.offset.reset": "earliest"})
    live.subscribe(["moves"])
    while live.poll(1.0) is None:
        pass
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    assert admin.delete_groups(["players"]) == {"players": NonEmptyGroupError.__name__}
    live.close()
    admin.close()


def test_describe_cluster_names_the_one_broker_as_controller(kibitz_server):
    admin = AdminClient({"bootstrap.servers": kibitz_server.bootstrap})
    cluster = admin.describe_cluster(request_timeout=10).result()
    assert cluster.cluster_id
    assert [(node.host, node.port) for node in cluster.nodes] == [("127.0.0.1", kibitz_server.kafka_port)]
    assert cluster.controller.id == cluster.nodes[0].id


def test_offset_for_leader_epoch_ends_epoch_zero_at_the_log_end(kibitz_server):
    produce(kibitz_server.bootstrap, "epochs", 5)
    connection = SchemaConnection(kibitz_server.kafka_port)
    request = CLASSES[(23, "request")]

    def ask(topic: str, current_leader_epoch: int, leader_epoch: int):
        partition = request.OffsetForLeaderTopic.OffsetForLeaderPartition(
            partition=0, current_leader_epoch=current_leader_epoch, leader_epoch=leader_epoch
        )
        wanted = request.OffsetForLeaderTopic(topic=topic, partitions=[partition])
        [answer] = connection.call(23, 4, replica_id=-1, topics=[wanted]).topics[0].partitions
        return answer

    result = ask("epochs", 0, 0)
    assert (result.error_code, result.leader_epoch, result.end_offset) == (0, 0, 5)
    assert ask("epochs", 3, 0).error_code == 75  # UNKNOWN_LEADER_EPOCH: the client is ahead
    assert ask("nowhere", -1, 0).error_code == 3  # UNKNOWN_TOPIC_OR_PARTITION
