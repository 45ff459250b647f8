"""kibitz serve as a process: a graceful shutdown ends every service promptly, simulators included."""

import signal
import time

import pytest


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_demo_serve_shuts_down_promptly(kibitz_server_factory, stop_signal):
    server = kibitz_server_factory("--demo")
    time.sleep(3)  # let the simulators get going: games, races and shoppers mid-flight
    started = time.monotonic()
    server.process.send_signal(stop_signal)
    server.process.wait(timeout=15)
    elapsed = time.monotonic() - started
    assert server.process.returncode == 0, server.log_text()[-2000:]
    assert elapsed < 5, f"graceful shutdown took {elapsed:.1f} s"


def test_a_port_clash_names_the_port_and_creates_nothing(kibitz_binary, tmp_path):
    """Finding 7 of issue 11: the ports are bound before anything is created."""
    import socket
    import subprocess

    from conftest import free_port

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    taken_port = taken.getsockname()[1]
    data_dir = tmp_path / "data"
    for option, ports in [("--kafka-port", (taken_port, free_port())), ("--http-port", (free_port(), taken_port))]:
        result = subprocess.run(
            [kibitz_binary, "serve", "--data-dir", str(data_dir),
             "--kafka-port", str(ports[0]), "--http-port", str(ports[1])],
            capture_output=True, text=True, timeout=30,
        )
        assert result.returncode != 0
        assert f"port {taken_port} on 127.0.0.1 is already in use" in result.stderr, result.stderr
        assert option in result.stderr
        assert not data_dir.exists(), "the data directory was created before the ports were bound"
    taken.close()


def test_a_second_signal_ends_the_process_at_once(kibitz_server_factory):
    server = kibitz_server_factory("--demo")
    server.process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    server.process.send_signal(signal.SIGINT)
    server.process.wait(timeout=5)
    # 130 is the watchdog's exit; a graceful shutdown would end with 0, later.
    assert server.process.returncode == 130, server.log_text()[-2000:]
    assert "second signal" in server.log_text()


def test_a_hundred_restarts_under_load_each_serve_both_ports_and_lose_nothing(kibitz_server_factory):
    """Finding 7 of issue 11: `kibitz serve --demo` restarted 100 times while a producer writes;
    every start serves both ports, every SIGTERM ends the process in bounded time, and every
    acknowledged record is there at the end."""
    import random
    import threading

    from confluent_kafka import Consumer, Producer

    server = kibitz_server_factory("--demo")
    acknowledged: list[int] = []
    stop = threading.Event()

    def produce() -> None:
        producer = Producer({
            "bootstrap.servers": server.bootstrap, "acks": "all", "linger.ms": 5,
            "enable.idempotence": True, "message.timeout.ms": 120_000, "log_level": 0,
        })

        def delivered(error, message) -> None:
            if error is None:
                acknowledged.append(int(message.value()))

        sequence = 0
        while not stop.is_set():
            try:
                producer.produce("restart-load", str(sequence).encode(), on_delivery=delivered)
                sequence += 1
            except BufferError:
                pass
            producer.poll(0.01)
        producer.flush(60)

    loader = threading.Thread(target=produce)
    loader.start()
    generator = random.Random(11)
    try:
        for restart in range(100):
            time.sleep(generator.uniform(0.0, 0.4))
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(timeout=15)
            assert time.monotonic() - started < 12, f"restart {restart}: SIGTERM took too long"
            assert server.process.returncode == 0, server.log_text()[-3000:]
            server.start()  # waits until both ports answer, else fails
    finally:
        stop.set()
        loader.join(timeout=90)
    assert len(acknowledged) > 1000

    consumer = Consumer({
        "bootstrap.servers": server.bootstrap, "group.id": "restart-check", "auto.offset.reset": "earliest",
    })
    consumer.subscribe(["restart-load"])
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not set(acknowledged) <= seen:
        message = consumer.poll(0.5)
        if message is not None and message.error() is None:
            seen.add(int(message.value()))
    consumer.close()
    missing = set(acknowledged) - seen
    assert not missing, f"{len(missing)} acknowledged records lost, e.g. {sorted(missing)[:5]}"
