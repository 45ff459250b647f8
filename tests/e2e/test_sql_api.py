"""The SQL HTTP API against a real `kibitz serve`: POST /api/sql, /api/views, /api/jobs, /ws/views.

One server for the module (its tests keep apart by their table, topic and view names) and a second,
small one for the limits. Every refused request is checked to have changed nothing.
"""

import json
import subprocess
import time
from pathlib import Path

import pytest
import websocket

from conftest import consume_all
from sql_helpers import (catalog_state, create_topics, http, kafka_table, produce, server_is_healthy, sql, sql_ok,
                         sql_refused, view, wait_for_view)

SCORES_COLUMNS = "player STRING, points INT, ts BIGINT"


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


@pytest.fixture(scope="module")
def small_server(module_server_factory):
    """A server with tight limits: two queries, five rows per append-only view, two temporary views."""
    return module_server_factory("--sql-max-queries", "2", "--sql-max-view-rows", "5", "--sql-max-temporary-queries", "2")


def scores_table(name: str, topic: str) -> str:
    return kafka_table(name, topic, SCORES_COLUMNS)


# MARK: Statements that succeed


def test_script_answers_what_each_statement_did(server):
    create_topics(server, ["api_report"])
    results = sql_ok(server, scores_table("api_report", "api_report") + ";\n"
                     "CREATE VIEW api_report_totals AS SELECT player, SUM(points) AS total FROM api_report GROUP BY player;\n"
                     "SHOW VIEWS;\n"
                     "DROP VIEW api_report_totals;\n"
                     "DROP TABLE api_report;")
    assert [result["kind"] for result in results] == [
        "table_created", "view_created", "rows", "view_dropped", "table_dropped"]
    assert results[0]["name"] == "api_report" and results[0]["message"] == "Table 'api_report' created"
    assert results[1]["message"] == "View 'api_report_totals' created"
    assert ["api_report_totals"] in results[2]["rows"]
    assert results[3]["message"] == "View 'api_report_totals' dropped"
    assert results[0]["statement"].startswith("CREATE TABLE api_report")
    assert "api_report" not in json.dumps(catalog_state(server))


def test_show_describe_explain_and_set(server):
    create_topics(server, ["api_show"])
    sql_ok(server, kafka_table("api_show", "api_show",
                               "player STRING NOT NULL, points INT, ts BIGINT, rt AS TO_TIMESTAMP_LTZ(ts, 3),\n"
                               "  WATERMARK FOR rt AS rt - INTERVAL '2' SECOND") + ";\n"
           "CREATE VIEW api_show_count AS SELECT player, COUNT(*) AS games FROM api_show GROUP BY player")
    tables = sql_ok(server, "SHOW TABLES")[0]
    assert tables["columns"] == ["table name"]
    assert ["api_show"] in tables["rows"] and ["api_show_count"] in tables["rows"]
    views = sql_ok(server, "SHOW VIEWS")[0]
    assert ["api_show_count"] in views["rows"] and ["api_show"] not in views["rows"]

    describe = sql_ok(server, "DESCRIBE api_show")[0]
    assert describe["columns"] == ["name", "type", "null", "key", "extras", "watermark"]
    by_name = {row[0]: row for row in describe["rows"]}
    assert by_name["player"][1:3] == ["STRING", "FALSE"]
    assert by_name["points"][1:3] == ["INT", "TRUE"]
    assert by_name["rt"][1] == "TIMESTAMP_LTZ(3) *ROWTIME*"
    assert by_name["rt"][4] == "AS ..." and by_name["rt"][5] == "`rt` - 2000 ms"
    described_view = sql_ok(server, "DESCRIBE api_show_count")[0]
    assert [row[:3] for row in described_view["rows"]] == [["player", "STRING", "FALSE"], ["games", "BIGINT", "FALSE"]]

    plan = sql_ok(server, "EXPLAIN SELECT player FROM api_show WHERE points > 3")[0]
    assert plan["kind"] == "plan" and "api_show" in plan["plan"] and "points" in plan["plan"]

    settings = sql_ok(server, "SET")[0]
    assert ["table.local-time-zone", "UTC"] in settings["rows"]
    assert sql_ok(server, "SET 'execution.runtime-mode' = 'streaming'")[0]["kind"] == "unchanged"
    assert sql_ok(server, "SET 'parallelism.default' = '4'")[0]["message"] == "'parallelism.default' has no effect in Kibitz"
    refused = sql_refused(server, "SET 'execution.runtime-mode' = 'batch'")
    assert refused["error"].startswith("not supported:") and "streaming" in refused["error"]
    refused = sql_refused(server, "SET 'table.exec.mini-batch.enabled' = 'true'")
    assert refused["error"] == "not supported: the setting 'table.exec.mini-batch.enabled'"
    missing = sql_refused(server, "DESCRIBE api_nothing")
    assert "api_nothing" in missing["error"] and missing["line"] == 1 and missing["column"] == 10


