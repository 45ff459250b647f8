#!/usr/bin/env python3
"""F1 leaderboard: event-to-page latency, from a Kafka producer's send to the `/f1` page's DOM.

Starts `kibitz serve` (no --demo) on free loopback ports with a fresh data directory, opens
http://127.0.0.1:PORT/f1 in headless Chromium, and publishes car states to
`f1.leaderboard.results` with confluent-kafka the way a user would (acks=1, linger.ms=0), at a
steady rate for each of a few rates. Twenty cars take turns; every state carries a new lap and a
new `last_lap_ms`, which is unique across the run (80 s plus the state's sequence number), and the
wall-clock time it was sent (`sent_at_ms`, from `time.time()`).

Three clocks on the same machine time every state, each at the first sight of its `last_lap_ms`:
  - confluent-kafka consumer: a consumer in its own process (group subscription, default settings)
    receives the message: the broker's produce-to-consume floor;
  - WebSocket message: the page's WebSocket delivers a `/ws/f1/leaderboard` message holding it
    (a listener added to every WebSocket before the page's scripts run);
  - page DOM change: a MutationObserver on the standings table sees a row showing it
    (`performance.timeOrigin + performance.now()`).
The channel coalesces changes for 100 ms and sends whole standings, so at high rates a car's state
can be replaced by a newer one before it is shown; such a state counts as shown when its car's row
first shows it or a newer state ("on page as itself" counts the ones shown as themselves).

Prints a markdown table on stdout (rate, path, samples, p50/p90/p99/max in ms, p99 against the
consumer's p99); progress goes to stderr.

Usage (bench/f1/run.sh wraps it, finding the release build):
  .build/venv/bin/python bench/f1/event_to_page.py --binary .build/release/kibitz \
      [--rates 10,50,200] [--seconds 40] [--warm-up-seconds 3] [--cars 20]
"""

import argparse
import json
import math
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from confluent_kafka import Consumer, Producer
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

# The end-to-end suites' helpers for starting `kibitz serve` on free ports.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "e2e"))
from conftest import free_port, wait_for_port  # noqa: E402

TOPIC = "f1.leaderboard.results"
RACE_ID = "bench-event-to-page"
LAP_TIME_BASE_MS = 80_000
LAST_LAP_COLUMN = 4  # Pos, Driver, Team, Gap, Last lap, ...

# Added before the page's scripts run: keeps the arrival time and text of every WebSocket message.
SOCKET_RECORDER = """
(function () {
  var NativeWebSocket = window.WebSocket;
  window.eventToPage = { messages: [], rendered: new Map() };
  window.WebSocket = class extends NativeWebSocket {
    constructor(...settings) {
      super(...settings);
      this.addEventListener("message", function (event) {
        window.eventToPage.messages.push([performance.timeOrigin + performance.now(), event.data]);
      });
    }
  };
})();
"""

# Records, for every last-lap text the standings show, when it first appeared in the DOM.
DOM_OBSERVER = """
var column = arguments[0];
var record = window.eventToPage;
var body = document.getElementById("standings-body");
new MutationObserver(function () {
  var now = performance.timeOrigin + performance.now();
  for (var row of body.rows) {
    var text = row.cells[column].textContent;
    if (!record.rendered.has(text)) record.rendered.set(text, now);
  }
}).observe(body, { childList: true });
"""

# Reduces the recorded messages to the first arrival time of every last_lap_ms.
COLLECT_OBSERVATIONS = """
var record = window.eventToPage;
var arrived = {};
record.messages.forEach(function (entry) {
  var message = JSON.parse(entry[1]);
  (message.standings || []).forEach(function (car) {
    if (!(car.last_lap_ms in arrived)) arrived[car.last_lap_ms] = entry[0];
  });
});
return { arrived: arrived, rendered: Object.fromEntries(record.rendered) };
"""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not happen within {timeout} s")


def consume(bootstrap: str, ready, stop, results) -> None:
    """Runs in its own process: receive times (ms since the epoch) of every sequence number."""
    received: dict[int, float] = {}
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": f"f1-event-to-page-{os.getpid()}",
        "auto.offset.reset": "latest",
    })
    consumer.subscribe([TOPIC], on_assign=lambda _consumer, _partitions: ready.set())
    while not stop.is_set():
        message = consumer.poll(0.1)
        if message is None or message.error():
            continue
        now = time.time() * 1000
        received.setdefault(json.loads(message.value())["sequence"], now)
    consumer.close()
    results.send(received)


@dataclass
class Sent:
    sequence: int
    car: int
    sent_at_ms: float
    rate: int | None  # None for warm-up states, which are not measured


