"""kcat (librdkafka) against a running kibitz serve: metadata, every codec, from the beginning."""

import subprocess

import pytest


def kcat(*arguments: str, input_text: str | None = None, timeout: float = 30) -> str:
    result = subprocess.run(
        ["kcat", *arguments], input=input_text, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_metadata_lists_the_broker_and_created_topics(kibitz_server):
    kcat("-b", kibitz_server.bootstrap, "-P", "-t", "listed", input_text="one\n")
    listing = kcat("-b", kibitz_server.bootstrap, "-L")
    assert f"broker 1 at 127.0.0.1:{kibitz_server.kafka_port}" in listing
    assert 'topic "listed" with 1 partitions' in listing


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_produce_and_consume_with_each_codec(kibitz_server, codec):
    lines = [f"{codec} message {index} " + "x" * (index % 50) for index in range(2000)]
    kcat("-b", kibitz_server.bootstrap, "-P", "-t", f"codec-{codec}", "-z", codec, input_text="\n".join(lines) + "\n")
    consumed = kcat("-b", kibitz_server.bootstrap, "-C", "-t", f"codec-{codec}", "-o", "beginning", "-e", "-q")
    assert consumed.splitlines() == lines


def test_consume_from_the_beginning_after_restart_keeps_offsets_and_keys(kibitz_server):
    kcat("-b", kibitz_server.bootstrap, "-P", "-t", "keyed", "-K", ":", input_text="k1:v1\nk2:v2\nk3:v3\n")
    kibitz_server.restart()
    consumed = kcat(
        "-b", kibitz_server.bootstrap, "-C", "-t", "keyed", "-o", "beginning", "-e", "-q", "-f", "%o %k %s\\n"
    )
    assert consumed.splitlines() == ["0 k1 v1", "1 k2 v2", "2 k3 v3"]


def test_consume_from_an_offset_and_the_end(kibitz_server):
    kcat("-b", kibitz_server.bootstrap, "-P", "-t", "offsets", input_text="".join(f"m{i}\n" for i in range(10)))
    assert kcat("-b", kibitz_server.bootstrap, "-C", "-t", "offsets", "-o", "7", "-e", "-q").split() == ["m7", "m8", "m9"]
    assert kcat("-b", kibitz_server.bootstrap, "-C", "-t", "offsets", "-o", "-2", "-e", "-q").split() == ["m8", "m9"]


def test_librdkafka_handshake_speaks_api_versions_3_without_a_retry(kibitz_server):
    result = subprocess.run(
        ["kcat", "-b", kibitz_server.bootstrap, "-L", "-d", "protocol"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "Received ApiVersionResponse (v3" in result.stderr
    assert "Protocol parse failure" not in result.stderr
    assert "retrying with v0" not in result.stderr