def test_drop_if_exists_and_dependencies(server):
    create_topics(server, ["api_drop"])
    sql_ok(server, scores_table("api_drop", "api_drop") + ";\n"
           "CREATE VIEW api_drop_view AS SELECT player FROM api_drop")
    before = catalog_state(server)
    refused = sql_refused(server, "DROP TABLE api_drop")
    assert refused["error"] == "'api_drop' is read by view 'api_drop_view': drop the view first"
    assert catalog_state(server) == before
    assert sql_refused(server, "DROP VIEW api_drop")["error"] == "'api_drop' is a table: use DROP TABLE"
    assert sql_refused(server, "DROP TABLE api_drop_view")["error"] == "'api_drop_view' is a view: use DROP VIEW"
    assert "api_none" in sql_refused(server, "DROP VIEW api_none")["error"]
    assert "api_none" in sql_refused(server, "DROP TABLE api_none")["error"]
    results = sql_ok(server, "DROP VIEW IF EXISTS api_none; DROP TABLE IF EXISTS api_none")
    assert [result["kind"] for result in results] == ["unchanged", "unchanged"]
    assert results[0]["message"] == "View 'api_none' does not exist"
    results = sql_ok(server, "DROP VIEW IF EXISTS api_drop_view; DROP TABLE IF EXISTS api_drop")
    assert [result["kind"] for result in results] == ["view_dropped", "table_dropped"]
    assert catalog_state(server) != before


# MARK: Refusals


def test_syntax_error_points_at_the_bad_token(server):
    before = catalog_state(server)
    script = ("CREATE TABLE api_syntax (a INT) WITH ('connector' = 'blackhole');\n"
              "\n"
              "SELECT a,\n"
              "       a + 1 AS b\n"
              "  FROM api_syntax WHERE a >> 2;\n")
    refused = sql_refused(server, script)
    assert refused["kind"] == "syntax"
    assert (refused["line"], refused["column"]) == (5, 28), refused
    assert script.splitlines()[refused["line"] - 1][refused["column"] - 1:].startswith("> 2"), refused
    assert catalog_state(server) == before

    refused = sql_refused(server, "SELECT player,\n  FROM somewhere")
    assert (refused["line"], refused["column"]) == (2, 3), refused
    assert "FROM" in refused["error"]


def test_unknown_column_and_table_are_named(server):
    create_topics(server, ["api_unknown"])
    sql_ok(server, scores_table("api_unknown", "api_unknown"))
    before = catalog_state(server)
    refused = sql_refused(server, "CREATE VIEW api_unknown_v AS\nSELECT player, scroe FROM api_unknown")
    assert refused["kind"] == "validation" and "scroe" in refused["error"]
    assert (refused["line"], refused["column"]) == (2, 16)
    refused = sql_refused(server, "SELECT player FROM api_no_such_table")
    assert "api_no_such_table" in refused["error"] and (refused["line"], refused["column"]) == (1, 20)
    assert catalog_state(server) == before


def test_type_error_is_named(server):
    create_topics(server, ["api_types"])
    sql_ok(server, scores_table("api_types", "api_types"))
    before = catalog_state(server)
    refused = sql_refused(server, "SELECT SUM(player) FROM api_types")
    assert refused["kind"] == "validation" and "SUM" in refused["error"], refused
    refused = sql_refused(server, "SELECT player FROM api_types WHERE points")
    assert refused["error"] == "WHERE clause must be a condition, not an expression of type 'INT'", refused
    refused = sql_refused(server, "SELECT points + TRUE FROM api_types")
    assert refused["kind"] == "validation", refused
    assert catalog_state(server) == before


