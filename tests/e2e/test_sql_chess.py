"""The chess dashboard's statistics as SQL (sql/chess/stats.sql) against the Swift pipeline that
serves the dashboard, on the same events: a deterministic set of DESIGN.md-shaped `games` and
`moves` records produced with confluent-kafka into a real `kibitz serve`, the SQL submitted with
`kibitz sql -f`, then every figure of GET /api/chess/stats (and the per-minute and per-second
counts the dashboard channel starts from, and the `chess.moves_per_minute` sink) compared with the
views' rows, exactly.

The events include what seed 0's nested query gets wrong: a `started` delivered twice and two
`ended` records whose `started` is not in the topic."""

import collections
import datetime
import json
import subprocess
import time
import urllib.request

import pytest
from confluent_kafka import Consumer, Producer

from conftest import REPOSITORY, KibitzServer

TIMEOUT = 30.0
SEED0_ACTIVE_GAMES = """SELECT SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) AS active_games
FROM (SELECT game_id, COUNT(*) AS record_count FROM games GROUP BY game_id)"""


def game_event(game_id: str, event: str, ts: int, result: str | None = None) -> dict:
    return {"game_id": game_id, "event": event, "white": "alice", "black": "ai", "mode": "ai",
            "result": result, "reason": "checkmate" if event == "ended" else None, "ts": ts}


def chess_events(now_ms: int) -> tuple[list[dict], list[dict]]:
    """Games and moves in event-time order: two games of two days ago, six of today (three ended),
    a duplicated `started`, two `ended` without a `started`; 60 moves over the last three minutes,
    on half-seconds so that no window closes on a watermark tie."""
    two_days_ago = now_ms - 2 * 86_400_000
    first_move = now_ms - now_ms % 1_000 - 185_000 + 500
    games = [game_event("y1", "started", two_days_ago), game_event("y2", "started", two_days_ago + 1),
             game_event("y1", "ended", two_days_ago + 2, "1-0"), game_event("y2", "ended", two_days_ago + 3, "0-1")]
    games += [game_event(f"g{number}", "started", first_move - 10_000 + number) for number in range(1, 7)]
    games += [game_event("dup", "started", first_move - 5_000), game_event("dup", "started", first_move - 5_000)]
    moves = []
    for index in range(60):
        game_id = f"g{index % 6 + 1}"
        ply = index // 6 + 1
        moves.append({"move_id": f"m{index}", "game_id": game_id, "ply": ply,
                      "color": "white" if ply % 2 else "black", "by": "player" if ply % 2 else "ai",
                      "uci": "e2e4", "san": "e4", "piece": "P", "from": "e2", "to": "e4", "fen": f"fen {index}",
                      "ts": first_move + index * 3_000})
    last_move = moves[-1]["ts"]
    # 300 ms after the last move: the games' watermark passes no second the moves' does not.
    games += [game_event("g1", "ended", last_move + 300, "1-0"), game_event("g2", "ended", last_move + 301, "0-1"),
              game_event("g3", "ended", last_move + 302, "1/2-1/2"),
              game_event("o1", "ended", last_move + 303, "1-0"), game_event("o2", "ended", last_move + 304, None)]
    return games, moves


def produce(server: KibitzServer, topic: str, records: list[dict]) -> None:
    failures = []
    producer = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 5,
                         "max.in.flight.requests.per.connection": 1})
    for record in records:
        producer.produce(topic, key=record["game_id"].encode(), value=json.dumps(record).encode(),
                         on_delivery=lambda error, _: failures.append(error) if error else None)
        producer.poll(0)
    assert producer.flush(30) == 0 and not failures, failures[:3]


def get(server: KibitzServer, path: str):
    with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
        return json.loads(response.read())


def view_rows(server: KibitzServer, name: str) -> list[dict]:
    return get(server, f"/api/views/{name}")["rows"]


def milliseconds(text: str) -> int:
    moment = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc)
    return round(moment.timestamp() * 1_000)


