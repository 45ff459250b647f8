"""What another site's page, or a DNS-rebound name, can make a browser send to a local Kibitz is
refused: foreign Host (421), foreign Origin and cross-site state changes (403), non-JSON bodies
(415), for plain requests and WebSocket upgrades alike; curl and the server's own pages still work.
"""

import base64
import http.client
import json
import os
import socket
import time

import pytest

EVIL = "http://evil.example"


def request(server, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    """One request with exactly these headers (Host included, when given); returns status, headers, JSON."""
    connection = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    try:
        answer = json.loads(raw) if raw else {}
    except ValueError:
        answer = {"text": raw.decode(errors="replace")}
    return response.status, dict(response.getheaders()), answer


def websocket_status(server, path: str, headers: dict) -> int:
    """The status line's code of a WebSocket handshake for `path` with extra headers."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f"GET {path} HTTP/1.1", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
    if "Host" not in headers:
        lines.append(f"Host: 127.0.0.1:{server.http_port}")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", server.http_port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = connection.recv(4096).split(b"\r\n", 1)[0].decode()
    return int(status_line.split()[1])


def swords_of(server, player: str) -> int:
    status, _, answer = request(server, "GET", f"/api/shop/inventory/{player}")
    assert status == 200, answer
    return answer["items"]["sword"]


def create_game(server, headers: dict, body: bytes = b'{"mode":"ai","level":1}'):
    return request(server, "POST", "/api/chess/games", headers, body)


def test_cross_site_purchases_are_refused_and_curl_still_buys(kibitz_server):
    own_origin = f"http://127.0.0.1:{kibitz_server.http_port}"
    # As the README's curl does: no Origin, no Sec-Fetch headers.
    status, _, answer = request(kibitz_server, "GET", "/purchase_a_sword?player=ann")
    assert status == 200 and answer["player"] == "ann", answer
    # The shop page's own button: same-origin POST.
    status, _, answer = request(kibitz_server, "POST", "/purchase_a_sword?player=ann",
                                {"Origin": own_origin, "Sec-Fetch-Site": "same-origin"})
    assert status == 200, answer

    hostile = [
        {"Origin": EVIL},  # a fetch() from another site
        {"Sec-Fetch-Site": "cross-site"},  # an <img src> or a link on another site
        {"Sec-Fetch-Site": "same-site"},  # another port of localhost is the same site, not the same origin
        {"Origin": "null"},  # a sandboxed frame
    ]
    for headers in hostile:
        status, _, answer = request(kibitz_server, "GET", "/purchase_a_sword?player=ann", headers)
        assert status == 403, (headers, answer)
        assert answer["error"], answer
    status, _, answer = request(kibitz_server, "POST", "/purchase_a_horse?player=ann", {"Origin": EVIL})
    assert status == 403, answer
    # Nothing more was bought than the two allowed purchases.
    time.sleep(0.3)
    assert swords_of(kibitz_server, "ann") == 2
    # A cross-site link to a page still opens it.
    status, _, _ = request(kibitz_server, "GET", "/chess", {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
    assert status == 200


def test_state_changes_need_a_json_body_and_a_same_origin_caller(kibitz_server):
    own_origin = f"http://127.0.0.1:{kibitz_server.http_port}"
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        headers = {"Content-Type": content_type} if content_type else {}
        status, _, answer = create_game(kibitz_server, headers)
        assert status == 415, (content_type, answer)
        assert "application/json" in answer["error"]
    status, _, answer = create_game(kibitz_server, {"Content-Type": "application/json", "Origin": EVIL})
    assert status == 403 and "evil.example" in answer["error"], answer

    status, _, answer = create_game(kibitz_server, {"Content-Type": "application/json; charset=utf-8",
                                                    "Origin": own_origin})
    assert status == 201, answer
    status, _, answer = create_game(kibitz_server, {"Content-Type": "application/json",
                                                    "Host": f"localhost:{kibitz_server.http_port}",
                                                    "Origin": f"http://localhost:{kibitz_server.http_port}"})
    assert status == 201, answer
    # Exactly the two accepted games exist.
    deadline = time.monotonic() + 10
    while request(kibitz_server, "GET", "/api/chess/stats")[2]["active_games"] != 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.3)
    assert request(kibitz_server, "GET", "/api/chess/stats")[2]["active_games"] == 2


def test_foreign_host_names_are_refused_as_dns_rebinding(kibitz_server):
    port = kibitz_server.http_port
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        status, _, answer = request(kibitz_server, "GET", "/api/chess/stats", {"Host": host})
        assert status == 421, (host, answer)
        assert host in answer["error"]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"LOCALHOST:{port}"):
        assert request(kibitz_server, "GET", "/api/chess/stats", {"Host": host})[0] == 200, host


def test_a_request_with_two_host_headers_gets_400(kibitz_server):
    port = kibitz_server.http_port
    for hosts in ([f"localhost:{port}", "evil.com"], [f"localhost:{port}", f"localhost:{port}"]):
        head = f"GET /api/chess/stats HTTP/1.1\r\n" + "".join(f"Host: {host}\r\n" for host in hosts)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall((head + "Connection: close\r\n\r\n").encode())
            answer = b""
            while chunk := connection.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 400 "), answer
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1]) == {"error": "a request may carry only one Host header"}
    # One Host is still answered.
    assert request(kibitz_server, "GET", "/api/chess/stats", {"Host": f"localhost:{port}"})[0] == 200


def test_websocket_upgrades_check_origin_and_host(kibitz_server):
    port = kibitz_server.http_port
    assert websocket_status(kibitz_server, "/ws/chess/dashboard", {"Origin": f"http://127.0.0.1:{port}"}) == 101
    # A refused upgrade gets the status and JSON message a plain request would.
    assert websocket_status(kibitz_server, "/ws/chess/dashboard", {"Origin": EVIL}) == 403
    assert websocket_status(kibitz_server, "/ws/shop/inventory/ann", {"Origin": EVIL}) == 403
    assert websocket_status(kibitz_server, "/ws/chess/dashboard", {"Host": f"evil.example:{port}"}) == 421
    assert websocket_status(kibitz_server, "/ws/chess/games/no-such-game", {}) == 404
    assert websocket_status(kibitz_server, "/ws/chess/dashboard", {}) == 101  # no browser, no Origin


def test_configured_origins_and_hosts_are_allowed(kibitz_server_factory):
    server = kibitz_server_factory("--allowed-origin", "https://Trusted.example/",
                                   "--allowed-host", "kibitz.lan")
    status, _, answer = create_game(server, {"Content-Type": "application/json", "Origin": "https://trusted.example"})
    assert status == 201, answer
    assert create_game(server, {"Content-Type": "application/json", "Origin": "http://trusted.example"})[0] == 403
    assert request(server, "GET", "/health", {"Host": "kibitz.lan"})[0] == 200
    assert request(server, "GET", "/health", {"Host": "other.lan"})[0] == 421
    assert websocket_status(server, "/ws/chess/dashboard", {"Origin": "https://trusted.example"}) == 101


@pytest.mark.parametrize("arguments", [["--allowed-origin", "evil.example"], ["--allowed-origin", "http://a/b"],
                                       ["--allowed-host", "http://a"]])
def test_bad_allow_lists_are_refused_at_start(kibitz_binary, tmp_path, arguments):
    import subprocess
    result = subprocess.run([kibitz_binary, "serve", "--data-dir", str(tmp_path), *arguments],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert arguments[0] in result.stderr
    assert not any(tmp_path.iterdir()), "nothing was created"
