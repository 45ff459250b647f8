"""Superhero arena against `kibitz serve`: `kibitz simulate arena` logs games to `lib.server.lobby`
through the Kafka protocol, the ETL worker group writes `game_meta` and `game_podium` as gzip
Parquet, and pyarrow and DuckDB find exactly the rows a recomputation in Python makes from the raw
topic (read back with confluent-kafka) — also after a kill -9 in the middle of the work, and after
the topic is deleted and created again (finding 2 of issue 11).
"""

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient

from process_health import assert_settles

TOPIC = "lib.server.lobby"
DEAD_LETTERS = "arena-etl.dead-letter"
META_TYPES = {"game_token": pa.string(), "user_token": pa.string(), "superhero_id": pa.uint16()}
PODIUM_TYPES = {
    "game_token": pa.string(), "user_token": pa.string(), "rank": pa.uint8(), "rounds": pa.uint8(),
    "damage_received": pa.uint64(), "damage_sent": pa.uint64(),
}


def simulate(binary: str, bootstrap: str, games: int, seed: int, players: int = 24) -> None:
    subprocess.run(
        [binary, "simulate", "arena", "--bootstrap", bootstrap, "--players", str(players),
         "--games", str(games), "--rate", "0", "--seed", str(seed)],
        check=True, capture_output=True, timeout=300,
    )