def sink_records(server: KibitzServer, idle_seconds: float) -> list[dict]:
    consumer = Consumer({"bootstrap.servers": server.bootstrap, "group.id": f"reader-{time.monotonic()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe(["chess.moves_per_minute"])
    records, idle_since = [], time.monotonic()
    while time.monotonic() - idle_since < idle_seconds:
        message = consumer.poll(0.2)
        if message is not None and message.error() is None:
            records.append(json.loads(message.value()))
            idle_since = time.monotonic()
    consumer.close()
    return records


def wait_until(description: str, condition) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (OSError, KeyError, IndexError):
            pass
        time.sleep(0.1)
    pytest.fail(f"not within {TIMEOUT:.0f} s: {description}")


def test_sql_statistics_equal_the_swift_pipeline(kibitz_server, kibitz_binary):
    result = subprocess.run([kibitz_binary, "sql", "--http", kibitz_server.base_url,
                             "-f", str(REPOSITORY / "sql" / "chess" / "stats.sql")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr + result.stdout
    games, moves = chess_events(int(time.time() * 1_000))
    # As the chess app writes them: the games' ends after their moves. (The Swift pipeline reads
    # both topics under one watermark, held back by a topic only while it has records to read:
    # ends read while the moves were not produced yet would make those moves late for its
    # per-minute sink, where the SQL view's watermark is the moves' own.)
    endings = [game for game in games if game["ts"] > moves[-1]["ts"]]
    produce(kibitz_server, "games", [game for game in games if game not in endings])
    produce(kibitz_server, "moves", moves)
    wait_until("both sides read the moves", lambda: (
        sum(entry["count"] for entry in get(kibitz_server, "/api/chess/stats")["moves_per_minute"]) == 60
        and sum(row["moves"] for row in view_rows(kibitz_server, "chess_moves_per_game")) == 60))
    produce(kibitz_server, "games", endings)

    # The events' own answers, computed here from the list above.
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    ended_today = sum(1 for game in games if game["event"] == "ended"
                      and datetime.datetime.fromtimestamp(game["ts"] / 1_000, datetime.timezone.utc)
                      .strftime("%Y-%m-%d") == today)
    wait_until("both sides hold every event", lambda: (
        get(kibitz_server, "/api/chess/stats")["active_games"] == 4
        and len(get(kibitz_server, "/api/chess/stats")["recent_moves"]) == 50
        and sum(row["moves"] for row in view_rows(kibitz_server, "chess_moves_per_game")) == 60
        and sum(row["completed"] for row in view_rows(kibitz_server, "chess_completed_per_day")) == 7
        and view_rows(kibitz_server, "chess_active_games") == [{"active_games": 4}]
        and len(view_rows(kibitz_server, "chess_recent_moves")) == 50))

    # The stats at one second of the wall clock, and the views (which do not depend on it).
    while True:
        before = time.time()
        stats = get(kibitz_server, "/api/chess/stats")
        after = time.time()
        if int(before) == int(after):
            break
    now_second = int(before)
    views = {name: view_rows(kibitz_server, name) for name in [
        "chess_active_games", "chess_completed_per_day", "chess_results", "chess_moves_per_second",
        "chess_moves_per_minute", "chess_game_moves_per_minute", "chess_moves_per_game", "chess_recent_moves"]}

    # active_games: 4 (g4, g5, g6 and the game started twice); seed 0's query says 5.
    assert stats["active_games"] == views["chess_active_games"][0]["active_games"] == 4
    seed0 = subprocess.run([kibitz_binary, "sql", "--http", kibitz_server.base_url, "--once", "--format", "json",
                            "-e", SEED0_ACTIVE_GAMES], capture_output=True, text=True, timeout=30)
    assert seed0.returncode == 0, seed0.stderr
    assert '"active_games": 5' in seed0.stdout.replace('":5', '": 5'), seed0.stdout

    # completed_today: the view's row for the current UTC day.
    per_day = {row["utc_day"]: row["completed"] for row in views["chess_completed_per_day"]}
    assert stats["completed_today"] == per_day.get(today, 0) == ended_today
    assert sum(per_day.values()) == 7

    # moves_last_minute: the per-second rows of the 60 seconds up to now.
    per_second = {row["epoch_second"]: row["moves"] for row in views["chess_moves_per_second"]}
    last_minute = sum(count for second, count in per_second.items() if now_second - 60 < second <= now_second)
    assert stats["moves_last_minute"] == last_minute
    assert 0 < last_minute < 60
    assert {entry["second"]: entry["count"] for entry in stats["moves_per_second"]} == {
        second: count for second, count in per_second.items() if second > now_second - 120}

    # recent_moves: the same 50 moves, newest first, field by field.
    recent = sorted(views["chess_recent_moves"], key=lambda row: row["row_num"])
    assert [{key: value for key, value in row.items() if key != "row_num"} for row in recent] == stats["recent_moves"]
    assert [move["move_id"] for move in stats["recent_moves"]] == [f"m{index}" for index in range(59, 9, -1)]

    # Results, moves per game.
    assert {row["game_result"]: row["games"] for row in views["chess_results"]} == stats["result_counts"] == {
        "1-0": 3, "0-1": 2, "1/2-1/2": 1, "unknown": 1}
    assert {row["game_id"]: row["moves"] for row in views["chess_moves_per_game"]} == {
        f"g{number}": 10 for number in range(1, 7)}

    # The chart's minutes: every closed minute of the TUMBLE view equals the dashboard's count.
    chart = {entry["minute"]: entry["count"] for entry in stats["moves_per_minute"]}
    closed = {milliseconds(row["window_start"]): row["moves"] for row in views["chess_moves_per_minute"]}
    watermark = moves[-1]["ts"] - 1_000
    expected_closed = collections.Counter(move["ts"] - move["ts"] % 60_000 for move in moves
                                          if move["ts"] - move["ts"] % 60_000 + 60_000 <= watermark)
    assert closed == dict(expected_closed) and closed
    assert all(chart[minute] == count for minute, count in closed.items())

    # The Swift pipeline's sink: moves per game per closed minute.
    wait_until("the sink's windows", lambda: len(sink_records(kibitz_server, 0.5)) >= len(
        views["chess_game_moves_per_minute"]))
    records = sink_records(kibitz_server, 1.0)
    swift_windows = {(record["key"], record["window_start"], record["value"]) for record in records}
    sql_windows = {(row["game_id"], milliseconds(row["window_start"]), row["moves"])
                   for row in views["chess_game_moves_per_minute"]}
    assert swift_windows == sql_windows and sql_windows