def test_unsupported_feature_is_refused_by_name(server):
    create_topics(server, ["api_unsupported"])
    sql_ok(server, scores_table("api_unsupported", "api_unsupported"))
    before = catalog_state(server)
    refused = sql_refused(server, "CREATE VIEW api_unsupported_v AS SELECT player, "
                                  "(SELECT MAX(points) FROM api_unsupported) AS best FROM api_unsupported")
    assert refused["kind"] == "unsupported" and refused["error"].startswith("not supported: "), refused
    assert catalog_state(server) == before


def test_failing_third_statement_creates_nothing(server):
    create_topics(server, ["api_atomic"])
    before = catalog_state(server)
    first_two = (scores_table("api_atomic", "api_atomic") + ";\n"
                 "CREATE VIEW api_atomic_totals AS SELECT player, SUM(points) AS total FROM api_atomic GROUP BY player;\n")
    refused = sql_refused(server, first_two + "CREATE VIEW api_atomic_bad AS SELECT nope FROM api_atomic;\n")
    assert "nope" in refused["error"] and (refused["line"], refused["column"]) == (10, 38), refused
    assert catalog_state(server) == before
    assert http(server, "GET", "/api/views/api_atomic_totals")[0] == 404
    results = sql_ok(server, first_two)
    assert [result["kind"] for result in results] == ["table_created", "view_created"]


@pytest.mark.parametrize("body, content_type, expected_status, needle", [
    (b"SELECT 1", "text/plain", 415, "Content-Type: application/json"),
    (b"{\"sql\": ", "application/json", 400, "not valid JSON"),
    (b"{}", "application/json", 422, "sql"),
    (b"{\"sql\": 42}", "application/json", 422, "sql"),
    (b"{\"sql\": null}", "application/json", 422, "sql"),
    (b"[\"SELECT 1\"]", "application/json", 422, "JSON object"),
])
def test_malformed_bodies_are_refused(server, body, content_type, expected_status, needle):
    before = catalog_state(server)
    status, answer = http(server, "POST", "/api/sql", raw=body, content_type=content_type)
    assert status == expected_status, answer
    assert isinstance(answer, dict) and needle in answer["error"], answer
    assert catalog_state(server) == before
    server_is_healthy(server)


@pytest.mark.parametrize("script", ["", "   \n  ", "-- nothing to do\n/* at all */\n", ";;"])
def test_empty_scripts_are_refused(server, script):
    before = catalog_state(server)
    refused = sql_refused(server, script)
    assert refused["kind"] == "syntax" and "no statement" in refused["error"], refused
    assert catalog_state(server) == before


def test_huge_body_is_refused(server):
    before = catalog_state(server)
    script = "SELECT 1 -- " + "x" * 2_000_000
    status, answer = sql(server, script)
    assert status == 413, (status, str(answer)[:200])
    assert catalog_state(server) == before
    server_is_healthy(server)


@pytest.mark.parametrize("name", ["`api-dash`", "`api view`", "`api/slash`", "`api.dot`", "`vue_é`", "`1api`"])
def test_view_names_that_are_not_url_safe_are_refused(server, name):
    sql_ok(server, "CREATE TABLE IF NOT EXISTS api_names (a INT) WITH ('connector' = 'kafka', 'topic' = 'api_names',"
                   " 'format' = 'json')")
    before = catalog_state(server)
    refused = sql_refused(server, f"CREATE VIEW {name} AS SELECT a FROM api_names")
    assert "letters, digits and underscores" in refused["error"] and refused["column"] == 13, refused
    assert catalog_state(server) == before


# MARK: Views


