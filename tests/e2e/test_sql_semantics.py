"""Flink's streaming semantics through a real `kibitz serve`: late rows are dropped and counted,
an updating result retracts what it replaced, and a multi-partition backlog makes no row late."""

import pytest

from sql_helpers import create_topics, kafka_table, produce, sql_ok, wait_for_view


@pytest.fixture(scope="module")
def server(module_server_factory):
    return module_server_factory()


def click(user: str, seconds: float) -> dict:
    return {"user": user, "ts": int(seconds * 1000)}


CLICK_COLUMNS = "`user` STRING, ts BIGINT, rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt - INTERVAL '2' SECOND"


def test_a_row_behind_the_watermark_is_dropped_and_counted(server):
    create_topics(server, ["late_clicks"])
    sql_ok(server, kafka_table("late_clicks", "late_clicks", CLICK_COLUMNS) + ";"
           + "CREATE VIEW late_counts AS SELECT window_start, COUNT(*) AS clicks"
           + " FROM TABLE(TUMBLE(TABLE late_clicks, DESCRIPTOR(rt), INTERVAL '10' SECOND))"
           + " GROUP BY window_start, window_end")
    # The watermark reaches 13 s (15 - 2): the window [0, 10) closes with its three rows; a row at
    # 9 s after that is late, one at 12 s is still on time for [10, 20).
    produce(server, "late_clicks", [click("a", 1), click("b", 5), click("c", 9.5), click("d", 15),
                                    click("late", 9), click("e", 12), click("f", 30)])
    answer = wait_for_view(server, "late_counts", lambda view: view["row_count"] == 2)
    assert answer["counters"]["late_rows"] == 1, answer["counters"]
    assert sorted((row["window_start"][-12:], row["clicks"]) for row in answer["rows"]) == [
        ("00:00:00.000", 3), ("00:00:10.000", 2)]


def test_an_updating_result_replaces_rows_rather_than_adding_them(server):
    create_topics(server, ["games_events"])
    sql_ok(server, kafka_table("game_events", "games_events", "game_id STRING, event STRING, ts BIGINT") + ";"
           + "CREATE VIEW active_games AS SELECT SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) AS active,"
           + " COUNT(*) AS games FROM (SELECT game_id, COUNT(*) AS record_count FROM game_events GROUP BY game_id)")
    produce(server, "games_events", [{"game_id": game, "event": "started", "ts": 1} for game in ("g1", "g2", "g3")])
    wait_for_view(server, "active_games", lambda view: view["rows"] == [{"active": 3, "games": 3}])
    # g2 ends: its count becomes 2, the outer sum retracts its 1.
    produce(server, "games_events", [{"game_id": "g2", "event": "ended", "ts": 2}])
    wait_for_view(server, "active_games", lambda view: view["rows"] == [{"active": 2, "games": 3}])


def test_a_backlog_over_several_partitions_makes_no_row_late(server):
    create_topics(server, ["spread_clicks"], partitions=3)
    clicks = [click(f"u{index % 7}", index * 0.5) for index in range(3_000)]
    produce(server, "spread_clicks", clicks, keys=[click["user"].encode() for click in clicks])
    sql_ok(server, kafka_table("spread_clicks", "spread_clicks", CLICK_COLUMNS,
                               extra_options=",\n  'scan.bounded.mode' = 'latest-offset'") + ";"
           + "CREATE VIEW spread_counts AS SELECT window_start, COUNT(*) AS clicks"
           + " FROM TABLE(TUMBLE(TABLE spread_clicks, DESCRIPTOR(rt), INTERVAL '1' MINUTE))"
           + " GROUP BY window_start, window_end")
    answer = wait_for_view(server, "spread_counts", lambda view: view["finished"])
    assert answer["counters"]["late_rows"] == 0, answer["counters"]
    assert sum(row["clicks"] for row in answer["rows"]) == 3_000
    assert all(row["clicks"] == 120 for row in answer["rows"]), answer["rows"]


# MARK: Values as Flink computes them (each checked with PyFlink 2.3)


