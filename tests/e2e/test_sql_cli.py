"""`kibitz sql` against a real `kibitz serve`: -f files, -e with --once and following, stdin, errors.

One server for the module; each test uses tables and views of its own names.
"""

import csv
import io
import json
import os
import signal
import subprocess
import time

import pytest

from conftest import free_port
from sql_helpers import create_topics, http, kafka_table, produce, sql_ok, wait_for_view

SCORES_COLUMNS = "player STRING, points INT, ts BIGINT"


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


def kibitz_sql(binary: str, server, *arguments: str, input_text: str | None = None,
               timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run([binary, "sql", "--http", server.base_url, *arguments], input=input_text,
                          capture_output=True, text=True, timeout=timeout)


def view_names(server) -> list[str]:
    status, listing = http(server, "GET", "/api/views")
    assert status == 200, listing
    return [entry["name"] for entry in listing["views"]]


@pytest.fixture(scope="module")
def scores(server):
    """A table `cli_scores` with three players, and a view of the total per player."""
    create_topics(server, ["cli_scores"])
    produce(server, "cli_scores", [{"player": "ann", "points": 3, "ts": 1}, {"player": "bob", "points": 1, "ts": 2},
                                   {"player": "ann", "points": 4, "ts": 3}, {"player": "c, \"d\"", "points": 2,
                                                                             "ts": 4}])
    sql_ok(server, kafka_table("cli_scores", "cli_scores", SCORES_COLUMNS))
    return "cli_scores"


def test_file_submits_every_statement(kibitz_binary, server, tmp_path):
    create_topics(server, ["cli_file"])
    path = tmp_path / "stats.sql"
    path.write_text("-- the totals\n" + kafka_table("cli_file", "cli_file", SCORES_COLUMNS) + ";\n\n"
                    "CREATE VIEW cli_file_totals AS\n  SELECT player, SUM(points) AS total\n  FROM cli_file\n"
                    "  GROUP BY player;\n\nSHOW VIEWS;\n")
    result = kibitz_sql(kibitz_binary, server, "-f", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["[INFO] Table 'cli_file' created", "[INFO] View 'cli_file_totals' created"]
    assert "| cli_file_totals |" in result.stdout
    assert result.stderr == ""
    assert "cli_file_totals" in view_names(server)


def test_bad_file_names_file_line_and_column(kibitz_binary, server, tmp_path):
    path = tmp_path / "broken.sql"
    path.write_text("CREATE TABLE cli_broken (a INT) WITH ('connector' = 'blackhole');\n"
                    "CREATE VIEW cli_broken_v AS\n"
                    "  SELECT a FROM cli_broken WHERE a = = 1;\n")
    result = kibitz_sql(kibitz_binary, server, "-f", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"Error: {path}:3:38: "), message
    assert "Was expecting <expression>" in message
    assert "cli_broken" not in json.dumps(sql_ok(server, "SHOW TABLES"))


def test_unreadable_file(kibitz_binary, server, tmp_path):
    missing = tmp_path / "missing.sql"
    result = kibitz_sql(kibitz_binary, server, "-f", str(missing))
    assert result.returncode != 0 and result.stdout == ""
    assert str(missing) in result.stderr and "no such file" in result.stderr.lower(), result.stderr
    result = kibitz_sql(kibitz_binary, server, "-f", str(tmp_path))
    assert result.returncode != 0 and str(tmp_path) in result.stderr, result.stderr


@pytest.mark.parametrize("output_format", ["table", "csv", "json"])
def test_once_prints_the_current_rows_and_leaves_no_view(kibitz_binary, server, scores, output_format):
    result = kibitz_sql(kibitz_binary, server, "--once", "--format", output_format, "-e",
                        f"SELECT player, SUM(points) AS total FROM {scores} GROUP BY player")
    assert result.returncode == 0, result.stderr
    expected = {"ann": 7, "bob": 1, "c, \"d\"": 2}
    if output_format == "json":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert {row["player"]: row["total"] for row in rows} == expected
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0] == ["player", "total"]
        assert {row[0]: int(row[1]) for row in rows[1:]} == expected
    else:
        lines = result.stdout.splitlines()
        cells = [[cell.strip() for cell in line.split("|")[1:-1]] for line in lines if line.startswith("|")]
        assert cells[0] == ["player", "total"], lines
        assert {row[0]: int(row[1]) for row in cells[1:]} == expected
        assert lines[-1] == "3 rows in set"
    assert not [name for name in view_names(server) if name.startswith("query_")]


def test_follow_until_interrupted_drops_its_view(kibitz_binary, server, scores):
    process = subprocess.Popen(
        [kibitz_binary, "sql", "--http", server.base_url, "--format", "json", "-e",
         f"SELECT player, points FROM {scores} WHERE points > 100"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not [name for name in view_names(server) if name.startswith("query_")]:
            assert time.monotonic() < deadline and process.poll() is None, process.stderr.read()
            time.sleep(0.05)
        produce(server, scores, [{"player": "zed", "points": 500, "ts": 9}])
        first = process.stdout.readline()
        assert json.loads(first) == {"player": "zed", "points": 500}
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert process.stderr.read() == ""
    assert not [name for name in view_names(server) if name.startswith("query_")]


def test_statements_on_stdin(kibitz_binary, server, scores):
    script = ("SHOW\n  TABLES;\n"
              "SELECT nope FROM cli_scores;\n"
              "SELECT player,\n       points\n  FROM cli_scores\n  WHERE points = 4;\n"
              "CREATE VIEW cli_stdin_v AS SELECT player FROM cli_scores;\n")
    result = kibitz_sql(kibitz_binary, server, "--format", "csv", input_text=script)
    assert result.returncode == 0, result.stderr
    assert "| cli_scores " in result.stdout
    assert "player,points\nann,4" in result.stdout
    assert "[INFO] View 'cli_stdin_v' created" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and "nope" in errors[0] and "line 1, column 8" in errors[0], errors
    assert "cli_stdin_v" in view_names(server)
    assert not [name for name in view_names(server) if name.startswith("query_")]


def test_server_not_running(kibitz_binary):
    port = free_port()
    result = subprocess.run([kibitz_binary, "sql", "--http", f"http://127.0.0.1:{port}", "-e", "SHOW TABLES"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and result.stdout == ""
    message = result.stderr.strip()
    assert f"http://127.0.0.1:{port}" in message and "kibitz serve" in message, message
    assert len(message.splitlines()) == 1, message


@pytest.mark.parametrize("address", ["ftp://127.0.0.1:1", "127.0.0.1:8080", "http://", "not a url"])
def test_bad_http_address(kibitz_binary, address):
    result = subprocess.run([kibitz_binary, "sql", "--http", address, "-e", "SHOW TABLES"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "--http" in result.stderr and address in result.stderr, result.stderr
