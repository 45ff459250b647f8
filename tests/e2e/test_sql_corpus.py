"""The SQL conformance corpus (tests/sql) run by Kibitz: every case's result equals Flink's.

One `kibitz serve` for the module. Per case, its events files are produced by a real producer
into topics of its own (`CASE__moves`, ...), its tables are created over those topics and its
query becomes the bounded view `case_CASE`, both through `kibitz sql -f`; once the view reports
`"finished": true` its columns and rows must equal the golden result Flink made
(tests/sql/make_golden.py): rows as multisets unless the golden says "ordered", DECIMAL strings
exactly, DOUBLE within a relative 1e-9 (summation order may differ), everything else exactly.

The statements outside the subset (tests/sql/unsupported) must be refused with "not supported:",
creating nothing.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import REPOSITORY, KibitzServer
from sql_helpers import create_topics, http

sys.path.insert(0, str(REPOSITORY / "tests" / "sql"))
from sql_corpus import EVENTS, UNSUPPORTED, Case, cases, result_differences, with_topic_prefix  # noqa: E402

CORPUS_CASES = cases()
UNSUPPORTED_CASES = cases(UNSUPPORTED)
FINISH_TIMEOUT = 60.0
POLL_INTERVAL = 0.05


@pytest.fixture(scope="module")
def sql_server(kibitz_binary, tmp_path_factory):
    """One `kibitz serve` for every case; the cases keep apart by their topic, table and view names."""
    directory = tmp_path_factory.mktemp("sql-corpus")
    server = KibitzServer(kibitz_binary, directory / "data", directory / "serve.log", []).start()
    yield server
    server.stop()


def produce_events(server: KibitzServer, case: Case) -> None:
    """Every events file the case reads, line by line in file order, into the case's own topics."""
    create_topics(server, [f"{case.name}__{topic}" for topic in case.topics()])
    failures = []

    def delivered(error, message) -> None:
        if error is not None:
            failures.append(error)

    # One request in flight keeps the file's order in the topic even when a send is retried: the
    # order is what bounds the disorder below the watermark delay.
    producer = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 5,
                         "max.in.flight.requests.per.connection": 1})
    for topic in case.topics():
        for line in (EVENTS / f"{topic}.jsonl").read_text().splitlines():
            producer.produce(f"{case.name}__{topic}", value=line.encode(), on_delivery=delivered)
            producer.poll(0)
    remaining = producer.flush(30)
    assert remaining == 0 and not failures, f"{remaining} undelivered, errors: {failures[:3]}"


def view_name(case: Case) -> str:
    return f"case_{case.name}"


def kibitz_statements(case: Case) -> str:
    """The case as Kibitz runs it: its tables over the case's topics, its query as a view."""
    tables = [with_topic_prefix(table, case.name) for table in case.tables]
    return "".join(f"{table};\n\n" for table in tables) + f"CREATE VIEW {view_name(case)} AS\n{case.query};\n"


def submit_with_cli(kibitz_binary: str, server: KibitzServer, case: Case, directory: Path) -> None:
    path = directory / f"{case.name}.sql"
    path.write_text(kibitz_statements(case))
    result = subprocess.run([kibitz_binary, "sql", "--http", server.base_url, "-f", str(path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, (
        f"kibitz sql -f {path.name} exited with {result.returncode}\n"
        f"stderr: {result.stderr.strip()}\nstdout: {result.stdout.strip()}"
    )


def wait_until_finished(server: KibitzServer, name: str) -> dict:
    deadline = time.monotonic() + FINISH_TIMEOUT
    last = None
    while time.monotonic() < deadline:
        status, last = http(server, "GET", f"/api/views/{name}")
        if status == 200 and isinstance(last, dict) and last.get("finished") is True:
            return last
        time.sleep(POLL_INTERVAL)
    pytest.fail(f"view {name} not finished within {FINISH_TIMEOUT:.0f} s; last answer: {str(last)[:2000]}")


def drop_case(server: KibitzServer, case: Case, view: str | None) -> None:
    """Removes what the case created so the next case can create tables of the same names."""
    if view:
        http(server, "DELETE", f"/api/views/{view}")
    for table in case.table_names():
        http(server, "POST", "/api/sql", {"sql": f"DROP TABLE {table}"})


def compare_with_golden(case: Case, view: dict) -> None:
    golden = json.loads(case.golden_path().read_text())
    differences = result_differences(case.name, golden, view)
    assert differences is None, differences


@pytest.mark.parametrize("case", CORPUS_CASES, ids=[case.name for case in CORPUS_CASES])
def test_corpus_case_equals_flink(case, sql_server, kibitz_binary, tmp_path):
    produce_events(sql_server, case)
    view = None
    try:
        submit_with_cli(kibitz_binary, sql_server, case, tmp_path)
        view = view_name(case)
        compare_with_golden(case, wait_until_finished(sql_server, view))
    finally:
        drop_case(sql_server, case, view)


@pytest.mark.parametrize("case", UNSUPPORTED_CASES, ids=[case.name for case in UNSUPPORTED_CASES])
def test_unsupported_statement_is_refused(case, sql_server):
    create_topics(sql_server, [f"{case.name}__{topic}" for topic in case.topics()])
    status, views_before = http(sql_server, "GET", "/api/views")
    assert status == 200, views_before

    status, answer = http(sql_server, "POST", "/api/sql", {"sql": kibitz_statements(case)})
    assert status == 400, f"{case.name}: expected 400, got {status}: {answer}"
    assert isinstance(answer, dict) and str(answer.get("error", "")).startswith("not supported:"), (
        f"{case.name}: the error must start with 'not supported:': {answer}"
    )

    status, views_after = http(sql_server, "GET", "/api/views")
    assert status == 200 and views_after == views_before, f"views changed: {views_before} -> {views_after}"
    # Nothing was created: the same tables can still be created (then dropped again).
    tables = "".join(f"{with_topic_prefix(table, case.name)};\n" for table in case.tables)
    status, answer = http(sql_server, "POST", "/api/sql", {"sql": tables})
    assert status == 200, f"{case.name}: a failed submission left a table behind: {answer}"
    drop_case(sql_server, case, None)
