"""The chess dashboard's live channel against a real `kibitz serve`: the statistics first, then each
change of the pipeline's views as it happens (a move, its second, the active games, a result),
never the whole statistics again while the page keeps up."""

import json
import time

import websocket
from test_web_security import request

JSON = {"Content-Type": "application/json"}


def receive_until(channel, predicate, seconds: float = 20.0) -> list[dict]:
    """Messages of `channel` up to and including the first that satisfies `predicate`."""
    messages = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        channel.settimeout(max(0.1, deadline - time.monotonic()))
        message = json.loads(channel.recv())
        messages.append(message)
        if predicate(message):
            return messages
    raise AssertionError(f"no such message within {seconds} s; got {messages}")


def test_the_dashboard_channel_pushes_each_change_after_the_snapshot(kibitz_server):
    url = kibitz_server.base_url.replace("http://", "ws://")
    channel = websocket.create_connection(f"{url}/ws/chess/dashboard", timeout=10)
    try:
        snapshot = json.loads(channel.recv())
        assert snapshot["type"] == "snapshot"
        for field in ("active_games", "completed_today", "moves_last_minute", "recent_moves", "result_counts",
                      "moves_per_minute", "moves_per_second"):
            assert field in snapshot["stats"], field
        active_before = snapshot["stats"]["active_games"]

        status, _, created = request(kibitz_server, "POST", "/api/chess/games",
                                     headers=JSON, body=b'{"mode":"ai","color":"white","level":1}')
        assert status == 201
        game_id, token = created["game"]["game_id"], created["player_token"]
        messages = receive_until(channel, lambda m: m["type"] == "active_games" and m["count"] == active_before + 1)

        status, _, played = request(kibitz_server, "POST", f"/api/chess/games/{game_id}/moves",
                                    headers={**JSON, "X-Player-Token": token}, body=b'{"move":"e2e4"}')
        assert status == 200
        # A view's changes keep their order, but the views' interleave: the move and its second's
        # count come in either order.
        def move_and_its_second(_):
            moves = [m["move"] for m in messages if m["type"] == "move" and m["move"]["uci"] == "e2e4"]
            seconds = {m["second"]: m["count"] for m in messages if m["type"] == "second"}
            return bool(moves) and moves[0]["ts"] // 1000 in seconds

        for message in iter(lambda: json.loads(channel.recv()), None):
            messages.append(message)
            if move_and_its_second(message):
                break
        move = next(m["move"] for m in messages if m["type"] == "move")
        assert move["game_id"] == game_id and move["ply"] == 1 and move["color"] == "white"
        count = next(m["count"] for m in messages if m["type"] == "second" and m["second"] == move["ts"] // 1000)
        assert isinstance(count, int) and count >= 1

        status, _, _ = request(kibitz_server, "POST", f"/api/chess/games/{game_id}/resign",
                               headers={**JSON, "X-Player-Token": token}, body=b"{}")
        assert status == 200
        # The views' changes interleave: the result and the day's count come in either order.
        seen = set()

        def result_and_day(message):
            if message["type"] == "result" and message["result"] == "0-1":
                assert message["count"] >= 1
                seen.add("result")
            if message["type"] == "completed":
                assert message["day"] == time.strftime("%Y-%m-%d", time.gmtime()) and message["count"] >= 1
                seen.add("completed")
            return seen == {"result", "completed"}

        messages += receive_until(channel, result_and_day)
        # Changes only: nothing resent the whole statistics while this reader kept up.
        assert all(m["type"] != "snapshot" for m in messages), [m["type"] for m in messages]
    finally:
        channel.close()

    # The API's figures agree with what the channel said.
    status, _, stats = request(kibitz_server, "GET", "/api/chess/stats")
    assert status == 200
    assert stats["result_counts"].get("0-1", 0) >= 1
    assert any(m["game_id"] == game_id and m["uci"] == "e2e4" for m in stats["recent_moves"])
