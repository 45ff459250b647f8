"""The client commands (`kibitz topics|produce|consume`) against a running kibitz serve, and kcat interop."""

import subprocess
import time

import pytest


def kibitz(
    binary: str, *arguments: str, input_text: str | None = None, expect_success: bool = True, timeout: float = 60
) -> subprocess.CompletedProcess:
    """Runs the kibitz binary; by default insists on success and shows its stderr when it fails."""
    result = subprocess.run(
        [binary, *arguments], input=input_text, capture_output=True, text=True, timeout=timeout
    )
    if expect_success:
        assert result.returncode == 0, result.stderr
    return result


def kcat(*arguments: str, input_text: str | None = None) -> str:
    result = subprocess.run(["kcat", *arguments], input=input_text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_topics_create_list_describe_delete(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    created = kibitz(
        kibitz_binary, "topics", "create", "scores", "--partitions", "3", "--config", "retention.ms=3600000", *bootstrap
    )
    assert "scores" in created.stdout

    assert "scores" in kibitz(kibitz_binary, "topics", "list", *bootstrap).stdout.splitlines()
    assert "scores\t3" in kibitz(kibitz_binary, "topics", "list", "--partitions", *bootstrap).stdout.splitlines()

    kibitz(kibitz_binary, "produce", "scores", "--partition", "2", *bootstrap, input_text="a\nb\n")
    description = kibitz(kibitz_binary, "topics", "describe", "scores", *bootstrap).stdout.splitlines()
    assert description[0] == "topic scores: 3 partitions"
    assert description[1].split() == ["partition", "leader", "replicas", "in-sync", "low", "high", "messages"]
    rows = [line.split() for line in description[2:]]
    assert [row[0] for row in rows] == ["0", "1", "2"]
    assert all(row[1] == "1" for row in rows), "the single broker leads every partition"
    assert rows[2][4:] == ["0", "2", "2"]
    assert rows[0][4:] == ["0", "0", "0"]

    again = kibitz(kibitz_binary, "topics", "create", "scores", *bootstrap, expect_success=False)
    assert again.returncode != 0
    assert "already exists" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1

    kibitz(kibitz_binary, "topics", "delete", "scores", *bootstrap)
    assert "scores" not in kibitz(kibitz_binary, "topics", "list", *bootstrap).stdout.splitlines()
    missing = kibitz(kibitz_binary, "topics", "delete", "scores", *bootstrap, expect_success=False)
    assert missing.returncode != 0
    assert "does not exist" in missing.stderr


@pytest.mark.parametrize("compression", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_produce_then_consume_from_the_beginning_with_each_compression(kibitz_binary, kibitz_server, compression):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    topic = f"cli-{compression}"
    kibitz(kibitz_binary, "topics", "create", topic, "--partitions", "1", *bootstrap)
    lines = [f"player-{index % 5}:{compression} event {index} " + "x" * (index % 40) for index in range(1000)]
    produced = kibitz(
        kibitz_binary, "produce", topic, "--compression", compression, "--key-separator", ":", *bootstrap,
        input_text="\n".join(lines) + "\n",
    )
    assert "1000 messages" in produced.stderr
    assert produced.stdout == ""

    values = kibitz(kibitz_binary, "consume", topic, "--from-beginning", "--exit-at-end", *bootstrap).stdout
    assert values.splitlines() == [line.split(":", 1)[1] for line in lines]

    keyed = kibitz(
        kibitz_binary, "consume", topic, "--from-beginning", "--exit-at-end", "--print-key", "--key-separator", ":",
        *bootstrap,
    ).stdout
    assert keyed.splitlines() == lines


def test_key_separator_splits_at_the_first_separator_only(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    kibitz(kibitz_binary, "topics", "create", "split", *bootstrap)
    kibitz(kibitz_binary, "produce", "split", "--key-separator", "::", *bootstrap, input_text="k::v::w\nno key\n")
    consumed = kcat(
        "-b", kibitz_server.bootstrap, "-C", "-t", "split", "-o", "beginning", "-e", "-q", "-f", "[%k|%s]\\n"
    )
    assert consumed.splitlines() == ["[k|v::w]", "[|no key]"]


@pytest.mark.parametrize("acks", ["0", "1", "all"])
def test_produce_to_a_partition_with_each_acks_setting(kibitz_binary, kibitz_server, acks):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    topic = f"acks-{acks}"
    kibitz(kibitz_binary, "topics", "create", topic, "--partitions", "2", *bootstrap)
    kibitz(kibitz_binary, "produce", topic, "--acks", acks, "--partition", "1", *bootstrap, input_text="a\nb\nc\n")
    consumed = kcat("-b", kibitz_server.bootstrap, "-C", "-t", topic, "-p", "1", "-o", "beginning", "-e", "-q")
    assert consumed.splitlines() == ["a", "b", "c"]


def test_group_resumes_after_the_committed_offset(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    kibitz(kibitz_binary, "topics", "create", "resume", "--partitions", "1", *bootstrap)
    lines = [f"move {index}" for index in range(20)]
    kibitz(kibitz_binary, "produce", "resume", *bootstrap, input_text="\n".join(lines) + "\n")

    group = ["--group", "replayers", "--from-beginning"]
    first = kibitz(kibitz_binary, "consume", "resume", *group, "--max-messages", "8", *bootstrap).stdout
    assert first.splitlines() == lines[:8]
    rest = kibitz(kibitz_binary, "consume", "resume", *group, "--exit-at-end", *bootstrap).stdout
    assert rest.splitlines() == lines[8:]
    nothing = kibitz(kibitz_binary, "consume", "resume", *group, "--exit-at-end", *bootstrap).stdout
    assert nothing == ""

    # A different group starts over from the beginning.
    other = kibitz(
        kibitz_binary, "consume", "resume", "--group", "others", "--from-beginning", "--exit-at-end", *bootstrap
    )
    assert other.stdout.splitlines() == lines


def test_consume_without_from_beginning_reads_only_new_messages(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    kibitz(kibitz_binary, "topics", "create", "live", *bootstrap)
    kibitz(kibitz_binary, "produce", "live", *bootstrap, input_text="old\n")
    consumer = subprocess.Popen(
        [kibitz_binary, "consume", "live", "--max-messages", "2", *bootstrap],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        # The consumer starts at the end; give it time to assign before the new messages arrive.
        time.sleep(2)
        kibitz(kibitz_binary, "produce", "live", *bootstrap, input_text="new 1\nnew 2\n")
        stdout, stderr = consumer.communicate(timeout=30)
    finally:
        consumer.kill()
    assert consumer.returncode == 0, stderr
    assert stdout.splitlines() == ["new 1", "new 2"]


def test_kcat_reads_what_kibitz_produces_and_the_other_way_round(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    kibitz(kibitz_binary, "topics", "create", "from-kibitz", *bootstrap)
    lines = [f"user-{index}:purchase {index}" for index in range(100)]
    kibitz(
        kibitz_binary, "produce", "from-kibitz", "--key-separator", ":", "--compression", "zstd", *bootstrap,
        input_text="\n".join(lines) + "\n",
    )
    read_by_kcat = kcat(
        "-C", "-b", kibitz_server.bootstrap, "-t", "from-kibitz", "-o", "beginning", "-e", "-q", "-f", "%k:%s\\n"
    )
    assert read_by_kcat.splitlines() == lines

    kcat(
        "-P", "-b", kibitz_server.bootstrap, "-t", "from-kcat", "-K", ":", "-z", "lz4",
        input_text="\n".join(lines) + "\n",
    )
    read_by_kibitz = kibitz(
        kibitz_binary, "consume", "from-kcat", "--from-beginning", "--exit-at-end",
        "--print-key", "--key-separator", ":", *bootstrap,
    ).stdout
    assert read_by_kibitz.splitlines() == lines


def test_unreachable_bootstrap_fails_with_one_line_within_the_timeout(kibitz_binary):
    for arguments, input_text in [
        (["topics", "list"], None),
        (["consume", "games"], None),
        (["produce", "games"], "lost\n"),
    ]:
        started = time.monotonic()
        result = kibitz(
            kibitz_binary, *arguments, "--bootstrap", "127.0.0.1:1", "--timeout", "2",
            input_text=input_text, expect_success=False, timeout=30,
        )
        assert result.returncode != 0
        assert time.monotonic() - started < 10
        assert "cannot reach Kafka at 127.0.0.1:1" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""


def test_missing_topic_and_bad_arguments_are_reported_without_a_crash(kibitz_binary, kibitz_server):
    bootstrap = ["--bootstrap", kibitz_server.bootstrap]
    missing = kibitz(kibitz_binary, "consume", "nowhere", "--exit-at-end", *bootstrap, expect_success=False)
    assert missing.returncode != 0
    assert "topic nowhere does not exist" in missing.stderr
    described = kibitz(kibitz_binary, "topics", "describe", "nowhere", *bootstrap, expect_success=False)
    assert described.returncode != 0
    assert "does not exist" in described.stderr

    for arguments in [
        ["produce", "games", "--compression", "brotli", *bootstrap],
        ["produce", "games", "--acks", "2", *bootstrap],
        ["topics", "create", "zero", "--partitions", "0", *bootstrap],
        ["topics", "create", "bad", "--config", "retention.ms", *bootstrap],
        ["topics", "list", "--bootstrap", "localhost:port"],
        ["topics", "list", "-X", "no.such.property=1", *bootstrap],
    ]:
        result = kibitz(kibitz_binary, *arguments, input_text="", expect_success=False)
        assert result.returncode not in (0, -6, -11), (arguments, result.returncode)
        assert result.stderr.strip(), arguments