@dataclass
class Timing:
    """A paced producer of car states, numbered in one sequence across the run."""

    producer: Producer
    cars: int
    sent: list[Sent] = field(default_factory=list)
    failures: int = 0

    def send(self, rate: int | None) -> None:
        sequence = len(self.sent)
        car = sequence % self.cars
        position = car + 1
        sent_at_ms = time.time() * 1000
        state = {
            "race_id": RACE_ID, "driver": f"Driver {position:02d}", "code": f"D{position:02d}",
            "number": position, "team": f"Team {(car // 2) + 1}", "position": position,
            "lap": sequence // self.cars + 1, "gap_to_leader_ms": car * 1_500,
            "interval_ms": 1_500 if car else 0, "last_lap_ms": LAP_TIME_BASE_MS + sequence,
            "best_lap_ms": LAP_TIME_BASE_MS, "tyre": "medium", "pit_stops": 0, "status": "running",
            "ts": int(sent_at_ms), "sequence": sequence, "sent_at_ms": sent_at_ms,
        }
        self.producer.produce(TOPIC, key=RACE_ID, value=json.dumps(state), on_delivery=self.on_delivery)
        self.sent.append(Sent(sequence, car, sent_at_ms, rate))

    def on_delivery(self, error, _message) -> None:
        if error is not None:
            self.failures += 1

    def run(self, rate: int, seconds: float, measured: bool) -> None:
        """Sends `rate` states a second for `seconds`, on an absolute schedule."""
        start = time.monotonic()
        for index in range(int(rate * seconds)):
            due = start + index / rate
            while (remaining := due - time.monotonic()) > 0:
                self.producer.poll(remaining)
            self.send(rate if measured else None)
            self.producer.poll(0)
        self.producer.flush(10)


def lap_time_ms(text: str) -> int:
    """Inverse of the page's lapTime: "1:23.456" is 83,456 ms."""
    minutes, seconds = text.split(":")
    return int(minutes) * 60_000 + round(float(seconds) * 1000)


def shown_at(sent: list[Sent], observed: dict[int, float], cars: int) -> dict[int, float]:
    """For every sent state, when its car first showed it or a newer state (absent if never)."""
    first_at: dict[int, float] = {}
    for car in range(cars):
        earliest = math.inf
        for state in reversed([state for state in sent if state.car == car]):
            earliest = min(earliest, observed.get(state.sequence, math.inf))
            if earliest < math.inf:
                first_at[state.sequence] = earliest
    return first_at


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def summary(latencies: list[float]) -> dict[str, float]:
    values = sorted(latencies)
    return {
        "p50": percentile(values, 0.50), "p90": percentile(values, 0.90),
        "p99": percentile(values, 0.99), "max": values[-1],
    }


def clock_offset_ms(driver) -> tuple[float, float]:
    """Bounds on (page clock - Python clock), from the tightest of a few round trips."""
    bounds = []
    for _ in range(5):
        before = time.time() * 1000
        page = driver.execute_script("return performance.timeOrigin + performance.now();")
        after = time.time() * 1000
        bounds.append((page - after, page - before))
    return min(bounds, key=lambda bound: bound[1] - bound[0])


