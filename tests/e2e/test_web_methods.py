"""HEAD, plain requests to live channels and refused upgrades against a real `kibitz serve`: HEAD
answers as GET but never buys, a live channel asked without an upgrade says so, and a refused
upgrade gives the API's status and reason; page files are never served raw."""

import websocket
from test_web_security import request


def test_head_answers_as_get_and_changes_nothing(kibitz_server):
    for path in ("/", "/health", "/chess", "/api/chess/stats", "/shop/stats"):
        status, headers, _ = request(kibitz_server, "HEAD", path)
        assert status == 200, path
    status, headers, answer = request(kibitz_server, "HEAD", "/purchase_a_sword?player=heady")
    assert status == 405
    assert headers["Allow"] == "GET, POST"
    status, _, inventory = request(kibitz_server, "GET", "/api/shop/inventory/heady")
    assert status == 200 and inventory["total"] == 0, "a HEAD bought nothing"
    status, headers, _ = request(kibitz_server, "DELETE", "/")
    assert status == 405 and headers["Allow"] == "GET, HEAD, POST"


def test_a_live_channel_without_an_upgrade_says_so(kibitz_server):
    for path in ("/ws/chess/dashboard", "/ws/f1/leaderboard", "/ws/shop/stats", "/ws/arena/warehouse"):
        status, headers, answer = request(kibitz_server, "GET", path)
        assert status == 426, path
        assert headers["Upgrade"] == "websocket"
        assert "live channel" in answer["error"]


def test_refused_upgrades_give_the_apis_status_and_reason(kibitz_server):
    url = kibitz_server.base_url.replace("http://", "ws://")
    for path, status, reason in (
        ("/ws/shop/inventory/a%20b", 422, "player may only contain"),
        ("/ws/chess/games/nonexist", 404, "no game with id 'nonexist'"),
    ):
        try:
            websocket.create_connection(url + path, timeout=5).close()
            raise AssertionError(f"{path} opened")
        except websocket.WebSocketBadStatusException as refusal:
            assert refusal.status_code == status, path
            assert reason in refusal.resp_body.decode(), refusal.resp_body
    websocket.create_connection(url + "/ws/shop/inventory/ann", timeout=5).close()


def test_page_files_are_not_served_raw(kibitz_server):
    for path in ("/chess/static/board.html", "/shop/static/shop.html", "/f1/static/leaderboard.html"):
        status, _, _ = request(kibitz_server, "GET", path)
        assert status == 404, path
    status, _, _ = request(kibitz_server, "GET", "/chess/static/css/chess.css")
    assert status == 200