def test_double_division_by_zero_is_ieee_and_integer_division_by_zero_dead_letters(server):
    create_topics(server, ["ieee_rows"])
    sql_ok(server, kafka_table("ieee_rows", "ieee_rows", "id INT, x DOUBLE, a INT") + ";"
           + "CREATE VIEW ieee_v AS SELECT id, x / 0 AS by_zero, CAST(a AS DOUBLE) / 0 AS cast_by_zero,"
           + " a / CAST(0 AS DOUBLE) AS int_by_double_zero, a / a AS int_by_int FROM ieee_rows")
    produce(server, "ieee_rows", [{"id": 1, "x": 1.5, "a": 3}, {"id": 2, "x": -1.5, "a": -2},
                                  {"id": 3, "x": 0.0, "a": 0}, {"id": 4, "x": 0.0, "a": 1}])
    answer = wait_for_view(server, "ieee_v", lambda v: v["row_count"] == 3 and v["counters"]["dead_lettered"] == 1)
    # Flink: Infinity, -Infinity and NaN for DOUBLE; INT / INT 0 fails (the third row).
    assert sorted(answer["rows"], key=lambda row: row["id"]) == [
        {"id": 1, "by_zero": "Infinity", "cast_by_zero": "Infinity", "int_by_double_zero": "Infinity", "int_by_int": 1},
        {"id": 2, "by_zero": "-Infinity", "cast_by_zero": "-Infinity", "int_by_double_zero": "-Infinity",
         "int_by_int": 1},
        {"id": 4, "by_zero": "NaN", "cast_by_zero": "Infinity", "int_by_double_zero": "Infinity", "int_by_int": 1}]


def test_a_cast_too_large_for_its_decimal_is_null_and_keeps_the_row(server):
    create_topics(server, ["decimal_fit"])
    sql_ok(server, kafka_table("decimal_fit", "decimal_fit", "id INT, amount DECIMAL(10, 2), x DOUBLE") + ";"
           + "CREATE VIEW decimal_fit_v AS SELECT id, CAST(amount AS DECIMAL(5, 1)) AS narrow,"
           + " CAST(x AS DECIMAL(10, 4)) AS from_double FROM decimal_fit")
    produce(server, "decimal_fit", [{"id": 1, "amount": 99999999.99, "x": 12345678.9},
                                    {"id": 2, "amount": 12.25, "x": 1.5}])
    answer = wait_for_view(server, "decimal_fit_v", lambda v: v["row_count"] == 2)
    # Flink: NULL where the value does not fit (12.25 rounds HALF_UP to 12.3).
    assert sorted(answer["rows"], key=lambda row: row["id"]) == [
        {"id": 1, "narrow": None, "from_double": None}, {"id": 2, "narrow": "12.3", "from_double": "1.5000"}]
    assert answer["counters"]["dead_lettered"] == 0


def test_union_all_converts_each_input_to_the_common_type(server):
    create_topics(server, ["union_types"])
    sql_ok(server, kafka_table("union_types", "union_types", "a INT, b BIGINT, c DECIMAL(10, 1)") + ";"
           + "CREATE VIEW union_types_v AS SELECT a AS v FROM union_types UNION ALL SELECT b FROM union_types"
           + " UNION ALL SELECT c FROM union_types")
    produce(server, "union_types", [{"a": 1, "b": 2, "c": 3.5}])
    answer = wait_for_view(server, "union_types_v", lambda v: v["row_count"] == 3)
    # Flink: the column is DECIMAL(20, 1) and every row is one, INT and BIGINT rows included.
    assert sorted(row["v"] for row in answer["rows"]) == ["1.0", "2.0", "3.5"]
    assert answer["columns"][0]["type"].startswith("DECIMAL(20, 1)"), answer["columns"]


def test_a_key_given_twice_takes_its_last_value(server):
    create_topics(server, ["twice_keys"])
    sql_ok(server, kafka_table("twice_keys", "twice_keys", "k INT, name STRING") + ";"
           + "CREATE VIEW twice_keys_v AS SELECT k, name FROM twice_keys")
    produce(server, "twice_keys", ['{"k": 4, "name": "a", "k": 5}', '{"name": "b", "k": 6, "name": "c"}'])
    answer = wait_for_view(server, "twice_keys_v", lambda v: v["row_count"] == 2)
    assert sorted((row["k"], row["name"]) for row in answer["rows"]) == [(5, "a"), (6, "c")]
