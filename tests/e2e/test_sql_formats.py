"""SQL tables over CSV records and over the Kafka record's metadata, against a real `kibitz serve`.

Records are produced with kcat (a real producer, with keys, timestamps and several partitions);
the views' rows are read from the HTTP API once the bounded views have read their topics.
"""

import json
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import KibitzServer


@pytest.fixture(scope="module")
def server(kibitz_binary, tmp_path_factory):
    directory = tmp_path_factory.mktemp("sql-formats")
    server = KibitzServer(kibitz_binary, directory / "data", directory / "serve.log", []).start()
    yield server
    server.stop()


def request(server: KibitzServer, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    message = urllib.request.Request(server.base_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(message, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def produce(server: KibitzServer, topic: str, lines: list[str], partition: int | None = None) -> None:
    command = ["kcat", "-b", server.bootstrap, "-P", "-t", topic, "-K", "|"]
    if partition is not None:
        command += ["-p", str(partition)]
    subprocess.run(command, input="\n".join(lines) + "\n", text=True, check=True, timeout=20)


def finished_view(server: KibitzServer, name: str, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status, view = request(server, "GET", f"/api/views/{name}")
        assert status == 200, view
        if view["finished"] or time.monotonic() > deadline:
            assert view["finished"], view
            return view
        time.sleep(0.05)


def run(server: KibitzServer, sql: str) -> dict:
    status, body = request(server, "POST", "/api/sql", {"sql": sql})
    assert status == 200, body
    return body


def test_a_csv_table_reads_fields_by_position_with_quotes_nulls_and_types(server):
    produce(server, "scores_csv", [
        'k|1,"Ann, the first",12.50,true,2024-03-01 10:00:00.000',
        'k|2,Bob,7,false,2024-03-01 10:01:00.500',
        'k|3,"say ""hi""",,true,2024-03-01 10:02:00.000',
    ])
    run(server, """
        CREATE TABLE scores (id INT, name STRING, points DECIMAL(5, 2), active BOOLEAN, at TIMESTAMP(3))
        WITH ('connector' = 'kafka', 'topic' = 'scores_csv', 'format' = 'csv',
              'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW csv_scores AS SELECT id, name, points, active, at FROM scores""")
    view = finished_view(server, "csv_scores")
    assert [column["type"] for column in view["columns"]] == ["INT", "STRING", "DECIMAL(5, 2)", "BOOLEAN", "TIMESTAMP(3)"]
    assert view["rows"] == [
        {"id": 1, "name": "Ann, the first", "points": "12.50", "active": True, "at": "2024-03-01 10:00:00.000"},
        {"id": 2, "name": "Bob", "points": "7.00", "active": False, "at": "2024-03-01 10:01:00.500"},
        {"id": 3, "name": 'say "hi"', "points": None, "active": True, "at": "2024-03-01 10:02:00.000"},
    ]


def test_a_bad_csv_record_is_dead_lettered_with_the_reason_and_the_rest_is_read(server):
    produce(server, "bad_csv", ["k|1,Ann", "k|two,Bob", "k|3,Cy"])
    run(server, """
        CREATE TABLE people_csv (id INT, name STRING)
        WITH ('connector' = 'kafka', 'topic' = 'bad_csv', 'format' = 'csv',
              'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW csv_people AS SELECT id, name FROM people_csv""")
    view = finished_view(server, "csv_people")
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
    run(server, """
        CREATE TABLE clicks (
          `user` STRING,
          written TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
          `partition` INT METADATA VIRTUAL,
          `offset` BIGINT METADATA VIRTUAL,
          source_topic STRING METADATA FROM 'topic' VIRTUAL
        ) WITH ('connector' = 'kafka', 'topic' = 'clicks_meta', 'format' = 'json',
                'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
        CREATE VIEW click_places AS SELECT `user`, `partition`, `offset`, source_topic, written FROM clicks""")
    view = finished_view(server, "click_places")
    places = sorted((row["user"], row["partition"], row["offset"], row["source_topic"]) for row in view["rows"])
    assert places == [("ann", 0, 0, "clicks_meta"), ("bob", 0, 1, "clicks_meta"), ("cy", 1, 0, "clicks_meta")]
    now = time.time()
    for row in view["rows"]:
        written = time.mktime(time.strptime(row["written"][:19], "%Y-%m-%d %H:%M:%S")) - time.timezone
        assert abs(written - now) < 120, row


def test_an_unknown_metadata_key_or_format_option_is_refused_by_name(server):
    status, body = request(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE t (x STRING, h STRING METADATA FROM 'headers')
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json')"""})
    assert status == 400 and "Invalid metadata key 'headers'" in body["error"], body
    status, body = request(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE t (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json', 'json.no-such-option' = 'true')"""})
    assert status == 400 and "json.no-such-option" in body["error"], body
    assert body["line"] == 3, body
    status, body = request(server, "GET", "/api/views")
    assert all(view["name"] != "t" for view in body["views"])


def test_a_table_on_another_kafka_cluster_is_refused_and_this_servers_own_address_is_accepted(server):
    status, body = request(server, "POST", "/api/sql", {"sql": """
        CREATE TABLE remote (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
              'properties.bootstrap.servers' = 'kafka.example.com:9092')"""})
    assert status == 400 and body["error"].startswith("not supported: reading another Kafka cluster"), body
    assert body["line"] == 4, body
    run(server, f"""
        CREATE TABLE local_table (x STRING)
        WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
              'properties.bootstrap.servers' = '{server.bootstrap}')""")
