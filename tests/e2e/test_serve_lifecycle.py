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
