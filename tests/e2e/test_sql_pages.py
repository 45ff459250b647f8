"""The SQL pages in headless Chromium against a real `kibitz serve` fed by a real producer: the
/views page runs scripts (and shows a syntax error where it is, creating nothing), a view's page
shows its rows in a table and a chart chosen from the result's shape, and both follow the events
produced while the page is open.

Event times are chosen here (whole seconds from a fixed minute), so which ten-second windows have
closed — those the watermark, one second behind the newest event, has passed — is known exactly.
"""

import json
import time
import urllib.error
import urllib.request
from collections import Counter

from confluent_kafka import Producer
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = 1_767_225_600_000  # 2026-01-01T00:00:00Z
PIECES = ["pawn", "knight", "bishop", "rook", "queen", "king"]
PLAYERS = ["ana", "bo", "cy"]


def table_ddl(topic: str) -> str:
    return (
        f"CREATE TABLE {topic} (player STRING, piece STRING, ts BIGINT,\n"
        "  rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt - INTERVAL '1' SECOND\n"
        f") WITH ('connector' = 'kafka', 'topic' = '{topic}', 'format' = 'json',"
        " 'scan.startup.mode' = 'earliest-offset')"
    )


def event(number: int) -> dict:
    return {"player": PLAYERS[number % 3], "piece": PIECES[number * 5 % 6], "ts": BASE + number * 1000}


def produce(bootstrap: str, topic: str, numbers: range) -> None:
    producer = Producer({"bootstrap.servers": bootstrap})
    for number in numbers:
        producer.produce(topic, json.dumps(event(number)).encode(), partition=0)
    assert producer.flush(10) == 0


def request(base_url: str, path: str, body: dict | None = None, accept: str = "application/json"):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Accept": accept, **({"Content-Type": "application/json"} if data else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(base_url + path, data, headers), timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run_sql(base_url: str, sql: str) -> dict:
    status, text = request(base_url, "/api/sql", {"sql": sql})
    assert status == 200, text
    return json.loads(text)


def view_names(base_url: str) -> list[str]:
    status, text = request(base_url, "/api/views")
    assert status == 200, text
    return [view["name"] for view in json.loads(text)["views"]]


def wait(driver, timeout: float = 10) -> WebDriverWait:
    return WebDriverWait(driver, timeout, poll_frequency=0.05)


CHART = """
const chart = Chart.getChart(document.getElementById('view-chart'));
if (!chart || document.getElementById('chart-section').hidden) return null;
return {type: chart.config.type, labels: chart.data.labels,
        datasets: chart.data.datasets.map(d => ({label: d.label, data: d.data}))};
"""


def chart(driver) -> dict | None:
    return driver.execute_script(CHART)


def table_rows(driver) -> list[list[str]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows-table tbody tr'))"
        ".map(row => Array.from(row.cells).map(cell => cell.textContent));"
    )


def console_errors(driver, expected: str | None = None) -> list[dict]:
    """The page's errors (a script's, a file that failed to load), but for the answer `expected`."""
    return [
        entry for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and not (expected and expected in entry["message"])
    ]


def test_views_page_runs_a_script_and_lists_the_new_view(kibitz_server, browser):
    produce(kibitz_server.bootstrap, "script_moves", range(12))
    browser.get(kibitz_server.base_url + "/views")
    assert browser.find_element(By.ID, "views-empty").is_displayed()
    editor = browser.find_element(By.ID, "sql-text")
    editor.send_keys(
        table_ddl("script_moves") + ";\n"
        "CREATE VIEW pieces AS SELECT piece, COUNT(*) AS moves FROM script_moves GROUP BY piece;"
    )
    editor.send_keys(Keys.CONTROL, Keys.ENTER)

    link = wait(browser).until(lambda driver: driver.find_element(By.CSS_SELECTOR, "#sql-result a[href='/views/pieces']"))
    outcomes = browser.find_element(By.ID, "sql-result").text
    assert "script_moves" in outcomes and "pieces" in outcomes
    assert link.text == "Open pieces"
    listed = wait(browser).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "#views-table a[href='/views/pieces']"))
    assert listed[0].text == "pieces"
    assert not browser.find_element(By.ID, "views-empty").is_displayed()
    assert view_names(kibitz_server.base_url) == ["pieces"]
    assert console_errors(browser) == []


