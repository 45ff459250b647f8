"""The F1 live leaderboard against `kibitz serve`: a confluent-kafka producer written the way a user
would write one drives `GET /api/leaderboard`; `kibitz simulate race` and `serve --demo` run races;
the page in headless Chromium highlights the chosen driver and updates without a reload.
Screenshots go to artifacts/screenshots/.
"""

import json
import subprocess
import time
import urllib.request

import pytest
from conftest import SCREENSHOTS
from confluent_kafka import Producer

TOPIC = "f1.leaderboard.results"


def leaderboard(server) -> list[dict]:
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/api/leaderboard", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        return json.load(response)


def wait_for(condition, timeout: float = 20.0, interval: float = 0.1):
    """Polls `condition` until it returns something truthy; returns that, or fails after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s (last: {last!r})")


def car(race_id: str, driver: str, team: str, position: int, lap: int, gap_ms: int, interval_ms: int, **extra) -> dict:
    state = {
        "race_id": race_id, "driver": driver, "team": team, "position": position, "lap": lap,
        "total_laps": 30, "gap_to_leader_ms": gap_ms, "interval_ms": interval_ms,
        "last_lap_ms": 91_234 + position * 100, "best_lap_ms": 90_876, "tyre": "medium", "pit_stops": 0,
        "status": "running", "ts": int(time.time() * 1000),
    }
    state.update(extra)
    return state


class Timing:
    """A user's confluent-kafka producer of timing states, keyed by race_id."""

    def __init__(self, bootstrap: str):
        self.producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})

    def send(self, *states: dict) -> None:
        for state in states:
            self.producer.produce(TOPIC, key=state["race_id"], value=json.dumps(state))
        assert self.producer.flush(15) == 0


@pytest.fixture
def server(kibitz_server):
    return kibitz_server


def test_leaderboard_follows_a_confluent_kafka_producer(server):
    timing = Timing(server.bootstrap)
    timing.send(
        car("imola", "Charles Okoro", "Vesta", 2, 10, 1_800, 1_800),
        car("imola", "Ada Lindqvist", "Aurora", 1, 10, 0, 0),
        car("imola", "Pablo Ruiz", "Kestrel", 3, 10, 2_400, 600),
    )
    standings = wait_for(lambda: (lambda rows: rows if len(rows) == 3 else None)(leaderboard(server)))
    assert [row["driver"] for row in standings] == ["Ada Lindqvist", "Charles Okoro", "Pablo Ruiz"]
    assert [row["position"] for row in standings] == [1, 2, 3]
    assert standings[1]["gap_to_leader_ms"] == 1_800 and standings[2]["interval_ms"] == 600
    assert standings[0]["race_id"] == "imola" and standings[0]["team"] == "Aurora"

    # Ruiz passes Okoro on lap 11: both cars publish their new state.
    timing.send(
        car("imola", "Ada Lindqvist", "Aurora", 1, 11, 0, 0),
        car("imola", "Pablo Ruiz", "Kestrel", 2, 11, 1_500, 1_500),
        car("imola", "Charles Okoro", "Vesta", 3, 11, 1_900, 400),
    )
    reordered = wait_for(
        lambda: (lambda rows: rows if rows and rows[1]["driver"] == "Pablo Ruiz" else None)(leaderboard(server))
    )
    assert [row["driver"] for row in reordered] == ["Ada Lindqvist", "Pablo Ruiz", "Charles Okoro"]
    assert all(row["lap"] == 11 for row in reordered)

    # A state that is not valid JSON for the leaderboard changes nothing.
    timing.producer.produce(TOPIC, key="imola", value=b"{not json")
    timing.send(car("imola", "Ada Lindqvist", "Aurora", 1, 12, 0, 0))
    wait_for(lambda: leaderboard(server)[0]["lap"] == 12)
    assert [row["driver"] for row in leaderboard(server)] == ["Ada Lindqvist", "Pablo Ruiz", "Charles Okoro"]