def open_browser() -> webdriver.Chrome:
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(argument)
    service = Service(os.environ.get("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SOCKET_RECORDER})
    return driver


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip().split("load average:")[-1].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.environ.get("KIBITZ_BINARY", "/tmp/kibitz-f1-bench"))
    parser.add_argument("--rates", default="10,50,200", help="states per second, comma-separated")
    parser.add_argument("--seconds", type=float, default=40, help="measured seconds per rate")
    parser.add_argument("--warm-up-seconds", type=float, default=3, help="unmeasured seconds before each rate")
    parser.add_argument("--cars", type=int, default=20)
    arguments = parser.parse_args()
    rates = [int(rate) for rate in arguments.rates.split(",")]

    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="kibitz-f1-bench-") as directory:
        kafka_port, http_port = free_port(), free_port()
        server_log_path = Path(directory) / "serve.log"
        server_log = open(server_log_path, "wb")
        server = subprocess.Popen(
            [arguments.binary, "serve", "--data-dir", str(Path(directory) / "data"),
             "--kafka-port", str(kafka_port), "--http-port", str(http_port)],
            stdout=server_log, stderr=subprocess.STDOUT,
        )
        context = multiprocessing.get_context("spawn")
        consumer_ready, consumer_stop = context.Event(), context.Event()
        consumer_results, consumer_sender = context.Pipe(duplex=False)
        consumer_process = None
        driver = None
        try:
            wait_for_port(kafka_port, server, timeout=30.0)
            wait_for_port(http_port, server, timeout=30.0)
            bootstrap = f"127.0.0.1:{kafka_port}"
            log(f"kibitz serve: Kafka {bootstrap}, web http://127.0.0.1:{http_port}")

            timing = Timing(Producer({"bootstrap.servers": bootstrap, "acks": 1, "linger.ms": 0}), arguments.cars)
            for _ in range(arguments.cars):
                timing.send(rate=None)
            timing.producer.flush(10)

            consumer_process = context.Process(
                target=consume, args=(bootstrap, consumer_ready, consumer_stop, consumer_sender)
            )
            consumer_process.start()
            driver = open_browser()
            driver.get(f"http://127.0.0.1:{http_port}/f1")
            wait_until(
                lambda: len(driver.find_elements("css selector", "#standings-body tr")) == arguments.cars,
                30, "the page showing the starting grid",
            )
            driver.execute_script(DOM_OBSERVER, LAST_LAP_COLUMN)
            wait_until(consumer_ready.is_set, 30, "the consumer's partition assignment")
            log(f"page and consumer ready; clock check, page minus Python: {clock_offset_ms(driver)} ms")

            for rate in rates:
                log(f"{rate} states/s: {arguments.warm_up_seconds} s warm-up, {arguments.seconds} s measured")
                timing.run(rate, arguments.warm_up_seconds, measured=False)
                timing.run(rate, arguments.seconds, measured=True)
                time.sleep(1.5)  # let the last states reach the page before the next rate starts
            timing.producer.close()

            page_clock_offset = clock_offset_ms(driver)
            observations = driver.execute_script(COLLECT_OBSERVATIONS)
            consumer_stop.set()
            received = consumer_results.recv()
            consumer_process.join(10)
        except BaseException:
            log("kibitz serve log, last lines:\n" + "\n".join(
                server_log_path.read_text(errors="replace").splitlines()[-20:]))
            raise
        finally:
            if driver is not None:
                driver.quit()
            if consumer_process is not None and consumer_process.is_alive():
                consumer_process.terminate()
            server.terminate()
            server.wait(10)
            server_log.close()
    load_after = load_average()

    arrived = {int(value) - LAP_TIME_BASE_MS: time_ms for value, time_ms in observations["arrived"].items()}
    rendered = {lap_time_ms(text) - LAP_TIME_BASE_MS: time_ms for text, time_ms in observations["rendered"].items()}
    paths = [
        ("confluent-kafka consumer", received),
        ("WebSocket message in the page", shown_at(timing.sent, arrived, arguments.cars)),
        ("page DOM change", shown_at(timing.sent, rendered, arguments.cars)),
    ]

    print(f"F1 event-to-page latency, {arguments.cars} cars, {arguments.seconds:g} s per rate after "
          f"{arguments.warm_up_seconds:g} s warm-up; load average {load_before} before, {load_after} after; "
          f"page clock minus Python clock in [{page_clock_offset[0]:.2f}, {page_clock_offset[1]:.2f}] ms; "
          f"{timing.failures} failed sends")
    print()
    print("| rate (states/s) | achieved | path | samples | on page as itself | p50 ms | p90 ms | p99 ms | max ms "
          "| p99 / consumer p99 |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for rate in rates:
        measured = [state for state in timing.sent if state.rate == rate]
        achieved = (len(measured) - 1) / ((measured[-1].sent_at_ms - measured[0].sent_at_ms) / 1000)
        figures_by_path = {}
        for name, seen in paths:
            latencies = [seen[state.sequence] - state.sent_at_ms for state in measured if state.sequence in seen]
            figures_by_path[name] = (len(latencies), summary(latencies) if latencies else None)
        consumer_figures = figures_by_path["confluent-kafka consumer"][1]
        for name, (count, figures) in figures_by_path.items():
            as_itself = (f"{sum(1 for state in measured if state.sequence in rendered):,}"
                         if name == "page DOM change" else "")
            cells = ["", "", "", "", ""]
            if figures:
                cells = [f"{figures[key]:.1f}" for key in ("p50", "p90", "p99", "max")]
                cells.append(f"{figures['p99'] / consumer_figures['p99']:.1f}" if consumer_figures else "")
            print(f"| {rate} | {achieved:.1f} | {name} | {count:,} of {len(measured):,} | {as_itself} | "
                  + " | ".join(cells) + " |")

if __name__ == "__main__":
    main()
