"""HTTP limits: idle connections are closed, a trickled request head gets 408, an oversized one 431,
an oversized body 413, each within the configured limits; live WebSockets stay open; other clients
are served meanwhile; bad limits are refused at start."""

import json
import select
import socket
import subprocess
import threading
import time
import urllib.request

import base64
import os

import pytest
import websocket
from process_health import assert_settles
from test_web_security import request

JSON = {"Content-Type": "application/json"}
IDLE_SECONDS = 1.0
HEAD_SECONDS = 0.5
LIMITS = (
    "--http-idle-timeout-ms", str(int(IDLE_SECONDS * 1000)),
    "--http-request-header-timeout-ms", str(int(HEAD_SECONDS * 1000)),
    "--http-max-header-bytes", "4096",
    "--http-max-body-bytes", "2048",
)


@pytest.fixture
def limited_server(kibitz_server_factory):
    return kibitz_server_factory(*LIMITS)


def connect(server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.http_port), timeout=10)


def read_until_closed(connection: socket.socket) -> bytes:
    data = b""
    while chunk := connection.recv(65536):
        data += chunk
    return data


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def body_of(answer: bytes) -> dict:
    return json.loads(answer.split(b"\r\n\r\n", 1)[1])


def head(path: str, server, extra: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.http_port}\r\n{extra}\r\n".encode()


def assert_served(server):
    """An ordinary client gets its page and its API answer."""
    with urllib.request.urlopen(f"{server.base_url}/health", timeout=5) as response:
        assert response.read() == b"ok"
    assert request(server, "GET", "/api/chess/stats")[0] == 200


def test_an_idle_connection_is_closed_after_the_idle_timeout_and_others_are_served(limited_server):
    started = time.monotonic()
    silent = connect(limited_server)
    # Idle after a first request, too: keep-alive does not hold the connection forever.
    after_request = connect(limited_server)
    after_request.sendall(head("/health", limited_server))
    assert after_request.recv(4096).startswith(b"HTTP/1.1 200")
    assert_served(limited_server)

    assert read_until_closed(silent) == b""
    assert read_until_closed(after_request) == b""
    elapsed = time.monotonic() - started
    assert IDLE_SECONDS * 0.9 <= elapsed <= IDLE_SECONDS + 1.5, elapsed
    assert_served(limited_server)


def test_a_trickled_request_head_gets_408_and_is_closed(limited_server):
    connection = connect(limited_server)
    request_head = head("/health", limited_server, "X-Slow: " + "a" * 100 + "\r\n")
    started = time.monotonic()
    # A byte every 50 ms keeps the connection from being idle, but the head never completes in time.
    for byte in request_head[:-2]:
        connection.sendall(bytes([byte]))
        if select.select([connection], [], [], 0.05)[0]:
            break
    answer = read_until_closed(connection)
    elapsed = time.monotonic() - started
    assert status_of(answer) == 408 and "did not arrive whole within 500 ms" in body_of(answer)["error"], answer
    assert HEAD_SECONDS * 0.9 <= elapsed <= HEAD_SECONDS + IDLE_SECONDS + 1.0, elapsed
    # A head that arrives whole in time, even in pieces, is served.
    connection = connect(limited_server)
    for piece in (request_head[:20], request_head[20:]):
        connection.sendall(piece)
        time.sleep(0.1)
    assert connection.recv(4096).startswith(b"HTTP/1.1 200")
    connection.close()
    assert_served(limited_server)


def test_an_oversized_request_head_gets_431_and_is_closed(limited_server):
    # Just under the limit is served, and the connection stays usable.
    connection = connect(limited_server)
    connection.sendall(head("/health", limited_server, "Cookie: " + "c" * 3800 + "\r\n"))
    assert connection.recv(4096).startswith(b"HTTP/1.1 200")
    # Over it, on a first request or on the same keep-alive connection: 431, then the connection closes.
    connection.sendall(head("/health", limited_server, "Cookie: " + "c" * 8192 + "\r\n"))
    fresh = connect(limited_server)
    fresh.sendall(head("/api/chess/stats", limited_server, "X-Big: " + "b" * 100_000 + "\r\n"))
    for rejected in (connection, fresh):
        answer = read_until_closed(rejected)
        assert status_of(answer) == 431, answer
        assert body_of(answer)["error"] == "the request head is larger than 4096 bytes", answer
    assert_served(limited_server)
    assert " error kibitz" not in limited_server.log_text(), limited_server.log_text()


def test_an_oversized_body_gets_413_and_creates_nothing(limited_server):
    padded = b'{"mode":"ai","level":1}' + b" " * 3000
    status, _, answer = request(limited_server, "POST", "/api/chess/games", JSON, padded)
    assert status == 413 and answer["error"] == "the body is larger than 2048 bytes", answer
    time.sleep(0.3)
    assert request(limited_server, "GET", "/api/chess/stats")[2]["active_games"] == 0
    # Within the limit, the same game is created.
    status, _, answer = request(limited_server, "POST", "/api/chess/games", JSON, padded[:2000])
    assert status == 201, answer