def test_view_answer_shape_and_value_types(server):
    create_topics(server, ["api_shape"])
    sql_ok(server, kafka_table("api_shape", "api_shape",
                               "id INT, price DECIMAL(10, 2), ratio DOUBLE, seen TIMESTAMP(3), "
                               "ts BIGINT, at_ltz AS TO_TIMESTAMP_LTZ(ts, 3), ok BOOLEAN, "
                               "player ROW<name STRING, elo INT>, note STRING") + ";\n"
           "CREATE VIEW api_shape_v AS SELECT id, price, ratio, seen, at_ltz, ok, player, player.name AS who, "
           "note FROM api_shape")
    produce(server, "api_shape", [
        {"id": 1, "price": 12.5, "ratio": 0.25, "seen": "2024-03-01 09:08:07.006", "ts": 1709283709016,
         "ok": True, "player": {"name": "ann", "elo": 1500}, "note": "hi"},
        {"id": 2, "price": "99999999.99", "ratio": None, "seen": None, "ts": None, "ok": None, "player": None},
    ])
    answer = wait_for_view(server, "api_shape_v", lambda v: v["row_count"] == 2)
    assert answer["name"] == "api_shape_v" and answer["kind"] == "view" and answer["status"] == "running"
    assert answer["dead_letter_topic"] == "sql.api_shape_v.dead-letter"
    assert answer["columns"] == [
        {"name": "id", "type": "INT"}, {"name": "price", "type": "DECIMAL(10, 2)"},
        {"name": "ratio", "type": "DOUBLE"}, {"name": "seen", "type": "TIMESTAMP(3)"},
        {"name": "at_ltz", "type": "TIMESTAMP_LTZ(3)"}, {"name": "ok", "type": "BOOLEAN"},
        {"name": "player", "type": "ROW<`name` STRING, `elo` INT>"}, {"name": "who", "type": "STRING"},
        {"name": "note", "type": "STRING"}]
    rows = sorted(answer["rows"], key=lambda row: row["id"])
    assert rows[0] == {"id": 1, "price": "12.50", "ratio": 0.25, "seen": "2024-03-01 09:08:07.006",
                       "at_ltz": "2024-03-01 09:01:49.016", "ok": True, "player": {"name": "ann", "elo": 1500},
                       "who": "ann", "note": "hi"}
    assert rows[1] == {"id": 2, "price": "99999999.99", "ratio": None, "seen": None, "at_ltz": None, "ok": None,
                       "player": None, "who": None, "note": None}
    status, listing = http(server, "GET", "/api/views")
    assert status == 200 and "api_shape_v" in [entry["name"] for entry in listing["views"]]


def test_unknown_view_is_404(server):
    for method, path in [("GET", "/api/views/api_missing"), ("DELETE", "/api/views/api_missing"),
                         ("DELETE", "/api/jobs/api_missing"), ("GET", "/views/api_missing")]:
        status, answer = http(server, method, path)
        assert status == 404, (method, path, status, answer)
        if path.startswith("/api/"):
            assert "api_missing" in answer["error"], answer


def test_delete_view_frees_its_name_and_checkpoints(server):
    create_topics(server, ["api_delete"])
    statement = "CREATE VIEW api_delete_v AS SELECT player, COUNT(*) AS n FROM api_delete GROUP BY player"
    sql_ok(server, scores_table("api_delete", "api_delete") + ";\n" + statement)
    produce(server, "api_delete", [{"player": "ann", "points": 1, "ts": 1}])
    wait_for_view(server, "api_delete_v", lambda v: v["row_count"] == 1)
    checkpoints = server.data_dir / "streams" / "sql.api_delete_v"
    deadline = time.monotonic() + 10
    while not checkpoints.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert checkpoints.exists(), "the view never checkpointed"

    status, answer = http(server, "DELETE", "/api/views/api_delete_v")
    assert status == 200 and answer == {"dropped": "api_delete_v"}
    assert http(server, "GET", "/api/views/api_delete_v")[0] == 404
    assert not checkpoints.exists()
    assert ["api_delete_v"] not in sql_ok(server, "SHOW VIEWS")[0]["rows"]
    # The name is free, and the new view starts from nothing rather than from old state.
    sql_ok(server, statement)
    answer = wait_for_view(server, "api_delete_v", lambda v: v["caught_up"])
    assert answer["rows"] == [{"player": "ann", "n": 1}]


