"""Fixtures shared by the end-to-end suites: the release binary and a running `kibitz serve`."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kibitz serve exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on port {port} within {timeout} s")


def consume_all(bootstrap: str, topic: str) -> list[str]:
    """Every value of a topic, read by kcat from the beginning to the end."""
    result = subprocess.run(
        ["kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="session")
def kibitz_binary() -> str:
    """Path of the kibitz executable under test (KIBITZ_BINARY, else the release build)."""
    path = os.environ.get("KIBITZ_BINARY", str(REPOSITORY / ".build/release/kibitz"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no kibitz executable at {path}: build it or set KIBITZ_BINARY")
    return path


class KibitzServer:
    """A `kibitz serve` process on free ports with its own data directory; restartable."""

    def __init__(self, binary: str, data_dir: Path, log_path: Path, extra_arguments: list[str]):
        self.binary = binary
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra_arguments = extra_arguments
        self.kafka_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self) -> "KibitzServer":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [
                self.binary, "serve",
                "--data-dir", str(self.data_dir),
                "--kafka-port", str(self.kafka_port),
                "--http-port", str(self.http_port),
                *self.extra_arguments,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.kafka_port, self.process)
        wait_for_port(self.http_port, self.process)
        return self

    def kill(self) -> None:
        """Ends the process with SIGKILL, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> "KibitzServer":
        self.stop()
        return self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def kibitz_server_factory(kibitz_binary, tmp_path):
    """Makes servers with extra arguments; all are stopped at the end of the test."""
    servers: list[KibitzServer] = []

    def make(*extra_arguments: str) -> KibitzServer:
        index = len(servers)
        server = KibitzServer(
            kibitz_binary, tmp_path / f"data{index}", tmp_path / f"serve{index}.log", list(extra_arguments)
        )
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def kibitz_server(kibitz_server_factory) -> KibitzServer:
    """A fresh `kibitz serve` with default settings and an empty data directory."""
    return kibitz_server_factory()


@pytest.fixture
def base_url(kibitz_server) -> str:
    """The web server of `kibitz_server`."""
    return kibitz_server.base_url


SCREENSHOTS = REPOSITORY / "artifacts" / "screenshots"


@pytest.fixture
def browser(request):
    """Headless Chromium (Debian's chromium and chromium-driver); at the end of the test a last
    screenshot and the page's console log are kept in artifacts/screenshots/."""
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    chromedriver = os.environ.get("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver")
    for path in (chromium, chromedriver):
        if not os.access(path, os.X_OK):
            pytest.fail(f"no executable at {path}: install Debian's chromium and chromium-driver")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    name = f"{request.module.__name__.removeprefix('test_')}-{request.node.name}"
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOTS / f"{name}-final.png"))
        log = driver.get_log("browser")
        if log:
            (SCREENSHOTS / f"{name}-console.log").write_text(
                "\n".join(f"{entry['level']} {entry['message']}" for entry in log)
            )
    except WebDriverException:
        pass
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def module_server_factory(kibitz_binary, tmp_path_factory):
    """Makes servers shared by a whole test module (starting one costs a second); all are stopped at
    the end of the module."""
    servers: list[KibitzServer] = []

    def make(*extra_arguments: str) -> KibitzServer:
        directory = tmp_path_factory.mktemp("server")
        server = KibitzServer(kibitz_binary, directory / "data", directory / "serve.log", list(extra_arguments))
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.stop()
