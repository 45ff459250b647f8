"""SQL tables over CSV records and over the Kafka record's metadata, against a real `kibitz serve`.

Records are produced with kcat (a real producer, with keys, timestamps and several partitions);
the views' rows are read from the HTTP API once the bounded views have read their topics.
"""

import json
import subprocess
import time

import pytest

from conftest import KibitzServer
from sql_helpers import http, sql_ok, wait_for_view


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


def produce(server: KibitzServer, topic: str, lines: list[str], partition: int | None = None) -> None:
    command = ["kcat", "-b", server.bootstrap, "-P", "-t", topic, "-K", "|"]
    if partition is not None:
        command += ["-p", str(partition)]
    subprocess.run(command, input="\n".join(lines) + "\n", text=True, check=True, timeout=20)


def test_a_csv_table_reads_fields_by_position_with_quotes_nulls_and_types(server):
    produce(server, "scores_csv", [
        'k|1,"Ann, the first",12.50,true,2024-03-01 10:00:00.000',
        'k|2,Bob,7,false,2024-03-01 10:01:00.500',
        'k|3,"say ""hi""",,true,2024-03-01 10:02:00.000',
    ])
    sql_ok(server, """
        CREATE TABLE scores (id INT, name STRING, points DECIMAL(5, 2), active BOOLEAN, at TIMESTAMP(3))
        WITH ('connector' = 'kafka', 'topic' = 'scores_csv', 'format' = 'csv',
              'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW csv_scores AS SELECT id, name, points, active, at FROM scores""")
    view = wait_for_view(server, "csv_scores", lambda view: view["finished"])
    assert [column["type"] for column in view["columns"]] == ["INT", "STRING", "DECIMAL(5, 2)", "BOOLEAN", "TIMESTAMP(3)"]
    assert view["rows"] == [
        {"id": 1, "name": "Ann, the first", "points": "12.50", "active": True, "at": "2024-03-01 10:00:00.000"},
        {"id": 2, "name": "Bob", "points": "7.00", "active": False, "at": "2024-03-01 10:01:00.500"},
        {"id": 3, "name": 'say "hi"', "points": None, "active": True, "at": "2024-03-01 10:02:00.000"},
    ]


def test_a_bad_csv_record_is_dead_lettered_with_the_reason_and_the_rest_is_read(server):
    produce(server, "bad_csv", ["k|1,Ann", "k|two,Bob", "k|3,Cy"])
    sql_ok(server, """
        CREATE TABLE people_csv (id INT, name STRING)
        WITH ('connector' = 'kafka', 'topic' = 'bad_csv', 'format' = 'csv',
              'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW csv_people AS SELECT id, name FROM people_csv""")
    view = wait_for_view(server, "csv_people", lambda view: view["finished"])
    assert view["rows"] == [{"id": 1, "name": "Ann"}, {"id": 3, "name": "Cy"}]
    assert view["counters"]["dead_lettered"] == 1
    # Dead letters are appended with the view's next checkpoint, exactly once.
    deadline = time.monotonic() + 10
    letters = []
    while not letters and time.monotonic() < deadline:
        letters = subprocess.run(
            ["kcat", "-b", server.bootstrap, "-C", "-t", view["dead_letter_topic"], "-o", "beginning", "-e", "-q"],
            capture_output=True, text=True, timeout=20).stdout.splitlines()
        time.sleep(0.1)
    assert len(letters) == 1, letters
    letter = json.loads(letters[0])
    assert letter["topic"] == "bad_csv" and letter["offset"] == 1 and letter["value"] == "two,Bob"
    assert "two" in letter["reason"], letter


def test_metadata_columns_give_each_record_its_timestamp_partition_offset_and_topic(server):
    subprocess.run(["kcat", "-b", server.bootstrap, "-L"], capture_output=True, timeout=20, check=True)
    subprocess.run([str(server.binary), "topics", "create", "clicks_meta", "--partitions", "2",
                    "--bootstrap", server.bootstrap], check=True, timeout=20, capture_output=True)
    produce(server, "clicks_meta", ['a|{"user": "ann"}', 'b|{"user": "bob"}'], partition=0)
    produce(server, "clicks_meta", ['c|{"user": "cy"}'], partition=1)
    sql_ok(server, """
        CREATE TABLE clicks (
          `user` STRING,
          written TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
          `partition` INT METADATA VIRTUAL,
          `offset` BIGINT METADATA VIRTUAL,
          source_topic STRING METADATA FROM 'topic' VIRTUAL
        ) WITH ('connector' = 'kafka', 'topic' = 'clicks_meta', 'format' = 'json',
                'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW click_places AS SELECT `user`, `partition`, `offset`, source_topic, written FROM clicks""")
    view = wait_for_view(server, "click_places", lambda view: view["finished"])
    places = sorted((row["user"], row["partition"], row["offset"], row["source_topic"]) for row in view["rows"])
    assert places == [("ann", 0, 0, "clicks_meta"), ("bob", 0, 1, "clicks_meta"), ("cy", 1, 0, "clicks_meta")]
    now = time.time()
    for row in view["rows"]:
        written = time.mktime(time.strptime(row["written"][:19], "%Y-%m-%d %H:%M:%S")) - time.timezone
        assert abs(written - now) < 120, row


def test_an_unknown_metadata_key_or_format_option_is_refused_by_name(server):
    status, body = http(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE t (x STRING, h STRING METADATA FROM 'headers')
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json')"""})
    assert status == 400 and "Invalid metadata key 'headers'" in body["error"], body
    status, body = http(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE t (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json', 'json.no-such-option' = 'true')"""})
    assert status == 400 and "json.no-such-option" in body["error"], body
    assert body["line"] == 3, body
    status, body = http(server, "GET", "/api/views")
    assert all(view["name"] != "t" for view in body["views"])


def test_a_table_on_another_kafka_cluster_is_refused_and_this_servers_own_address_is_accepted(server):
    status, body = http(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE remote (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
              'properties.bootstrap.servers' = 'kafka.example.com:9092')"""})
    assert status == 400 and body["error"].startswith("not supported: reading another Kafka cluster"), body
    assert body["line"] == 4, body
    sql_ok(server, f"""
        CREATE TABLE local_table (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
              'properties.bootstrap.servers' = '{server.bootstrap}')""")