def test_websocket_sends_snapshot_then_changes(server):
    create_topics(server, ["api_live"])
    sql_ok(server, scores_table("api_live", "api_live") + ";\n"
           "CREATE VIEW api_live_v AS SELECT player, SUM(points) AS total FROM api_live GROUP BY player")
    produce(server, "api_live", [{"player": "ann", "points": 3, "ts": 1}])
    wait_for_view(server, "api_live_v", lambda v: v["row_count"] == 1)

    channel = websocket.create_connection(f"ws://127.0.0.1:{server.http_port}/ws/views/api_live_v", timeout=10)
    try:
        snapshot = json.loads(channel.recv())
        assert snapshot["type"] == "snapshot" and snapshot["name"] == "api_live_v"
        assert snapshot["rows"] == [{"player": "ann", "total": 3}]
        produce(server, "api_live", [{"player": "ann", "points": 4, "ts": 2}, {"player": "bob", "points": 1, "ts": 3}])
        changes = []
        deadline = time.monotonic() + 10
        while len(changes) < 3 and time.monotonic() < deadline:
            message = json.loads(channel.recv())
            assert message["type"] == "changes", message
            changes += [(change["kind"], change["row"]) for change in message["changes"]]
        assert changes == [("-U", {"player": "ann", "total": 3}), ("+U", {"player": "ann", "total": 7}),
                           ("+I", {"player": "bob", "total": 1})], changes
    finally:
        channel.close()

    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(f"ws://127.0.0.1:{server.http_port}/ws/views/api_nothing", timeout=5)
    assert refused.value.status_code == 404
    server_is_healthy(server)


# MARK: Bad records and runtime errors


def dead_letters(server, view_name: str, count: int) -> list[dict]:
    """The view's dead letters once `count` are there: they are written with the view's checkpoints."""
    deadline = time.monotonic() + 10
    while True:
        lines = consume_all(server.bootstrap, f"sql.{view_name}.dead-letter")
        if len(lines) >= count or time.monotonic() > deadline:
            return [json.loads(line) for line in lines]
        time.sleep(0.1)


def test_malformed_records_are_dead_lettered(server):
    create_topics(server, ["api_bad"])
    sql_ok(server, kafka_table("api_bad", "api_bad", "player STRING, points INT, ts BIGINT, "
                               "rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt") + ";\n"
           "CREATE VIEW api_bad_v AS SELECT player, points FROM api_bad")
    produce(server, "api_bad", [
        {"player": "ann", "points": 1, "ts": 1000},
        "this is not json",
        {"player": "bob", "points": "many", "ts": 2000},
        {"player": "cid", "points": 3, "ts": None},
        {"player": "dan", "points": 4, "ts": 3000},
    ])
    answer = wait_for_view(server, "api_bad_v", lambda v: v["counters"]["dead_lettered"] == 3 and v["row_count"] == 2)
    assert sorted(row["player"] for row in answer["rows"]) == ["ann", "dan"]
    letters = dead_letters(server, "api_bad_v", 3)
    assert [letter["offset"] for letter in letters] == [1, 2, 3]
    assert all(letter["topic"] == "api_bad" and letter["pipeline"] == "sql.api_bad_v" for letter in letters)
    assert letters[0]["value"] == "this is not json"
    reasons = [letter["reason"] for letter in letters]
    assert "JSON" in reasons[0], reasons
    assert "points" in reasons[1], reasons
    assert "rt" in reasons[2] and "NULL" in reasons[2].upper(), reasons


