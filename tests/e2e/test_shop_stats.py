"""Shop statistics against `kibitz serve`: what the stream processor publishes to `shop.stats` and
answers on `/api/shop/stats` equals a recomputation in Python from the raw `shop.events` topic.

Event times are chosen here (a fixed past hour, minute-aligned), and a last event well past the
windows closes them, so every result read back is final and the test is deterministic.
"""

import json
import random
import time
import urllib.request

from confluent_kafka import Consumer, Producer, TopicPartition

EVENTS_TOPIC = "shop.events"
STATS_TOPIC = "shop.stats"
MINUTE = 60_000
# Must match the pipeline's PipelineConfiguration default: the watermark trails the newest event by it.
OUT_OF_ORDERNESS = 1_000
BASE = 1_767_225_600_000  # 2026-01-01T00:00:00Z, a minute boundary.
TYPES = ["productview", "addtobasket", "removefrombasket", "purchase"]
COUNTED = ["productview", "addtobasket", "removefrombasket", "purchase", "other", "revenue", "events"]


def shop_event(number: int, event_type: str, ts: int, rng: random.Random) -> dict:
    return {
        "event_type": event_type,
        "event_id": f"e-{number}",
        "user_id": f"u-{number % 7}",
        "session_id": f"s-{number % 11}",
        "product_id": "p-100",
        "product_name": "Iron sword",
        "category": "weapons",
        "price": rng.choice([3.5, 12.5, 24.0, 95.0]),
        "quantity": rng.randint(1, 3),
        "ts": ts,
    }


def produce(bootstrap: str) -> None:
    rng = random.Random(6)
    producer = Producer({"bootstrap.servers": bootstrap})
    values: list[bytes] = []
    number = 0
    # Three minutes of events, in time order with small jitter, so some arrive out of order.
    for minute in range(3):
        for _ in range(60):
            ts = BASE + minute * MINUTE + rng.randint(0, MINUTE - 1)
            number += 1
            values.append(json.dumps(shop_event(number, rng.choice(TYPES), ts, rng)).encode())
        if minute == 1:
            # Late: the first minute closed once the second minute's events pushed the watermark past it.
            number += 1
            values.append(json.dumps(shop_event(number, "purchase", BASE + 5_000, rng)).encode())
            values.append(b"{not json")
    # Closes every window above.
    number += 1
    values.append(json.dumps(shop_event(number, "productview", BASE + 10 * MINUTE, rng)).encode())
    for value in values:
        # One partition: the recomputation below replays the topic in the order the pipeline read it.
        producer.produce(EVENTS_TOPIC, value=value, key=b"shopper", partition=0)
    assert producer.flush(15) == 0


def read_topic(bootstrap: str, topic: str, minimum: int, timeout: float = 30) -> list[bytes]:
    consumer = Consumer(
        {"bootstrap.servers": bootstrap, "group.id": f"check-{topic}-{time.time()}", "enable.auto.commit": False}
    )
    metadata = consumer.list_topics(topic, timeout=10)
    partitions = [TopicPartition(topic, partition, 0) for partition in metadata.topics[topic].partitions]
    consumer.assign(partitions)
    values: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            if len(values) >= minimum:
                break
            continue
        if message.error():
            continue
        values.append(message.value())
    consumer.close()
    return values


def recompute(raw: list[bytes]) -> list[dict]:
    """The closed one-minute windows of the raw topic, with the pipeline's watermark and lateness rule."""
    windows: dict[int, dict] = {}
    watermark = None
    for value in raw:
        try:
            event = json.loads(value)
            event_type, ts, price, quantity = event["event_type"], event["ts"], event["price"], event["quantity"]
        except (ValueError, KeyError):
            continue  # dead-lettered by the pipeline
        start = ts // MINUTE * MINUTE
        if watermark is not None and start + MINUTE <= watermark:
            continue  # late: its window has closed
        window = windows.setdefault(start, {key: 0 for key in COUNTED})
        window[event_type if event_type in TYPES else "other"] += 1
        window["events"] += 1
        if event_type == "purchase":
            window["revenue"] += price * quantity
        watermark = max(watermark if watermark is not None else ts - OUT_OF_ORDERNESS, ts - OUT_OF_ORDERNESS)
    closed = []
    for start in sorted(windows):
        if watermark is not None and start + MINUTE <= watermark:
            window = dict(windows[start], window_start=start, window_end=start + MINUTE)
            adds, views = window["addtobasket"], window["productview"]
            window["basket_abandonment"] = window["removefrombasket"] / adds if adds else None
            window["conversion"] = window["purchase"] / views if views else None
            closed.append(window)
    return closed


def fetch_json(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return json.loads(response.read())


def test_shop_statistics_equal_a_recomputation_from_the_raw_topic(kibitz_server, base_url):
    bootstrap = kibitz_server.bootstrap
    produce(bootstrap)

    raw = read_topic(bootstrap, EVENTS_TOPIC, minimum=183)
    assert len(raw) == 3 * 60 + 3  # the minutes, the late event, the malformed one, the closing one
    expected = recompute(raw)
    assert [window["window_start"] for window in expected] == [BASE, BASE + MINUTE, BASE + 2 * MINUTE]
    # The late purchase and the malformed record are in none of them.
    assert sum(window["events"] for window in expected) == 3 * 60

    published = [json.loads(value) for value in read_topic(bootstrap, STATS_TOPIC, minimum=len(expected), timeout=60)]
    published.sort(key=lambda window: window["window_start"])
    assert published == expected

    # The API's totals are the sum of the same closed windows; the minutes are the windows themselves.
    stats = fetch_json(base_url, "/api/shop/stats")
    assert stats["minutes"] == expected
    totals = stats["totals"]
    for key in COUNTED:
        assert totals[key] == sum(window[key] for window in expected), key
    assert totals["conversion"] == totals["purchase"] / totals["productview"]
    assert totals["basket_abandonment"] == totals["removefrombasket"] / totals["addtobasket"]


def test_shop_stats_page_updates_live(kibitz_server, base_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(base_url + "/shop/stats")
    wait = WebDriverWait(browser, 20)
    # The snapshot arrives first: nothing closed yet.
    wait.until(lambda driver: driver.find_element(By.ID, "live-status").get_attribute("data-state") == "live")
    assert browser.find_element(By.ID, "total-views").text == "0"

    produce(kibitz_server.bootstrap)
    expected = recompute(read_topic(kibitz_server.bootstrap, EVENTS_TOPIC, minimum=183))
    purchases = str(sum(window["purchase"] for window in expected))
    views = str(sum(window["productview"] for window in expected))
    # Pushed over the WebSocket: the page is never reloaded.
    wait.until(lambda driver: driver.find_element(By.ID, "total-purchases").text == purchases)
    assert browser.find_element(By.ID, "total-views").text == views
    assert browser.find_element(By.ID, "last-minute-events").text == str(expected[-1]["events"])
    assert browser.execute_script("return window.Chart !== undefined && Chart.instances !== undefined")
