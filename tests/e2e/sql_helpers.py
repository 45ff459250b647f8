"""Talking to a `kibitz serve`'s SQL API from the SQL end-to-end suites: HTTP, producing, waiting."""

import json
import time
import urllib.error
import urllib.request
from typing import Callable

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import KibitzServer

WAIT_TIMEOUT = 20.0


def http(server: KibitzServer, method: str, path: str, body: object = None, raw: bytes | None = None,
         content_type: str = "application/json") -> tuple[int, object]:
    """One request; the answer's status and its JSON (or its text when it is not JSON)."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(server.base_url + path, data=data, method=method,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, json.loads(text) if text else None
    except json.JSONDecodeError:
        return status, text


def sql(server: KibitzServer, script: str) -> tuple[int, dict]:
    """POST /api/sql."""
    return http(server, "POST", "/api/sql", {"sql": script})


def sql_ok(server: KibitzServer, script: str) -> list[dict]:
    """POST /api/sql that must succeed: what each statement did."""
    status, answer = sql(server, script)
    assert status == 200, f"{script}\n-> {status}: {answer}"
    return answer["results"]


def sql_refused(server: KibitzServer, script: str) -> dict:
    """POST /api/sql that must be refused with 400 and {"error", "line", "column"}."""
    status, answer = sql(server, script)
    assert status == 400, f"{script}\n-> {status}: {answer}"
    assert isinstance(answer, dict) and isinstance(answer.get("error"), str) and answer["error"], answer
    return answer


def catalog_state(server: KibitzServer) -> tuple[object, object]:
    """What a failed script must leave unchanged: the views and jobs of GET /api/views, SHOW TABLES."""
    status, listing = http(server, "GET", "/api/views")
    assert status == 200, listing
    names = {key: [(entry["name"], entry["statement"]) for entry in listing[key]] for key in ("views", "jobs")}
    tables = sql_ok(server, "SHOW TABLES")[0]["rows"]
    return names, tables


def create_topics(server: KibitzServer, topics: list[str], partitions: int = 1) -> None:
    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    futures = admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)
                                   for topic in topics], operation_timeout=10)
    for future in futures.values():
        future.result(timeout=15)


def produce(server: KibitzServer, topic: str, values: list, keys: list | None = None) -> None:
    """Produces values (dicts as JSON, str or bytes as they are) in order and waits for delivery."""
    failures = []

    def delivered(error, message) -> None:
        if error is not None:
            failures.append(error)

    producer = Producer({"bootstrap.servers": server.bootstrap, "linger.ms": 2,
                         "max.in.flight.requests.per.connection": 1, "enable.idempotence": False})
    for index, value in enumerate(values):
        payload = json.dumps(value) if isinstance(value, (dict, list)) else value
        key = None if keys is None else keys[index]
        producer.produce(topic, value=payload.encode() if isinstance(payload, str) else payload, key=key,
                         on_delivery=delivered)
        producer.poll(0)
    remaining = producer.flush(30)
    assert remaining == 0 and not failures, f"{remaining} undelivered, errors: {failures[:3]}"


def view(server: KibitzServer, name: str) -> dict:
    status, answer = http(server, "GET", f"/api/views/{name}")
    assert status == 200, f"GET /api/views/{name} -> {status}: {answer}"
    return answer


def wait_for_view(server: KibitzServer, name: str, condition: Callable[[dict], bool],
                  timeout: float = WAIT_TIMEOUT) -> dict:
    """The view's answer once `condition` holds; fails with the last answer after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        status, last = http(server, "GET", f"/api/views/{name}")
        if status == 200 and condition(last):
            return last
        time.sleep(0.05)
    raise AssertionError(f"view {name} not as expected within {timeout:.0f} s; last answer: {str(last)[:3000]}")


def kafka_table(name: str, topic: str, columns: str, *, extra_options: str = "") -> str:
    """CREATE TABLE over a topic of JSON values, read from the earliest offset, unbounded."""
    return (f"CREATE TABLE {name} (\n  {columns}\n) WITH (\n  'connector' = 'kafka',\n  'topic' = '{topic}',\n"
            f"  'format' = 'json',\n  'scan.startup.mode' = 'earliest-offset'{extra_options}\n)")


def server_is_healthy(server: KibitzServer) -> None:
    """The process still runs and answers the SQL API."""
    assert server.process is not None and server.process.poll() is None, "kibitz serve exited"
    status, _ = http(server, "GET", "/api/views")
    assert status == 200