def test_simulate_race_publishes_a_whole_race(server, kibitz_binary):
    result = subprocess.run(
        [kibitz_binary, "simulate", "race", "--bootstrap", server.bootstrap,
         "--drivers", "6", "--laps", "3", "--speed", "400", "--seed", "11"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "finished" in result.stderr
    standings = wait_for(
        lambda: (lambda rows: rows if len(rows) == 6 and all(row["status"] in ("finished", "retired") for row in rows)
                 else None)(leaderboard(server))
    )
    assert [row["position"] for row in standings] == [1, 2, 3, 4, 5, 6]
    assert len({row["race_id"] for row in standings}) == 1
    winner = standings[0]
    assert winner["lap"] == 3 and winner["gap_to_leader_ms"] == 0
    for row in standings:
        assert 80_000 <= row["best_lap_ms"] <= row["last_lap_ms"] + 1 or row["status"] == "retired"
        assert row["tyre"] in ("soft", "medium", "hard")


def test_simulate_race_refuses_bad_options(kibitz_binary):
    result = subprocess.run([kibitz_binary, "simulate", "race", "--drivers", "99"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "--drivers" in result.stderr


def test_demo_serve_runs_races(kibitz_server_factory):
    demo = kibitz_server_factory("--demo")
    standings = wait_for(lambda: (lambda rows: rows if len(rows) == 20 else None)(leaderboard(demo)), timeout=60)
    assert [row["position"] for row in standings] == list(range(1, 21))
    first_lap = max(row["lap"] for row in standings)
    wait_for(lambda: max(row["lap"] for row in leaderboard(demo)) > first_lap, timeout=60)


# ---------------------------------------------------------------- the page in headless Chromium


def screenshot(driver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"f1-{name}.png"))


def row_of(driver, name: str):
    from selenium.webdriver.common.by import By

    for row in driver.find_elements(By.CSS_SELECTOR, "#standings-body tr"):
        if row.get_attribute("data-driver") == name:
            return row
    return None


def rows(driver) -> list[dict]:
    """The standings table as the page shows it, read in one go so that a re-render cannot interleave."""
    return driver.execute_script(
        """return Array.from(document.querySelectorAll('#standings-body tr')).map(function (row) {
             return {driver: row.dataset.driver, position: row.dataset.position,
                     current: row.getAttribute('aria-current'), time: row.querySelector('.f1-time').textContent};
           });"""
    )


def test_page_highlights_the_chosen_driver_and_updates_without_reload(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    timing = Timing(server.bootstrap)
    tricky = "Zoë <b>O'Neil</b>"  # markup in a name must stay text
    timing.send(
        car("suzuka", "Ada Lindqvist", "Aurora", 1, 5, 0, 0),
        car("suzuka", "Charles Okoro", "Vesta", 2, 5, 1_200, 1_200),
        car("suzuka", tricky, "Kestrel", 3, 5, 2_000, 800),
    )
    wait_for(lambda: len(leaderboard(server)) == 3)
    base = f"http://127.0.0.1:{server.http_port}"
    browser.get(base + "/f1")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: d.find_element(By.ID, "live-status").get_attribute("data-state") == "live")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#standings-body tr")) == 3)
    assert browser.find_element(By.ID, "follow-title").text == "Which driver do you support?"
    assert browser.find_elements(By.CSS_SELECTOR, "#standings-body b") == []
    assert row_of(browser, tricky).find_element(By.CLASS_NAME, "f1-name").text == tricky
    screenshot(browser, "before-choice")

    Select(browser.find_element(By.ID, "driver-select")).select_by_value("Charles Okoro")
    row = row_of(browser, "Charles Okoro")
    assert row.get_attribute("aria-current") == "true"
    assert "f1-followed" in row.get_attribute("class")
    assert "\u2605" in row.text and "your driver" in row.text.lower()
    assert int(row.value_of_css_property("font-weight")) >= 700
    assert row_of(browser, "Ada Lindqvist").get_attribute("aria-current") is None
    assert browser.find_element(By.ID, "follow-title").text == "You support Charles Okoro"
    screenshot(browser, "driver-chosen")

    # The choice survives a reload (localStorage).
    browser.refresh()
    wait.until(lambda d: row_of(d, "Charles Okoro") is not None
               and row_of(d, "Charles Okoro").get_attribute("aria-current") == "true")

    # An overtake arrives: the page changes within a second or so, without reloading.
    browser.execute_script("window.__sameDocument = true;")
    sent = time.monotonic()
    timing.send(
        car("suzuka", "Charles Okoro", "Vesta", 1, 6, 0, 0),
        car("suzuka", "Ada Lindqvist", "Aurora", 2, 6, 300, 300),
        car("suzuka", tricky, "Kestrel", 3, 6, 2_100, 1_800),
    )
    WebDriverWait(browser, 10, poll_frequency=0.05).until(
        lambda d: [row["driver"] for row in rows(d)] == ["Charles Okoro", "Ada Lindqvist", tricky]
    )
    elapsed = time.monotonic() - sent
    assert browser.execute_script("return window.__sameDocument === true;")
    print(f"the page showed the overtake {elapsed:.3f} s after the producer sent it")
    # The issue asks for updates within a second of each event; this includes producing them.
    assert elapsed < 1.0, f"the page took {elapsed:.2f} s to show the update"
    # The three states may arrive in more than one push; wait for the last.
    WebDriverWait(browser, 5).until(lambda d: rows(d)[2]["time"] == "+2.100")
    first = rows(browser)[0]
    assert first["driver"] == "Charles Okoro" and first["current"] == "true" and first["position"] == "1"
    assert browser.find_element(By.ID, "lap-label").text.lower() == "lap"
    assert browser.find_element(By.ID, "lap-counter").text == "7 / 30"
    assert browser.find_element(By.ID, "clock").text not in ("", "\u2013")
    screenshot(browser, "after-overtake")

    # Gap and interval toggle; the radio sits inside its label, which is what a user clicks.
    browser.find_element(By.XPATH, '//input[@name="time-mode"][@value="interval"]/..').click()
    assert browser.find_element(By.ID, "time-column").text.lower() == "interval"
    assert rows(browser)[2]["time"] == "+1.800"
    screenshot(browser, "interval")
