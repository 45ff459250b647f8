"""Chess games outlive the server: a restart rebuilds them from the `games`, `chess.seats` and
`moves` topics, idle games end as abandoned, and game creation is rate-limited per client address.
"""

import http.client
import json
import time
import urllib.request

from test_chess_web import api, board_data, click_move, css, ply_count, screenshot, wait


def create_game(base_url: str, **fields) -> dict:
    body = {"mode": "ai", "level": 1, "color": "white", "name": "Ann"} | fields
    status, answer = api(base_url, "POST", "/api/chess/games", body)
    assert status == 201, answer
    return answer


def move(base_url: str, game_id: str, uci: str, token: str) -> tuple[int, dict]:
    return api(base_url, "POST", f"/api/chess/games/{game_id}/moves", {"move": uci}, token=token)


def game(base_url: str, game_id: str) -> dict:
    status, answer = api(base_url, "GET", f"/api/chess/games/{game_id}")
    assert status == 200, answer
    return answer["game"]


def active_games(base_url: str) -> int:
    status, stats = api(base_url, "GET", "/api/chess/stats")
    assert status == 200, stats
    return stats["active_games"]


def wait_until(condition, timeout: float = 10.0, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{message} not met within {timeout} s")


def test_friend_and_computer_games_survive_a_restart(kibitz_server, browser):
    base_url = kibitz_server.base_url
    friend = create_game(base_url, mode="friend", name="Ann")
    friend_id, white_token = friend["game"]["game_id"], friend["player_token"]
    assert move(base_url, friend_id, "e2e4", white_token)[0] == 200

    # Bob joins through the share link in the browser and answers.
    browser.get(f"{base_url}/chess/games/{friend_id}?join=1")
    wait(browser).until(lambda d: css(d, "#join-panel").is_displayed())
    css(browser, "#join-name").send_keys("Bob")
    css(browser, "#join-button").click()
    wait(browser).until(lambda d: board_data(d, "my-color") == "black" and board_data(d, "interactive") == "true")
    click_move(browser, "e7e5")
    wait(browser).until(lambda d: ply_count(d) == 2)

    computer = create_game(base_url, name="Cy")
    computer_id, computer_token = computer["game"]["game_id"], computer["player_token"]
    status, answer = move(base_url, computer_id, "d2d4", computer_token)
    assert status == 200 and answer["ai_move"], answer
    computer_before = game(base_url, computer_id)
    friend_before = game(base_url, friend_id)

    kibitz_server.restart()

    # The same games, move for move, seats and names included.
    friend_after = game(base_url, friend_id)
    assert [m["uci"] for m in friend_after["moves"]] == ["e2e4", "e7e5"]
    assert friend_after["moves"] == friend_before["moves"]
    assert (friend_after["white"], friend_after["black"], friend_after["status"]) == ("Ann", "Bob", "active")
    assert friend_after["fen"] == friend_before["fen"]
    assert game(base_url, computer_id)["moves"] == computer_before["moves"]
    assert "restored chess games in progress" in kibitz_server.log_text()

    # The tokens still hold their seats: a stranger's does not, the seat is not free again.
    assert move(base_url, friend_id, "g1f3", "not-a-token")[0] == 403
    assert api(base_url, "POST", f"/api/chess/games/{friend_id}/join", {"name": "Eve"})[0] == 409
    assert move(base_url, friend_id, "g1f3", white_token)[0] == 200
    status, answer = move(base_url, computer_id, "c2c4", computer_token)
    assert status == 200 and answer["ai_move"] and len(answer["game"]["moves"]) == 4, answer

    # Bob's page, reloaded from the share link, still plays his colour and sees every move.
    browser.get(f"{base_url}/chess/games/{friend_id}")
    wait(browser).until(lambda d: ply_count(d) == 3 and board_data(d, "my-color") == "black")
    wait(browser).until(lambda d: board_data(d, "interactive") == "true")
    click_move(browser, "b8c6")
    wait(browser).until(lambda d: ply_count(d) == 4)
    screenshot(browser, "restart-share-link-after-restart")
    assert [m["uci"] for m in game(base_url, friend_id)["moves"]] == ["e2e4", "e7e5", "g1f3", "b8c6"]


def test_idle_games_end_as_abandoned_and_leave_the_active_count(kibitz_server_factory):
    # 0.05 minutes: a game nobody touches for 3 s is abandoned.
    server = kibitz_server_factory("--chess-abandon-after-minutes", "0.05")
    base_url = server.base_url
    idle = create_game(base_url, mode="friend")
    idle_id = idle["game"]["game_id"]
    kept = create_game(base_url)
    kept_id, kept_token = kept["game"]["game_id"], kept["player_token"]
    wait_until(lambda: active_games(base_url) == 2, message="two active games in the stats")

    # One game keeps moving; the other is left alone until it ends.
    deadline = time.monotonic() + 10
    while game(base_url, idle_id)["status"] == "active":
        assert time.monotonic() < deadline, "the idle game was never abandoned"
        legal = game(base_url, kept_id)["legal_moves"]
        assert move(base_url, kept_id, legal[0], kept_token)[0] == 200
        time.sleep(0.5)

    ended = game(base_url, idle_id)
    assert (ended["status"], ended["reason"], ended["result"]) == ("ended", "abandoned", "*")
    assert game(base_url, kept_id)["status"] == "active"
    wait_until(lambda: active_games(base_url) == 1, message="active_games back to 1")
    # An abandoned game takes no more moves or players.
    assert move(base_url, idle_id, "e2e4", idle["player_token"])[0] == 409
    assert api(base_url, "POST", f"/api/chess/games/{idle_id}/join", {"name": "Bob"})[0] == 409


def create_from(address: str, server) -> tuple[int, dict, dict]:
    """Creates a game over a connection from `address`, another client than 127.0.0.1."""
    connection = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=10, source_address=(address, 0))
    body = json.dumps({"mode": "ai", "level": 1})
    connection.request("POST", "/api/chess/games", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, dict(response.getheaders()), answer


def test_a_burst_of_creates_is_refused_after_the_limit(kibitz_server_factory):
    server = kibitz_server_factory("--chess-games-per-minute", "5")
    statuses = [create_from("127.0.0.1", server)[0] for _ in range(5)]
    assert statuses == [201] * 5
    status, headers, answer = create_from("127.0.0.1", server)
    assert status == 429, answer
    assert int(headers["Retry-After"]) >= 1
    assert "at most 5 a minute" in answer["error"]
    # The refused create made no game; another client address is not affected.
    wait_until(lambda: active_games(server.base_url) == 5, message="five active games")
    assert create_from("127.0.0.2", server)[0] == 201
    wait_until(lambda: active_games(server.base_url) == 6, message="six active games")
    with urllib.request.urlopen(server.base_url + "/health", timeout=5) as response:
        assert response.read() == b"ok"