def test_views_page_shows_a_syntax_error_at_its_line_and_column_and_creates_nothing(kibitz_server, browser):
    script = table_ddl("broken_moves") + ";\nCREATE VIEW broken AS\nSELEC piece FROM broken_moves;"
    status, answer = request(kibitz_server.base_url, "/api/sql", {"sql": script})
    assert status == 400
    error = json.loads(answer)
    # The mistake is on the fifth line, at its start: the page must say where the API says.
    assert (error["line"], error["column"]) == (5, 1), error

    browser.get(kibitz_server.base_url + "/views")
    editor = browser.find_element(By.ID, "sql-text")
    browser.execute_script("arguments[0].value = arguments[1];", editor, script)
    browser.find_element(By.ID, "run-button").click()

    box = wait(browser).until(lambda driver: driver.find_element(By.ID, "sql-error"))
    assert error["error"] in box.text
    assert "line 5, column 1" in box.text.lower()
    assert "Nothing was created" in box.text
    assert browser.find_element(By.CSS_SELECTOR, "#sql-error pre").text.splitlines() == [
        "SELEC piece FROM broken_moves;", "^"
    ]
    assert editor.get_attribute("aria-invalid") == "true"
    # The caret is where the error is: at the start of the fifth line.
    caret = browser.execute_script("return arguments[0].selectionStart;", editor)
    assert caret == len("\n".join(script.split("\n")[:4])) + 1
    assert browser.switch_to.active_element == editor

    assert view_names(kibitz_server.base_url) == []
    tables = run_sql(kibitz_server.base_url, "SHOW TABLES")["results"][0]["rows"]
    assert tables == []
    assert console_errors(browser, expected="/api/sql - Failed to load resource: the server responded with a status of 400") == []


def test_window_view_page_draws_a_line_that_grows_with_the_events(kibitz_server, browser):
    base_url, bootstrap = kibitz_server.base_url, kibitz_server.bootstrap
    # Events at seconds 0..34: the watermark reaches 33 s, so the windows at 0, 10 and 20 s close.
    produce(bootstrap, "window_moves", range(35))
    run_sql(
        base_url,
        table_ddl("window_moves") + ";\n"
        "CREATE VIEW per_window AS SELECT window_start, window_end, COUNT(*) AS moves\n"
        "FROM TABLE(TUMBLE(TABLE window_moves, DESCRIPTOR(rt), INTERVAL '10' SECOND))\n"
        "GROUP BY window_start, window_end",
    )
    browser.get(base_url + "/views/per_window")

    wait(browser).until(lambda driver: len(table_rows(driver)) == 3)
    drawn = wait(browser).until(lambda driver: (c := chart(driver)) and len(c["labels"]) == 3 and c)
    assert drawn["type"] == "line"
    assert drawn["labels"] == ["00:00:00", "00:00:10", "00:00:20"]
    assert drawn["datasets"] == [{"label": "moves", "data": [10, 10, 10]}]
    # Newest window first; window_end and the count in their own columns.
    assert table_rows(browser)[0] == ["2026-01-01 00:00:20", "2026-01-01 00:00:30", "10"]
    assert browser.find_element(By.ID, "live-status").text == "Live"

    counters = browser.find_element(By.ID, "view-counters")
    wait(browser).until(lambda driver: counters.text == "35 rows read")
    # Second 35 closes no window: only the channel's status message tells the page it was read.
    produce(bootstrap, "window_moves", range(35, 36))
    wait(browser).until(lambda driver: counters.text == "36 rows read")
    assert len(table_rows(browser)) == 3

    # Seconds 36..54 arrive while the page is open: the windows at 30 and 40 s close.
    produce(bootstrap, "window_moves", range(36, 55))
    wait(browser).until(lambda driver: len(table_rows(driver)) == 5)
    grown = wait(browser).until(lambda driver: (c := chart(driver)) and len(c["labels"]) == 5 and c)
    assert grown["labels"][-2:] == ["00:00:30", "00:00:40"]
    assert grown["datasets"][0]["data"] == [10, 10, 10, 10, 10]
    assert browser.find_element(By.ID, "row-count").text == "(5)"
    assert console_errors(browser) == []


