"""Finding 2 of issue 11: deleting (and re-creating) the topics the apps and pipelines read is a
normal event: they notice, say so once, wait, and go on when the topic is back; nothing spins."""

import json
import time
import urllib.request

from confluent_kafka.admin import AdminClient

from process_health import assert_settles

SOURCE_TOPICS = ["games", "moves", "events", "shop.events", "f1.leaderboard.results", "lib.server.lobby"]


def call(base_url: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        base_url + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def new_game(base_url: str) -> str:
    status, game = call(base_url, "POST", "/api/chess/games", {"mode": "ai", "level": 1, "color": "white"})
    assert status == 201
    return game["game"]["game_id"]


def active_games(base_url: str) -> int:
    return call(base_url, "GET", "/api/chess/stats")[1]["active_games"]


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_deleting_every_app_topic_pauses_the_readers_and_recreating_resumes_them(kibitz_server):
    server = kibitz_server
    new_game(server.base_url)
    wait_until(lambda: active_games(server.base_url) == 1)

    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    for topic, future in admin.delete_topics(SOURCE_TOPICS, operation_timeout=10).items():
        future.result(timeout=10)
    assert_settles(server)
    log = server.log_text()
    for topic in ["games", "moves", "events", "shop.events", "f1.leaderboard.results"]:
        assert f"topic={topic} [Streams] source topic deleted; waiting for it to be created again" in log, topic
    # Said once per pipeline and topic, not once per loop: chess reads two, the shop, its
    # statistics and F1 one each.
    assert log.count("source topic deleted") == 5

    # The chess app creates its topics again on its next event; the statistics keep their state
    # and read the new topics from the start.
    new_game(server.base_url)
    wait_until(lambda: active_games(server.base_url) == 2)
    assert "topic=games [Streams] source topic created again" in server.log_text()
    assert_settles(server)
    # The arena ETL worker, a Kafka client, retries every two seconds meanwhile but says each
    # distinct failure once.
    assert server.log_text().count("arena ETL worker failed") <= 2

    server.restart()
    assert_settles(server)


def test_a_topic_re_created_while_the_pipelines_were_down_is_read_from_its_start(kibitz_server):
    server = kibitz_server
    for _ in range(3):
        new_game(server.base_url)
    wait_until(lambda: active_games(server.base_url) == 3)

    # Down for the pipelines (the web app still publishes): the chess topics are deleted and
    # the next game creates them again, with offsets from 0, below the checkpoint's.
    server.extra_arguments = ["--no-streams"]
    server.restart()
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    for future in admin.delete_topics(["games", "moves"], operation_timeout=10).values():
        future.result(timeout=10)
    new_game(server.base_url)

    server.extra_arguments = []
    server.restart()
    # The statistics keep their state (3 games) and count the new topic's game too.
    wait_until(lambda: active_games(server.base_url) == 4)
    assert "topic=games [Streams] source offset beyond the end of the topic" in server.log_text() or (
        "partition=games-0" in server.log_text() and "source offset beyond the end of the topic" in server.log_text()
    )
