"""CreateTopics past the limits is refused at once with Kafka's error codes and leaves nothing on
disk; within the limits, a wide topic works under a small open-file limit and survives restarts."""

from pathlib import Path

from conftest import KibitzServer
from storage_helpers import consume_to_end, create_topics_answer, create_topics_frame, produce

REPRO = Path("/work/shared/repro/createtopics-1500-partitions.bin")
QUIET = ("--no-streams", "--arena-workers", "0")


def server_under_file_limit(kibitz_binary: str, tmp_path: Path, limit: int, *arguments: str) -> KibitzServer:
    """A server whose soft and hard open-file limits are both `limit`, as `ulimit -n` sets them."""
    wrapper = tmp_path / "limited-kibitz"
    wrapper.write_text(f'#!/bin/sh\nulimit -n {limit}\nexec "{kibitz_binary}" "$@"\n')
    wrapper.chmod(0o755)
    return KibitzServer(str(wrapper), tmp_path / "data", tmp_path / "serve.log", list(arguments + QUIET))


def assert_nothing_created(server: KibitzServer, name: str) -> None:
    assert not (server.data_dir / "topics" / name).exists()
    assert list((server.data_dir / "trash").iterdir()) == []


def test_too_many_partitions_are_refused_at_once_and_nothing_is_left(kibitz_server_factory):
    server = kibitz_server_factory(*QUIET)
    produce(server.bootstrap, "bystander", ["before"])

    code, message, elapsed = create_topics_answer(server.kafka_port, REPRO.read_bytes())
    assert code == 37  # INVALID_PARTITIONS
    assert "1500 partitions" in message and "limit of 1000" in message
    assert "--max-partitions-per-topic" in message
    assert elapsed < 1
    assert_nothing_created(server, "wide")

    code, message, elapsed = create_topics_answer(server.kafka_port, create_topics_frame("huge", 100_000))
    assert code == 37
    assert "100000 partitions" in message
    assert elapsed < 1
    assert_nothing_created(server, "huge")

    # Every other client is unaffected, and the server starts again cleanly.
    produce(server.bootstrap, "bystander", ["after"])
    assert [value for _, value in consume_to_end(server.bootstrap, "bystander")[0]] == ["before", "after"]
    server.restart()
    assert [value for _, value in consume_to_end(server.bootstrap, "bystander")[0]] == ["before", "after"]
    assert_nothing_created(server, "wide")


def test_broker_totals_are_limits_with_policy_violation(kibitz_server_factory):
    server = kibitz_server_factory(*QUIET, "--max-partitions", "12", "--max-topics", "9")
    # The apps' own topics, one partition each, count too: fill up to the limit exactly.
    app_partitions = len([path for path in (server.data_dir / "topics").iterdir() if path.is_dir()])
    assert app_partitions < 12
    code, _, _ = create_topics_answer(server.kafka_port, create_topics_frame("rest", 12 - app_partitions))
    assert code == 0
    code, message, _ = create_topics_answer(server.kafka_port, create_topics_frame("one-more", 1))
    assert code == 44  # POLICY_VIOLATION
    assert "--max-partitions" in message
    assert_nothing_created(server, "one-more")


def test_a_wide_topic_works_under_a_small_open_file_limit_and_restarts(kibitz_binary, tmp_path):
    server = server_under_file_limit(kibitz_binary, tmp_path, 1024, "--max-partitions-per-topic", "1500").start()
    try:
        code, message, elapsed = create_topics_answer(server.kafka_port, REPRO.read_bytes())
        assert (code, message) == (0, None)
        assert elapsed < 5
        assert len([path for path in (server.data_dir / "topics" / "wide").iterdir() if path.is_dir()]) == 1500
        produce(server.bootstrap, "bystander", ["alive"])
        server.restart()
        assert "errno 24" not in server.log_text()
        assert [value for _, value in consume_to_end(server.bootstrap, "bystander")[0]] == ["alive"]
        # A kill -9 leaves no clean-shutdown marker: every partition is checked at the next start.
        server.kill()
        server.start()
        assert consume_to_end(server.bootstrap, "wide", partition=1499) == ([], 0)
        assert "errno 24" not in server.log_text()
    finally:
        server.stop()