def test_runtime_error_in_an_expression_dead_letters_that_row_only(server):
    create_topics(server, ["api_runtime"])
    sql_ok(server, kafka_table("api_runtime", "api_runtime", "player STRING, points INT, code STRING") + ";\n"
           "CREATE VIEW api_runtime_v AS SELECT player, 100 / points AS share, CAST(code AS INT) AS number "
           "FROM api_runtime")
    produce(server, "api_runtime", [
        {"player": "ann", "points": 4, "code": "7"},
        {"player": "bob", "points": 0, "code": "1"},
        {"player": "cid", "points": 5, "code": "x"},
        {"player": "dan", "points": 10, "code": "2"},
    ])
    answer = wait_for_view(server, "api_runtime_v",
                           lambda v: v["counters"]["dead_lettered"] == 2 and v["row_count"] == 2)
    assert sorted(answer["rows"], key=lambda row: row["player"]) == [
        {"player": "ann", "share": 25, "number": 7}, {"player": "dan", "share": 10, "number": 2}]
    reasons = [letter["reason"] for letter in dead_letters(server, "api_runtime_v", 2)]
    assert len(reasons) == 2 and "zero" in reasons[0].lower() and "'x'" in reasons[1], reasons


def test_view_over_a_topic_that_does_not_exist_yet(server):
    sql_ok(server, scores_table("api_later", "api_later") + ";\n"
           "CREATE VIEW api_later_v AS SELECT player, SUM(points) AS total FROM api_later GROUP BY player")
    assert view(server, "api_later_v")["rows"] == []
    produce(server, "api_later", [{"player": "ann", "points": 2, "ts": 1}, {"player": "ann", "points": 5, "ts": 2}])
    answer = wait_for_view(server, "api_later_v", lambda v: v["rows"] == [{"player": "ann", "total": 7}])
    assert answer["status"] == "running"


# MARK: INSERT INTO and jobs


def test_insert_into_a_kafka_table_and_stop_the_job(server):
    create_topics(server, ["api_insert_in", "api_insert_out"])
    sql_ok(server, scores_table("api_insert_in", "api_insert_in") + ";\n"
           "CREATE TABLE api_insert_out (player STRING, doubled INT) WITH ('connector' = 'kafka', "
           "'topic' = 'api_insert_out', 'format' = 'json', 'key.fields' = 'player', 'key.format' = 'raw')")
    results = sql_ok(server, "INSERT INTO api_insert_out SELECT player, points * 2 FROM api_insert_in WHERE points > 0")
    assert results[0]["kind"] == "job_started" and results[0]["name"] == "insert_into_api_insert_out"
    produce(server, "api_insert_in", [{"player": "ann", "points": 1, "ts": 1}, {"player": "bob", "points": 0, "ts": 2},
                                      {"player": "cid", "points": 21, "ts": 3}])
    deadline = time.monotonic() + 15
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = subprocess.run(["kcat", "-b", server.bootstrap, "-C", "-t", "api_insert_out", "-o", "beginning",
                                "-e", "-q", "-f", "%k\t%s\n"], capture_output=True, text=True, timeout=30
                               ).stdout.splitlines()
        if len(lines) >= 2:
            break
        time.sleep(0.1)
    assert [(key, json.loads(value)) for key, value in (line.split("\t") for line in lines)] == [
        ("ann", {"player": "ann", "doubled": 2}), ("cid", {"player": "cid", "doubled": 42})]
    status, listing = http(server, "GET", "/api/views")
    assert "insert_into_api_insert_out" in [job["name"] for job in listing["jobs"]]

    before = catalog_state(server)
    refused = sql_refused(server, "INSERT INTO api_insert_out SELECT player, CAST(COUNT(*) AS INT) "
                                  "FROM api_insert_in GROUP BY player")
    assert "doesn't support consuming update changes" in refused["error"] and "GROUP BY" in refused["error"]
    assert catalog_state(server) == before
    assert "api_insert_in" in sql_refused(server, "DROP TABLE api_insert_in")["error"]

    status, answer = http(server, "DELETE", "/api/jobs/insert_into_api_insert_out")
    assert status == 200 and answer == {"stopped": "insert_into_api_insert_out"}
    status, listing = http(server, "GET", "/api/views")
    assert listing["jobs"] == [] or "insert_into_api_insert_out" not in [job["name"] for job in listing["jobs"]]
    assert http(server, "DELETE", "/api/jobs/insert_into_api_insert_out")[0] == 404
    produce(server, "api_insert_in", [{"player": "dan", "points": 5, "ts": 4}])
    time.sleep(0.5)
    assert len(consume_all(server.bootstrap, "api_insert_out")) == 2, "a stopped job still wrote"
    sql_ok(server, "DROP TABLE api_insert_in")


