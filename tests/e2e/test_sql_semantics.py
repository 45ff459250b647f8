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