def read_topic(bootstrap: str, topic: str = TOPIC) -> list[tuple[str, dict]]:
    """Every record of every partition of `topic` as (key, JSON value) pairs, in offset order per
    partition; values that are not JSON objects are left out."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"arena-check-{time.time_ns()}",
                         "enable.auto.commit": False, "enable.partition.eof": True})
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
        finished: set[int] = set()
        records = []
        deadline = time.monotonic() + 60
        while len(finished) < len(partitions) and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                if message.error().code() == -191:  # _PARTITION_EOF
                    finished.add(message.partition())
                    continue
                raise RuntimeError(message.error())
            try:
                value = json.loads(message.value())
            except json.JSONDecodeError:
                continue
            records.append((message.key().decode() if message.key() else "", value))
        assert len(finished) == len(partitions), "the topic was not read to its end"
        return records
    finally:
        consumer.close()


def expected_rows(records: list[tuple[str, dict]]) -> tuple[set[tuple], set[tuple]]:
    """game_meta and game_podium rows computed from the log alone, the way the game describes them:
    every joined player once, ranked winner first and then in reverse order of defeat."""
    games: dict[str, dict] = {}
    meta, podium = set(), set()
    for key, record in records:
        task, message = record["task"], record["log_message"]
        token = task["game_token"]
        assert key == token
        if message == "Lobby Created":
            games[token] = {"host": task["user_token"], "players": {}, "sent": {}, "received": {},
                            "defeated": [], "over": None}
            continue
        game = games[token]
        if message == "Player Joined":
            game["players"][task["user_token"]] = task["superhero_id"]
        elif message == "Attack":
            game["sent"][task["user_token"]] = game["sent"].get(task["user_token"], 0) + task["damage"]
            game["received"][task["target_token"]] = game["received"].get(task["target_token"], 0) + task["damage"]
        elif message == "Player Defeated":
            game["defeated"].append((task["user_token"], task["round"]))
        elif message == "Game Over":
            game["over"] = (task["winner_token"], task["rounds"])
        elif message == "Cleaning Game Records" and task["user_token"] == game["host"]:
            winner, rounds = game["over"]
            ranking = [(winner, rounds)] + list(reversed(game["defeated"]))
            for user, hero in game["players"].items():
                meta.add((token, user, hero))
            for rank, (user, lasted) in enumerate(ranking, start=1):
                podium.add((token, user, rank, lasted, game["received"].get(user, 0), game["sent"].get(user, 0)))
    return meta, podium


def read_table(warehouse: Path, table: str, types: dict) -> list[tuple]:
    """The table's rows through pyarrow, after checking every file's schema and compression."""
    files = sorted((warehouse / table).glob("date=*/*.parquet"))
    assert files, f"no {table} files"
    for path in files:
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
        assert {field.name: field.type for field in schema} == types, path
        assert all(not field.nullable for field in schema), path
        for group in range(parquet.metadata.num_row_groups):
            for column in range(parquet.metadata.num_columns):
                assert parquet.metadata.row_group(group).column(column).compression == "GZIP"
    table_data = ds.dataset(warehouse / table, format="parquet", partitioning="hive").to_table()
    columns = list(types)
    return list(zip(*(table_data.column(name).to_pylist() for name in columns)))


def read_table_with_duckdb(warehouse: Path, table: str) -> tuple[list[tuple], dict]:
    glob = str(warehouse / table / "date=*" / "*.parquet")
    connection = duckdb.connect()
    relation = connection.sql(f"select * exclude (date) from read_parquet('{glob}', hive_partitioning = true)")
    types = dict(zip(relation.columns, (str(kind) for kind in relation.types)))
    return relation.fetchall(), types


def wait_for_rows(warehouse: Path, expected_podium_rows: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = list((warehouse / "game_podium").glob("date=*/*.parquet"))
        meta_files = list((warehouse / "game_meta").glob("date=*/*.parquet"))
        if files and meta_files:
            podium_rows = sum(pq.ParquetFile(path).metadata.num_rows for path in files)
            meta_rows = sum(pq.ParquetFile(path).metadata.num_rows for path in meta_files)
            if podium_rows >= expected_podium_rows and meta_rows >= expected_podium_rows:
                # A moment more, so that a double write would show too.
                time.sleep(1.0)
                return
        time.sleep(0.1)
    raise TimeoutError(f"the warehouse did not reach {expected_podium_rows} podium rows in {timeout} s")


def check_warehouse(warehouse: Path, records: list[tuple[str, dict]]) -> int:
    meta, podium = expected_rows(records)
    meta_rows = read_table(warehouse, "game_meta", META_TYPES)
    podium_rows = read_table(warehouse, "game_podium", PODIUM_TYPES)
    # Lists, not sets: a doubled row must show.
    assert sorted(meta_rows) == sorted(meta)
    assert sorted(podium_rows) == sorted(podium)
    duck_podium, duck_types = read_table_with_duckdb(warehouse, "game_podium")
    assert sorted(duck_podium) == sorted(podium)
    assert duck_types == {"game_token": "VARCHAR", "user_token": "VARCHAR", "rank": "UTINYINT",
                          "rounds": "UTINYINT", "damage_received": "UBIGINT", "damage_sent": "UBIGINT"}
    duck_meta, duck_meta_types = read_table_with_duckdb(warehouse, "game_meta")
    assert sorted(duck_meta) == sorted(meta)
    assert duck_meta_types == {"game_token": "VARCHAR", "user_token": "VARCHAR", "superhero_id": "USMALLINT"}
    return len(podium)


def test_two_workers_write_exactly_the_games_of_the_log(kibitz_binary, kibitz_server_factory):
    server = kibitz_server_factory("--arena-workers", "2")
    simulate(kibitz_binary, server.bootstrap, games=150, seed=21)
    records = read_topic(server.bootstrap)
    _, podium = expected_rows(records)
    assert len({row[0] for row in podium}) == 150
    warehouse = server.data_dir / "warehouse"
    wait_for_rows(warehouse, len(podium))
    assert check_warehouse(warehouse, records) == len(podium)
    # Both workers had partitions: files of two partitions exist.
    partitions = {path.name.split("-")[1] for path in (warehouse / "game_meta").glob("date=*/*.parquet")}
    assert len(partitions) == 2
    statistics = json.load(urllib.request.urlopen(f"{server.base_url}/api/arena/warehouse", timeout=5))
    assert statistics["games_written"] == 150
    assert statistics["rows_written"] == {"game_meta": len(podium), "game_podium": len(podium)}
    assert statistics["workers"] == 2 and statistics["dead_letters"] == 0


def test_malformed_records_are_dead_lettered_and_change_nothing(kibitz_binary, kibitz_server):
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    bad = [
        (b"g-1", b"{not json"),
        (b"g-1", json.dumps({"ts": 1, "log_message": "Attack", "task": {"game_token": "g-1", "round": 1,
                                                                     "user_token": "a", "target_token": "b",
                                                                     "damage": -5}}).encode()),
        (b"g-2", json.dumps({"ts": 1, "log_message": "Cleaning Game Records",
                             "task": {"game_token": "g-2", "user_token": "a"}}).encode()),
        (b"other", json.dumps({"ts": 1, "log_message": "Round Started",
                               "task": {"game_token": "g-3", "round": 1}}).encode()),
    ]
    for key, value in bad:
        producer.produce(TOPIC, key=key, value=value)
    assert producer.flush(10) == 0
    simulate(kibitz_binary, kibitz_server.bootstrap, games=20, seed=5)
    records = [(key, value) for key, value in read_topic(kibitz_server.bootstrap)
               if value.get("task", {}).get("game_token", "").startswith("game-")]
    _, podium = expected_rows(records)
    warehouse = kibitz_server.data_dir / "warehouse"
    wait_for_rows(warehouse, len(podium))
    check_warehouse(warehouse, records)

    letters = [value for _, value in read_topic(kibitz_server.bootstrap, DEAD_LETTERS)]
    assert [letter["offset"] for letter in letters] == [0, 1, 2, 3]
    assert all(letter["pipeline"] == "arena-etl" and letter["topic"] == TOPIC for letter in letters)
    reasons = [letter["reason"] for letter in letters]
    assert "JSON" in reasons[0] or "data" in reasons[0]
    assert "damage" in reasons[1] and "-5" in reasons[1]
    assert "none of its records came before" in reasons[2]
    assert "key other" in reasons[3]
    assert letters[0]["value"] == "{not json"
    statistics = json.load(urllib.request.urlopen(f"{kibitz_server.base_url}/api/arena/warehouse", timeout=5))
    assert statistics["dead_letters"] == 4


def test_a_game_published_twice_is_written_once(kibitz_binary, kibitz_server):
    simulate(kibitz_binary, kibitz_server.bootstrap, games=10, seed=12)
    records = read_topic(kibitz_server.bootstrap)
    first_game = records[0][0]
    producer = Producer({"bootstrap.servers": kibitz_server.bootstrap})
    for key, value in records:
        if key == first_game:
            producer.produce(TOPIC, key=key.encode(), value=json.dumps(value).encode())
    assert producer.flush(10) == 0
    # One partition, read in order: once the next games are written, the repeat has been read.
    simulate(kibitz_binary, kibitz_server.bootstrap, games=5, seed=13)
    everything = read_topic(kibitz_server.bootstrap)
    repeated = sum(1 for key, _ in records if key == first_game)
    once = everything[:len(records)] + everything[len(records) + repeated:]
    _, podium = expected_rows(once)
    warehouse = kibitz_server.data_dir / "warehouse"
    wait_for_rows(warehouse, len(podium))
    assert check_warehouse(warehouse, once) == len(podium)
    statistics = json.load(urllib.request.urlopen(f"{kibitz_server.base_url}/api/arena/warehouse", timeout=5))
    assert statistics["games_written"] == 15 and statistics["dead_letters"] == 0
    # The repeat is counted: its Lobby Created as a game published again, the lines up to its
    # clean-ups as records of no game in progress; in the API and in /metrics alike.
    ignored = sum(1 for key, value in records if key == first_game
                  and value["log_message"] not in ("Lobby Created", "Cleaning Game Records"))
    deadline = time.monotonic() + 10
    while statistics["set_aside"]["repeated_games"] == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
        statistics = json.load(urllib.request.urlopen(f"{kibitz_server.base_url}/api/arena/warehouse", timeout=5))
    assert statistics["set_aside"] == {"repeated_games": 1, "ignored_records": ignored, "abandoned_games": 0}
    metrics = urllib.request.urlopen(f"{kibitz_server.base_url}/metrics", timeout=5).read().decode().splitlines()
    assert "arena_etl_repeated_games_total 1" in metrics
    assert f"arena_etl_ignored_records_total {ignored}" in metrics
    assert "arena_etl_games_written_total 15" in metrics


def test_kill_minus_nine_in_the_middle_loses_and_doubles_no_game(kibitz_binary, kibitz_server_factory):
    # Load the log first with no workers, so the workers below start on a full topic and a kill
    # lands in the middle of their work.
    server = kibitz_server_factory("--arena-workers", "0", "--default-partitions", "3")
    simulate(kibitz_binary, server.bootstrap, games=6_000, seed=99, players=60)
    records = read_topic(server.bootstrap)
    _, podium = expected_rows(records)
    server.extra_arguments = ["--arena-workers", "2", "--arena-flush-interval-ms", "20"]
    server.restart()
    warehouse = server.data_dir / "warehouse"
    deadline = time.monotonic() + 60
    while not list((warehouse / "game_podium").glob("date=*/*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.005)
    server.kill()
    written_at_kill = sum(pq.ParquetFile(path).metadata.num_rows
                          for path in (warehouse / "game_podium").glob("date=*/*.parquet"))
    assert 0 < written_at_kill < len(podium), "the kill did not land in the middle of the work"

    # Three workers now: the partitions move, and each new owner starts from the files.
    server.extra_arguments = ["--arena-workers", "3"]
    server.start()
    wait_for_rows(warehouse, len(podium))
    assert check_warehouse(warehouse, records) == len(podium)


def test_a_deleted_and_recreated_topic_is_written_in_full_beside_the_old_files(kibitz_binary,
                                                                               kibitz_server_factory):
    server = kibitz_server_factory("--arena-workers", "1")
    warehouse = server.data_dir / "warehouse"
    simulate(kibitz_binary, server.bootstrap, games=20, seed=41)
    first = read_topic(server.bootstrap)
    _, first_podium = expected_rows(first)
    wait_for_rows(warehouse, len(first_podium))
    check_warehouse(warehouse, first)
    old_files = {path: path.read_bytes() for path in warehouse.glob("*/date=*/*.parquet")}

    admin = AdminClient({"bootstrap.servers": server.bootstrap})
    admin.delete_topics([TOPIC], operation_timeout=10)[TOPIC].result(timeout=10)
    # The worker notices the topic is gone, says so once, waits for it, and costs nothing meanwhile.
    assert_settles(server)
    assert server.log_text().count("arena ETL: the topic is gone") == 1

    # The new topic's offsets start at 0 again, and it grows past the old files' offsets: every
    # one of its games is a new game, none was written before.
    simulate(kibitz_binary, server.bootstrap, games=60, seed=42)
    second = read_topic(server.bootstrap)
    assert len(second) > len(first)
    _, second_podium = expected_rows(second)
    wait_for_rows(warehouse, len(first_podium) + len(second_podium))
    assert check_warehouse(warehouse, first + second) == len(first_podium) + len(second_podium)

    # The old files are untouched; the new ones are a generation of their own.
    assert {path: path.read_bytes() for path in old_files} == old_files
    new_files = set(warehouse.glob("*/date=*/*.parquet")) - set(old_files)
    assert new_files and all(path.name.startswith("part-0-g1-") for path in new_files)
    log = server.log_text()
    assert log.count("the topic started over") == 1 and log.count("the topic is gone") == 1
    assert "arena ETL worker failed" not in log
    notice = next(line for line in log.splitlines() if "the topic started over" in line)
    last_offset = max(int(path.stem.split("-")[-1]) for path in old_files)
    assert f"topic={TOPIC}" in notice and "partition=0" in notice and f"old_mark={last_offset}" in notice
    assert "new_end=" in notice
    statistics = json.load(urllib.request.urlopen(f"{server.base_url}/api/arena/warehouse", timeout=5))
    assert statistics["games_written"] == 80 and statistics["dead_letters"] == 0

    # A restart finds the new generation through the commit's metadata and writes nothing again.
    server.restart()
    simulate(kibitz_binary, server.bootstrap, games=5, seed=43)
    third = read_topic(server.bootstrap)
    _, third_podium = expected_rows(third)
    wait_for_rows(warehouse, len(first_podium) + len(third_podium))
    assert check_warehouse(warehouse, first + third) == len(first_podium) + len(third_podium)
    assert server.log_text().count("the topic started over") == 1


def test_the_arena_page_shows_the_latest_podiums_live(kibitz_binary, kibitz_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(kibitz_server.base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "a[href='/arena']").click()
    WebDriverWait(browser, 10).until(
        lambda driver: driver.find_element(By.ID, "live-status").get_attribute("data-state") == "live")
    assert browser.find_element(By.ID, "games-written").text == "0"
    simulate(kibitz_binary, kibitz_server.bootstrap, games=5, seed=3)
    WebDriverWait(browser, 20).until(lambda driver: driver.find_element(By.ID, "games-written").text == "5")
    winners = browser.find_elements(By.CSS_SELECTOR, "#recent-games tr.arena-winner")
    assert len(winners) == 5
    assert all("1" in row.find_element(By.CSS_SELECTOR, "td").text for row in winners)
    _, podium = expected_rows(read_topic(kibitz_server.bootstrap))
    assert browser.find_element(By.ID, "podium-rows").text == str(len(podium))


@pytest.mark.parametrize("arguments, message", [
    (["--players", "1"], "--players"),
    (["--games", "0"], "--games"),
    (["--rate", "-1"], "--rate"),
])
def test_simulate_arena_rejects_bad_options(kibitz_binary, arguments, message):
    result = subprocess.run([kibitz_binary, "simulate", "arena", *arguments], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode != 0
    assert message in result.stderr