# MARK: Limits


def test_query_limit_refuses_a_view_beyond_it(small_server):
    create_topics(small_server, ["limit_scores"])
    sql_ok(small_server, scores_table("limit_scores", "limit_scores") + ";\n"
           "CREATE VIEW limit_one AS SELECT player FROM limit_scores;\n"
           "CREATE VIEW limit_two AS SELECT points FROM limit_scores")
    before = catalog_state(small_server)
    refused = sql_refused(small_server, "CREATE VIEW limit_three AS SELECT ts FROM limit_scores")
    assert "--sql-max-queries" in refused["error"] and "2" in refused["error"], refused
    assert catalog_state(small_server) == before
    sql_ok(small_server, "DROP VIEW limit_two; CREATE VIEW limit_three AS SELECT ts FROM limit_scores")


def test_append_only_view_keeps_the_newest_rows(small_server):
    create_topics(small_server, ["limit_rows"])
    sql_ok(small_server, "DROP VIEW IF EXISTS limit_one; DROP VIEW IF EXISTS limit_three;\n"
           + scores_table("limit_rows", "limit_rows") + ";\n"
           "CREATE VIEW limit_rows_v AS SELECT player, points FROM limit_rows")
    produce(small_server, "limit_rows", [{"player": f"p{index}", "points": index, "ts": index} for index in range(12)])
    answer = wait_for_view(small_server, "limit_rows_v", lambda v: v["counters"]["rows_in"] == 12 and v["caught_up"])
    assert answer["row_count"] == 5 and answer["dropped_rows"] == 7
    assert sorted(row["points"] for row in answer["rows"]) == [7, 8, 9, 10, 11]


def test_oldest_temporary_queries_go_first(small_server):
    sql_ok(small_server, "CREATE TABLE IF NOT EXISTS limit_temporary (a INT) WITH ('connector' = 'kafka',"
                         " 'topic' = 'limit_temporary', 'format' = 'json')")
    names = [sql_ok(small_server, f"SELECT a + {number} AS b FROM limit_temporary")[0]["name"] for number in range(11)]
    status, listing = http(small_server, "GET", "/api/views")
    temporary = [entry["name"] for entry in listing["views"] if entry["kind"] == "temporary"]
    assert sorted(temporary) == sorted(names[-2:]), (names, temporary)
    deadline = time.monotonic() + 5
    while True:
        left = sorted(path.name for path in (small_server.data_dir / "streams").glob("sql.query_*"))
        if set(left) <= {f"sql.{name}" for name in names[-2:]} or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert set(left) <= {f"sql.{name}" for name in names[-2:]}, left


# MARK: Options checked at CREATE TABLE


@pytest.mark.parametrize("topic", ["../../x", ".", "..", "a b", "x" * 250, "sp%cial"])
def test_a_topic_that_kafka_cannot_name_is_refused_at_create(server, topic):
    before = catalog_state(server)
    refused = sql_refused(server, kafka_table("bad_topic_table", topic, SCORES_COLUMNS))
    assert "'topic'" in refused["error"] and "Kafka topic name" in refused["error"], refused
    # kafka_table writes the topic option on the statement's fifth line.
    assert (refused["line"], refused["column"]) == (5, 3), refused
    assert catalog_state(server) == before
    server_is_healthy(server)


def test_a_failing_row_is_dead_lettered_as_a_json_object_of_its_columns(server):
    create_topics(server, ["api_letter_row"])
    sql_ok(server, kafka_table("api_letter_row", "api_letter_row", "player STRING, points INT, price DECIMAL(6, 2)")
           + ";\nCREATE VIEW api_letter_row_v AS SELECT player, 100 / points AS share FROM api_letter_row")
    produce(server, "api_letter_row", [{"player": "ann", "points": 0, "price": 1.5}])
    letters = dead_letters(server, "api_letter_row_v", 1)
    assert len(letters) == 1 and "zero" in letters[0]["reason"].lower(), letters
    assert json.loads(letters[0]["value"]) == {"player": "ann", "points": 0, "price": "1.50"}, letters
    server_is_healthy(server)
