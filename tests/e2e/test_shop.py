"""The Build a Nation shop against `kibitz serve`: the game API, kcat reading the purchases back,
the inventory computed by the stream processor, bad input refused, and the home page kept.
"""

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import SCREENSHOTS


def kcat(*arguments: str, timeout: float = 30) -> str:
    result = subprocess.run(["kcat", *arguments], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result.stdout


def request(base: str, path: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
    """(status, content type, body text) of one HTTP request; error statuses are returned, not raised."""
    call = urllib.request.Request(base + path, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(call, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def read_events(bootstrap: str) -> list[tuple[str, dict]]:
    output = kcat("-C", "-b", bootstrap, "-t", "events", "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n")
    return [(line.split("\t", 1)[0], json.loads(line.split("\t", 1)[1])) for line in output.splitlines() if line]


def test_purchases_are_answered_and_kcat_lists_them(kibitz_server, base_url):
    answers = []
    for method, path in [
        ("GET", "/purchase_a_sword?player=ann"),
        ("POST", "/purchase_a_horse?player=ann"),
        ("GET", "/purchase_a_shield"),
        ("POST", "/purchase_a_sword?player=bob_2"),
    ]:
        status, content_type, body = request(base_url, path, method)
        assert status == 200, body
        assert content_type.startswith("application/json")
        answers.append(json.loads(body))
    assert [answer["player"] for answer in answers] == ["ann", "ann", "player-1", "bob_2"]
    assert [answer["item"] for answer in answers] == ["sword", "horse", "shield", "sword"]
    assert len({answer["purchase_id"] for answer in answers}) == 4

    # The command from the issue, as a user would type it, lists the purchases.
    plain = kcat("-C", "-b", kibitz_server.bootstrap, "-t", "events", "-o", "beginning", "-e", "-q")
    assert len(plain.splitlines()) == 4

    events = read_events(kibitz_server.bootstrap)
    assert [key for key, _ in events] == ["ann", "ann", "player-1", "bob_2"]
    for (key, event), answer in zip(events, answers):
        assert set(event) == {"player", "item", "ts", "purchase_id"}
        assert event["player"] == key
        assert event["purchase_id"] == answer["purchase_id"]
        assert event["ts"] == answer["ts"]
        assert abs(event["ts"] - time.time() * 1000) < 60_000


@pytest.mark.parametrize("player", ["", "a" * 41, "ann smith", "<script>", "émile", "a/b"])
def test_bad_players_are_refused_and_nothing_is_published(kibitz_server, base_url, player):
    # One good purchase first, so the topic exists and kcat can tell "nothing more" from "no topic".
    assert request(base_url, "/purchase_a_sword?player=ok")[0] == 200
    status, content_type, body = request(base_url, "/purchase_a_sword?player=" + urllib.parse.quote(player))
    assert status == 422, body
    assert content_type.startswith("application/json")
    assert "player" in json.loads(body)["error"]
    assert [key for key, _ in read_events(kibitz_server.bootstrap)] == ["ok"]


def test_inventory_is_computed_from_the_topic(kibitz_server, base_url):
    for item in ["sword", "sword", "horse"]:
        assert request(base_url, f"/purchase_a_{item}?player=cyd")[0] == 200
    # Purchases that another producer writes to the topic count as well.
    external = json.dumps({"player": "cyd", "item": "shield", "ts": int(time.time() * 1000), "purchase_id": "ext-1"})
    subprocess.run(
        ["kcat", "-P", "-b", kibitz_server.bootstrap, "-t", "events", "-k", "cyd"],
        input=external + "\n", text=True, check=True, timeout=30,
    )
    deadline = time.monotonic() + 15
    inventory = None
    while time.monotonic() < deadline:
        inventory = json.loads(request(base_url, "/api/shop/inventory/cyd")[2])
        if inventory["total"] == 4:
            break
        time.sleep(0.2)
    assert inventory["items"] == {"sword": 2, "horse": 1, "shield": 1}
    assert inventory["total"] == 4
    assert request(base_url, "/api/shop/inventory/bad%20name")[0] == 422


def test_root_answers_api_clients_and_serves_the_home_page_to_browsers(kibitz_server, base_url):
    status, content_type, body = request(base_url, "/", headers={"Accept": "application/json"})
    assert status == 200 and content_type.startswith("application/json")
    assert json.loads(body)["game"] == "Build a Nation"
    status, _, body = request(base_url, "/?player=dee")
    assert json.loads(body)["player"] == "dee"
    status, content_type, body = request(base_url, "/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and content_type.startswith("text/html")
    assert "Build a Nation shop" in body and 'href="/shop"' in body
    status, content_type, body = request(base_url, "/shop")
    assert status == 200 and "Build a Nation shop" in body


def test_simulate_shop_publishes_shopper_activity(kibitz_server, kibitz_binary):
    result = subprocess.run(
        [kibitz_binary, "simulate", "shop", "--bootstrap", kibitz_server.bootstrap,
         "--rate", "500", "--count", "300", "--seed", "8"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    output = kcat("-C", "-b", kibitz_server.bootstrap, "-t", "shop.events", "-o", "beginning", "-e", "-q",
                  "-f", "%k\t%s\n")
    events = [(line.split("\t", 1)[0], json.loads(line.split("\t", 1)[1])) for line in output.splitlines()]
    assert len(events) == 300
    assert {event["event_type"] for _, event in events} == {"productview", "addtobasket", "removefrombasket", "purchase"}
    assert all(key == event["user_id"] for key, event in events)
    assert len({event["event_id"] for _, event in events}) == 300


def test_shop_page_buys_and_shows_the_inventory_counted_from_the_topic(kibitz_server, base_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    driver.get(base_url + "/shop")
    wait = WebDriverWait(driver, 20)
    wait.until(lambda d: d.find_element(By.ID, "live-status").get_attribute("data-state") == "live")
    player = driver.find_element(By.ID, "player")
    player.clear()
    player.send_keys("page_player")
    driver.find_element(By.CSS_SELECTOR, "#player-form button[type=submit]").click()
    wait.until(lambda d: d.find_element(By.ID, "inventory-player").text == "page_player")
    wait.until(lambda d: d.find_element(By.ID, "count-total").text == "0")
    for item in ["sword", "shield", "sword"]:
        driver.find_element(By.CSS_SELECTOR, f'button[data-item="{item}"]').click()
        wait.until(lambda d: f"bought a {item}" in d.find_element(By.ID, "confirmation").text)
    # The counts come over the WebSocket from the stream processor, not from the button clicks.
    wait.until(lambda d: d.find_element(By.ID, "count-total").text == "3")
    assert driver.find_element(By.ID, "count-sword").text == "2"
    assert driver.find_element(By.ID, "count-shield").text == "1"
    assert driver.find_element(By.ID, "count-horse").text == "0"
    # A purchase made elsewhere shows up too.
    assert request(base_url, "/purchase_a_horse?player=page_player")[0] == 200
    wait.until(lambda d: d.find_element(By.ID, "count-horse").text == "1")
    driver.save_screenshot(str(SCREENSHOTS / "shop-page-inventory.png"))
    # A bad name is refused on the page, before any request.
    player = driver.find_element(By.ID, "player")
    player.clear()
    player.send_keys("bad name!")
    driver.find_element(By.CSS_SELECTOR, "#player-form button[type=submit]").click()
    assert driver.find_element(By.ID, "player-error").text != ""
    assert driver.find_element(By.ID, "inventory-player").text == "page_player"
    assert [key for key, _ in read_events(kibitz_server.bootstrap)] == ["page_player"] * 4
