"""HTTP limits: an oversized API body gets 413 with a JSON message and changes nothing."""

import time

from test_web_security import request

JSON = {"Content-Type": "application/json"}


def test_an_oversized_body_gets_413_and_creates_nothing(kibitz_server):
    body = b'{"name":"' + b"x" * 100_000 + b'"}'
    status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, body)
    assert status == 413 and "larger than" in answer["error"], answer
    time.sleep(0.3)
    assert request(kibitz_server, "GET", "/api/chess/stats")[2]["active_games"] == 0
