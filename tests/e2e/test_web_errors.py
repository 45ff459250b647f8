"""Errors say what is wrong: 400 only for bodies that are not JSON, 422 naming the field and what
it may be, 405 with Allow, an HTML 404 page for browsers and JSON for the API, 507 when the disk is
full; requests are logged at debug, not info.
"""

import subprocess
import time

import pytest
from test_web_security import request

JSON = {"Content-Type": "application/json"}


def test_invalid_values_get_422_naming_the_field_and_nothing_is_created(kibitz_server):
    cases = [
        (b'{"mode":"robot"}', "'mode' must be ai or friend"),
        (b'{"mode":"demo"}', "'mode' must be ai or friend"),
        (b'{"level":11}', "'level' must be an integer from 1 to 10"),
        (b'{"level":"hard"}', "'level' must be an integer"),
        # Valid JSON numbers that are no integer, or none Swift can hold: still the field's rule.
        (b'{"level":3.5}', "'level' must be an integer from 1 to 10"),
        (b'{"level":1e400}', "'level' must be an integer from 1 to 10"),
        (b'{"level":99999999999999999999999}', "'level' must be an integer from 1 to 10"),
        (b'{"color":"green"}', "'color' must be white, black or random"),
        (b'{"name":"' + b"x" * 41 + b'"}', "'name' must be at most 40 characters"),
    ]
    for body, message in cases:
        status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, body)
        assert status == 422 and message in answer["error"], (body, answer)
    status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, b'{"mode":')
    assert status == 400 and answer["error"] == "the body is not valid JSON", answer
    for body in (b"null", b"[]", b'"x"', b"7"):
        status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, body)
        assert status == 422 and answer["error"] == "the body must be a JSON object", (body, answer)
    status, _, answer = request(kibitz_server, "POST", "/purchase_a_sword", JSON, b'{"player":["ann"]}')
    assert status == 422 and "'player' must be a string" in answer["error"], answer
    status, _, answer = request(kibitz_server, "POST", "/purchase_a_sword", JSON, b'{"player":"ann smith"}')
    assert status == 422 and "player" in answer["error"], answer
    status, _, answer = request(kibitz_server, "POST", "/purchase_a_sword", JSON, b'{"player":7}')
    assert status == 422 and "'player' must be a string" in answer["error"], answer

    status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, b'{}')
    assert status == 201, answer
    game_id = answer["game"]["game_id"]
    status, _, answer = request(kibitz_server, "POST", f"/api/chess/games/{game_id}/moves",
                                JSON | {"X-Player-Token": answer["player_token"]}, b'{"mvoe":"e2e4"}')
    assert status == 422 and "'move' is missing" in answer["error"], answer
    # Only the one valid game exists.
    time.sleep(0.5)
    assert request(kibitz_server, "GET", "/api/chess/stats")[2]["active_games"] == 1
    assert request(kibitz_server, "GET", "/api/shop/inventory/player-1")[2]["total"] == 0


def test_wrong_methods_get_405_with_allow(kibitz_server):
    # HEAD is answered wherever GET is (as GET without the body), so Allow names it.
    for method, path, allow in [("DELETE", "/api/chess/stats", "GET, HEAD"), ("GET", "/api/chess/games", "POST"),
                                ("PUT", "/api/chess/games/abc/moves", "POST"), ("POST", "/chess/dashboard", "GET, HEAD")]:
        status, headers, answer = request(kibitz_server, method, path, JSON if method != "GET" else {})
        assert status == 405, (method, path, answer)
        assert headers["Allow"] == allow
        assert method in answer["error"]


def test_unknown_paths_get_an_html_page_or_json(kibitz_server, browser):
    status, headers, answer = request(kibitz_server, "GET", "/api/nothing-here", {"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"].startswith("application/json")
    assert answer["error"] == "nothing at /api/nothing-here"
    status, _, answer = request(kibitz_server, "GET", "/nothing-here")
    assert status == 404 and answer["error"] == "nothing at /nothing-here"
    status, headers, answer = request(kibitz_server, "GET", "/nothing-here", {"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert "Nothing here" in answer["text"]
    # A missing file under a known static route is a 404, not a 405.
    assert request(kibitz_server, "GET", "/chess/static/missing.js")[0] == 404

    browser.get(kibitz_server.base_url + "/no/such/page")
    assert browser.title == "Not found — Kibitz"
    assert "Chess dashboard" in browser.find_element("css selector", "header").text


def test_climbing_or_control_character_paths_get_a_json_400_and_files_are_still_served(kibitz_server):
    for path in ("/../../etc/passwd", "/%2e%2e/x", "/.%2e/x", "/css/..%2f..%2fx", "/..%5cx",
                 "/chess/static/..%2f..%2fPackage.swift", "/vendor/chart.js/../../../etc/passwd"):
        status, headers, answer = request(kibitz_server, "GET", path)
        assert status == 400 and headers["Content-Type"].startswith("application/json"), (path, answer)
        assert answer["error"] == "the path may not contain '..'", (path, answer)
    for path in ("/%00", "/x%00y", "/%0d%0aSet-Cookie:%20a=b", "/css/%1f"):
        status, headers, answer = request(kibitz_server, "GET", path)
        assert status == 400 and "Location" not in headers, (path, headers)
        assert answer["error"] == "the path may not contain control characters", (path, answer)
    status, _, answer = request(kibitz_server, "GET", "/%zz")
    assert status == 400 and answer["error"] == "the path is not valid percent-encoding", answer

    # Nothing changed: files and names with dots are still served, and the server is healthy.
    status, headers, answer = request(kibitz_server, "GET", "/css/kibitz.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css"), answer
    assert request(kibitz_server, "GET", "/chess/static/js/common.js")[0] == 200
    assert request(kibitz_server, "GET", "/health")[2] == {"text": "ok"}


def test_requests_are_logged_at_debug_only(kibitz_server_factory):
    quiet = kibitz_server_factory()
    chatty = kibitz_server_factory("--log-level", "debug")
    for server in (quiet, chatty):
        assert request(server, "GET", "/api/chess/stats?probe=logged")[0] == 200
    time.sleep(0.2)
    assert "probe=logged" not in quiet.log_text() and "/api/chess/stats" not in quiet.log_text()
    assert "/api/chess/stats" in chatty.log_text()


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MiB tmpfs (needs root, as in CI's container); skipped where mounting is not allowed."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount_point)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_answers_507_with_a_message(kibitz_binary, tmp_path, small_disk):
    from conftest import KibitzServer
    server = KibitzServer(kibitz_binary, small_disk / "data", tmp_path / "serve.log", ["--fsync", "never"])
    server.start()
    try:
        assert request(server, "GET", "/purchase_a_sword?player=ann")[0] == 200
        filler = small_disk / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True)
        # The segment's last page may still hold a few records; the first append beyond it fails.
        for _ in range(200):
            status, _, answer = request(server, "GET", "/purchase_a_sword?player=ann")
            if status != 200:
                break
        assert status == 507, answer
        assert "disk is full" in answer["error"]
        status, _, answer = request(server, "POST", "/api/chess/games", JSON, b"{}")
        assert status == 507, answer
        assert request(server, "GET", "/health")[0] == 200
        filler.unlink()
    finally:
        server.stop()