def test_window_view_with_a_string_key_draws_a_line_per_key(kibitz_server, browser):
    base_url = kibitz_server.base_url
    produce(kibitz_server.bootstrap, "player_moves", range(35))
    run_sql(
        base_url,
        table_ddl("player_moves") + ";\n"
        "CREATE VIEW per_player AS SELECT window_start, player, COUNT(*) AS moves\n"
        "FROM TABLE(TUMBLE(TABLE player_moves, DESCRIPTOR(rt), INTERVAL '10' SECOND))\n"
        "GROUP BY window_start, window_end, player",
    )
    browser.get(base_url + "/views/per_player")
    drawn = wait(browser).until(lambda driver: (c := chart(driver)) and len(c["labels"]) == 3 and c)
    assert drawn["type"] == "line"
    expected = Counter((number // 10, event(number)["player"]) for number in range(30))
    lines = {dataset["label"]: dataset["data"] for dataset in drawn["datasets"]}
    assert lines == {player: [expected[(window, player)] for window in range(3)] for player in PLAYERS}
    assert len(table_rows(browser)) == 9
    assert console_errors(browser) == []


def test_group_by_view_page_draws_bars_and_a_projection_only_a_table(kibitz_server, browser):
    base_url = kibitz_server.base_url
    produce(kibitz_server.bootstrap, "piece_moves", range(40))
    run_sql(
        base_url,
        table_ddl("piece_moves") + ";\n"
        "CREATE VIEW by_piece AS SELECT piece, COUNT(*) AS moves FROM piece_moves GROUP BY piece;\n"
        "CREATE VIEW plain_moves AS SELECT player, piece, ts FROM piece_moves",
    )
    counts = Counter(event(number)["piece"] for number in range(40))

    browser.get(base_url + "/views/by_piece")
    drawn = wait(browser).until(lambda driver: (c := chart(driver)) and sum(c["datasets"][0]["data"]) == 40 and c)
    assert drawn["type"] == "bar"
    assert dict(zip(drawn["labels"], drawn["datasets"][0]["data"])) == counts
    assert drawn["datasets"][0]["data"] == sorted(drawn["datasets"][0]["data"], reverse=True)
    assert sorted(table_rows(browser)) == sorted([piece, str(number)] for piece, number in counts.items())

    browser.get(base_url + "/views/plain_moves")
    wait(browser).until(lambda driver: len(table_rows(driver)) == 40)
    assert chart(browser) is None
    assert not browser.find_element(By.ID, "chart-section").is_displayed()
    # Numbers in the reader's locale: a BIGINT time in milliseconds is grouped by thousands.
    assert table_rows(browser)[0] == ["ana", event(39)["piece"], f"{BASE + 39_000:,}"]
    assert console_errors(browser) == []


def test_unknown_view_page_answers_404(kibitz_server, browser):
    status, page = request(kibitz_server.base_url, "/views/unknown", accept="text/html")
    assert status == 404
    assert "<title>Not found — Kibitz</title>" in page
    status, answer = request(kibitz_server.base_url, "/views/unknown")
    assert status == 404 and json.loads(answer)["error"]
    status, answer = request(kibitz_server.base_url, "/api/views/unknown")
    assert status == 404 and "unknown" in json.loads(answer)["error"]
    browser.get(kibitz_server.base_url + "/views/unknown")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Nothing here"
    assert request(kibitz_server.base_url, "/api/views")[0] == 200


def test_home_page_links_the_sql_views_page(kibitz_server, browser):
    browser.get(kibitz_server.base_url + "/")
    link = browser.find_element(By.CSS_SELECTOR, ".app-card a[href='/views']")
    assert link.text == "SQL views"
    card = link.find_element(By.XPATH, "ancestor::article")
    assert "Flink SQL" in card.text
    # The page reads any topic: its card names none rather than an empty list.
    assert card.find_elements(By.CLASS_NAME, "topics") == []
    assert browser.find_element(By.CSS_SELECTOR, ".site-nav a[href='/views']").text == "SQL views"
    link.click()
    wait(browser).until(lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "SQL views")