def test_the_default_body_limit_is_16_kib(kibitz_server):
    body = b'{"name":"' + b"x" * 100_000 + b'"}'
    status, _, answer = request(kibitz_server, "POST", "/api/chess/games", JSON, body)
    assert status == 413 and answer["error"] == "the body is larger than 16384 bytes", answer
    time.sleep(0.3)
    assert request(kibitz_server, "GET", "/api/chess/stats")[2]["active_games"] == 0


def test_live_websockets_stay_open_past_the_idle_timeout(limited_server):
    url = f"ws://127.0.0.1:{limited_server.http_port}"
    # The dashboard is pushed a change for each new game; the shop statistics stay quiet for a
    # minute, kept open by the server's pings (which websocket-client answers while it reads).
    dashboard = websocket.create_connection(f"{url}/ws/chess/dashboard", timeout=5)
    quiet = websocket.create_connection(f"{url}/ws/shop/stats", timeout=5)
    assert json.loads(dashboard.recv())["type"] == "snapshot"
    assert json.loads(quiet.recv())["type"] == "snapshot"
    stop = threading.Event()

    def create_games():
        while not stop.wait(0.3):
            request(limited_server, "POST", "/api/chess/games", JSON, b'{"mode":"ai","level":1}')

    creator = threading.Thread(target=create_games)
    creator.start()
    pushes = 0
    try:
        dashboard.settimeout(0.2)
        quiet.settimeout(0.2)
        deadline = time.monotonic() + 3 * IDLE_SECONDS
        while time.monotonic() < deadline:
            for live in (dashboard, quiet):
                try:
                    # The dashboard pushes each change (active_games, move, ...) after its snapshot.
                    if json.loads(live.recv())["type"] != "snapshot":
                        pushes += 1
                except websocket.WebSocketTimeoutException:
                    pass
    finally:
        stop.set()
        creator.join()
    assert pushes >= 2, pushes
    for live in (dashboard, quiet):
        assert live.connected
        live.ping(b"still there?")
        live.close()
    assert_served(limited_server)


def open_websocket(server, source: str, path: str = "/ws/chess/dashboard"):
    """A WebSocket handshake from the loopback address `source` that never reads after it: the
    status, the JSON of a refusal, and the socket, left open."""
    key = base64.b64encode(os.urandom(16)).decode()
    connection = socket.create_connection(("127.0.0.1", server.http_port), timeout=10, source_address=(source, 0))
    connection.sendall(head(path, server, "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"))
    answer = connection.recv(65536)
    if status_of(answer) == 101:
        return 101, None, connection
    answer += read_until_closed(connection)
    connection.close()
    return status_of(answer), body_of(answer), None


def test_websockets_are_limited_in_total_and_per_address_and_places_return_on_close(kibitz_server_factory):
    server = kibitz_server_factory("--http-max-websockets", "6", "--http-max-websockets-per-address", "4")
    hog = [open_websocket(server, "127.0.0.1") for _ in range(4)]
    assert [status for status, _, _ in hog] == [101] * 4
    status, answer, _ = open_websocket(server, "127.0.0.1")
    assert status == 429 and "127.0.0.1 has 4 live connections open" in answer["error"], answer
    others = [open_websocket(server, "127.0.0.2"), open_websocket(server, "127.0.0.3", "/ws/shop/stats")]
    assert [status for status, _, _ in others] == [101, 101]
    status, answer, _ = open_websocket(server, "127.0.0.4", "/ws/f1/leaderboard")
    assert status == 503 and "the server has 6 live connections open" in answer["error"], answer

    # Plain HTTP is served at once meanwhile, and nothing spins behind the silent sockets.
    started = time.monotonic()
    assert_served(server)
    assert time.monotonic() - started < 0.5
    assert_settles(server, within=1.0)

    # A closed connection gives its place back (to its address and to the total).
    hog.pop()[2].close()
    deadline = time.monotonic() + 3
    while (status := open_websocket(server, "127.0.0.1")[0]) != 101 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status == 101
    for _, _, connection in hog + others:
        connection.close()
    deadline = time.monotonic() + 3
    while (status := open_websocket(server, "127.0.0.4")[0]) != 101 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status == 101
    assert_served(server)


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--http-idle-timeout-ms", "0", "--http-idle-timeout-ms must be at least 100"),
        ("--http-request-header-timeout-ms", "-5", "--http-request-header-timeout-ms must be at least 100"),
        ("--http-max-header-bytes", "100", "--http-max-header-bytes must be 1024 to 1048576"),
        ("--http-max-body-bytes", "999999999", "--http-max-body-bytes must be 1024 to 67108864"),
        ("--http-max-websockets", "0", "--http-max-websockets must be 1 to 1000000"),
        ("--http-max-websockets-per-address", "300",
         "--http-max-websockets-per-address must be 1 to --http-max-websockets"),
    ],
)
def test_bad_limits_are_refused_at_start(kibitz_binary, tmp_path, option, value, message):
    result = subprocess.run(
        [kibitz_binary, "serve", "--data-dir", str(tmp_path / "data"), f"{option}={value}"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert not (tmp_path / "data").exists()
