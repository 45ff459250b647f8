"""The chess web app in headless Chromium against `kibitz serve`.

Plays against the computer by clicking squares, watches the dashboard change without a reload in a
second window, reads the moves back from the `moves` topic with kcat, checks that player names with
HTML in them stay text, and covers typed, dragged and friend moves. Screenshots of every step go to
artifacts/screenshots/.
"""

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import SCREENSHOTS
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT_SECONDS = 20

# Opening moves that stay legal whatever the computer answers at first; the test falls back to any
# legal move when none of them is.
PREFERRED_MOVES = ["e2e4", "g1f3", "b1c3", "f1c4", "d2d3", "e1g1", "h2h3", "a2a3", "c2c3"]


# ---------------------------------------------------------------- fixtures and helpers


def screenshot(driver, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"chess-{name}.png"
    driver.save_screenshot(str(path))
    return path


def api(base_url: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("X-Player-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait(driver, timeout: float = WAIT_SECONDS) -> WebDriverWait:
    return WebDriverWait(driver, timeout, poll_frequency=0.05)


def css(driver, selector: str):
    return driver.find_element(By.CSS_SELECTOR, selector)


def board_data(driver, name: str) -> str:
    return css(driver, "#board").get_attribute(f"data-{name}") or ""


def ply_count(driver) -> int:
    return int(board_data(driver, "ply") or 0)


def choose_move(base_url: str, game_id: str) -> str:
    status, answer = api(base_url, "GET", f"/api/chess/games/{game_id}")
    assert status == 200, answer
    legal = answer["game"]["legal_moves"]
    assert legal, answer
    for move in PREFERRED_MOVES:
        if move in legal:
            return move
    return next((move for move in legal if len(move) == 4), legal[0])


def click_move(driver, uci: str) -> None:
    css(driver, f'#board [data-square="{uci[:2]}"]').click()
    wait(driver).until(lambda d: "selected" in css(d, f'#board [data-square="{uci[:2]}"]').get_attribute("class"))
    css(driver, f'#board [data-square="{uci[2:4]}"]').click()


def keyboard_move(driver, uci: str) -> None:
    """Plays a move with the keyboard, with white at the bottom of the board."""
    origin = css(driver, f'#board [data-square="{uci[:2]}"]')
    driver.execute_script("arguments[0].focus();", origin)
    keys = [Keys.ENTER]
    files = ord(uci[2]) - ord(uci[0])
    ranks = int(uci[3]) - int(uci[1])
    keys += [Keys.ARROW_RIGHT if files > 0 else Keys.ARROW_LEFT] * abs(files)
    keys += [Keys.ARROW_UP if ranks > 0 else Keys.ARROW_DOWN] * abs(ranks)
    keys.append(Keys.ENTER)
    ActionChains(driver).send_keys(*keys).perform()


def wait_for_my_turn_again(driver, plies_before: int) -> None:
    """After our move: the computer's reply is in the move list and the board takes input again."""
    wait(driver).until(
        lambda d: (ply_count(d) >= plies_before + 2 and board_data(d, "interactive") == "true")
        or board_data(d, "status") == "ended"
    )


def counter(driver, element_id: str) -> int:
    text = css(driver, f"#{element_id}").text.strip()
    return int(text) if text.isdigit() else -1


def start_game_in_page(driver, base_url: str, name: str = "Ann", color: str = "white", level: str = "1") -> str:
    driver.get(base_url + "/chess")
    wait(driver).until(lambda d: css(d, "#start-game").is_displayed())
    css(driver, "label[for=mode-ai]").click()
    Select(css(driver, "#level")).select_by_value(level)
    css(driver, f"label[for=color-{color}]").click()
    name_field = css(driver, "#player-name")
    name_field.clear()
    name_field.send_keys(name)
    css(driver, "#start-game").click()
    wait(driver).until(lambda d: board_data(d, "game-id") and board_data(d, "my-color") == color)
    game_id = board_data(driver, "game-id")
    wait(driver).until(lambda d: f"/chess/games/{game_id}" in d.current_url)
    return game_id


def kcat_moves(bootstrap: str) -> list[dict]:
    result = subprocess.run(
        ["kcat", "-b", bootstrap, "-C", "-t", "moves", "-o", "beginning", "-e", "-q"],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


# ---------------------------------------------------------------- tests


def test_play_the_computer_by_clicking_and_watch_the_dashboard_live(kibitz_server, base_url, browser):
    game_id = start_game_in_page(browser, base_url, name="Ann", color="white", level="1")
    wait(browser).until(lambda d: board_data(d, "interactive") == "true")
    assert css(browser, "#player-white-name").text == "Ann"
    assert css(browser, '#board [data-square="e2"]').get_attribute("aria-label").startswith("e2 white pawn")
    screenshot(browser, "01-game-started")

    played: list[str] = []
    for number in range(2):
        before = ply_count(browser)
        move = choose_move(base_url, game_id)
        click_move(browser, move)
        played.append(move)
        wait_for_my_turn_again(browser, before)
        mine = css(browser, f'#move-list [data-ply="{before + 1}"]')
        assert mine.get_attribute("data-uci") == move
        reply = css(browser, f'#move-list [data-ply="{before + 2}"]')
        assert reply.text.strip(), "the computer's reply is shown in SAN"
        assert "move-last" in reply.get_attribute("class")
        # The last move is marked on the board by shape and class, and announced politely.
        last_to = reply.get_attribute("data-uci")[2:4]
        assert "last-to" in css(browser, f'#board [data-square="{last_to}"]').get_attribute("class")
        screenshot(browser, f"02-after-move-{number + 1}")
    assert "played" in css(browser, "#announcer").get_attribute("textContent")

    # A second window with the dashboard; everything after this arrives over its WebSocket.
    board_window = browser.current_window_handle
    browser.switch_to.new_window("window")
    dashboard_window = browser.current_window_handle
    browser.get(base_url + "/chess/dashboard")
    wait(browser).until(lambda d: css(d, "#main").get_attribute("data-live") == "live")
    wait(browser).until(lambda d: counter(d, "active-games") >= 1)
    plies = ply_count_from_api(base_url, game_id)
    wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'#recent-moves tr[data-game-id="{game_id}"][data-ply="{plies}"]')
    )
    browser.execute_script("window.__kibitzNoReload = true;")
    active_before = counter(browser, "active-games")
    screenshot(browser, "03-dashboard")

    # Another move on the board ...
    browser.switch_to.window(board_window)
    before = ply_count(browser)
    move = choose_move(base_url, game_id)
    click_move(browser, move)
    played.append(move)
    wait_for_my_turn_again(browser, before)
    screenshot(browser, "04-after-move-3")

    # ... shows up on the dashboard without a reload.
    browser.switch_to.window(dashboard_window)
    newest = ply_count_from_api(base_url, game_id)
    wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'#recent-moves tr[data-game-id="{game_id}"][data-ply="{newest}"]')
    )
    wait(browser).until(lambda d: counter(d, "moves-last-minute") >= 1)
    row = css(browser, f'#recent-moves tr[data-game-id="{game_id}"][data-ply="{before + 1}"]')
    assert row.get_attribute("data-uci") == move

    # A new game started elsewhere raises the active-games counter, still without a reload.
    status, _ = api(base_url, "POST", "/api/chess/games", {"mode": "ai", "level": 1, "color": "white", "name": "Zoe"})
    assert status == 201
    wait(browser).until(lambda d: counter(d, "active-games") >= active_before + 1)
    assert browser.execute_script("return window.__kibitzNoReload === true;"), "the dashboard was reloaded"
    screenshot(browser, "05-dashboard-updated")

    # Follow the game from the table: its moves stream into the drill-down panel.
    css(browser, f'#recent-moves tr[data-game-id="{game_id}"] .game-link').click()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#follow-moves [data-ply="{newest}"]'))
    assert css(browser, "#follow-white").text == "Ann"
    screenshot(browser, "06-dashboard-following")

    # The moves are in the `moves` topic, readable by any Kafka client.
    status, answer = api(base_url, "GET", f"/api/chess/games/{game_id}")
    expected = [move["uci"] for move in answer["game"]["moves"]]
    deadline = time.monotonic() + 15
    while True:
        records = [record for record in kcat_moves(kibitz_server.bootstrap) if record.get("game_id") == game_id]
        if [record["uci"] for record in records] == expected or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    consumed = [record["uci"] for record in records]
    assert consumed == expected
    for move in played:
        assert move in consumed
    by_player = [record["uci"] for record in records if record["by"] == "player"]
    assert by_player == played
    assert any(record["by"] == "ai" for record in records)
    assert [record["ply"] for record in records] == list(range(1, len(records) + 1))


def ply_count_from_api(base_url: str, game_id: str) -> int:
    status, answer = api(base_url, "GET", f"/api/chess/games/{game_id}")
    assert status == 200, answer
    return len(answer["game"]["moves"])


def test_player_names_with_html_are_shown_as_text(kibitz_server, base_url, browser):
    # Names a careless page would run or render as markup; the join field takes up to 40 characters.
    hostile_white = "<script>__kz=1</script><b>Ann</b>"
    hostile_black = "<img src=x onerror=__kz=2><b>Bob</b>"
    status, created = api(base_url, "POST", "/api/chess/games",
                          {"mode": "friend", "level": 1, "color": "white", "name": hostile_white})
    assert status == 201, created
    game_id = created["game"]["game_id"]
    white_token = created["player_token"]

    browser.get(f"{base_url}/chess/games/{game_id}?join=1")
    wait(browser).until(lambda d: css(d, "#player-white-name").text == hostile_white)
    wait(browser).until(lambda d: css(d, "#join-panel").is_displayed())
    screenshot(browser, "10-hostile-name-spectator")

    join_name = css(browser, "#join-name")
    join_name.clear()
    join_name.send_keys(hostile_black)
    css(browser, "#join-button").click()
    wait(browser).until(lambda d: css(d, "#player-black-name").text == hostile_black)
    wait(browser).until(lambda d: board_data(d, "my-color") == "black")
    assert not browser.find_elements(By.CSS_SELECTOR, ".player-bar b, .player-bar img, .player-bar script")
    assert browser.execute_script("return window.__kz === undefined")

    # White moves through the API; the joined black player sees it over the game WebSocket and replies.
    status, answer = api(base_url, "POST", f"/api/chess/games/{game_id}/moves", {"move": "e2e4"}, token=white_token)
    assert status == 200, answer
    wait(browser).until(lambda d: ply_count(d) == 1 and board_data(d, "interactive") == "true")
    click_move(browser, "e7e5")
    wait(browser).until(lambda d: ply_count(d) == 2)
    assert css(browser, '#move-list [data-ply="2"]').text.strip() == "e5"
    assert browser.execute_script("return window.__kz === undefined")
    screenshot(browser, "11-hostile-names-after-join")

    # The dashboard shows the same names as text when following the game.
    browser.get(f"{base_url}/chess/dashboard#game={game_id}")
    wait(browser).until(lambda d: css(d, "#follow-white").text == hostile_white)
    assert css(browser, "#follow-black").text == hostile_black
    assert not browser.find_elements(By.CSS_SELECTOR, "#follow-panel b, #follow-panel img, #follow-panel script")
    assert browser.execute_script("return window.__kz === undefined")
    screenshot(browser, "12-hostile-names-dashboard")


def test_typed_and_dragged_moves_and_an_illegal_one(kibitz_server, base_url, browser):
    game_id = start_game_in_page(browser, base_url, name="Typist", color="white", level="1")
    wait(browser).until(lambda d: board_data(d, "interactive") == "true")

    field = css(browser, "#move-input")
    field.send_keys("e2e5", Keys.ENTER)
    wait(browser).until(lambda d: css(d, "#move-error").text.strip())
    assert ply_count(browser) == 0
    screenshot(browser, "20-illegal-typed-move")

    field.clear()
    field.send_keys("Nf3", Keys.ENTER)
    wait_for_my_turn_again(browser, 0)
    assert css(browser, '#move-list [data-ply="1"]').text.strip() == "Nf3"
    assert css(browser, '#board [data-square="f3"]').get_attribute("data-piece") == "wN"

    # Drag a piece with the pointer: press on the origin, move across, release on the target.
    move = choose_move(base_url, game_id)
    origin = css(browser, f'#board [data-square="{move[:2]}"]')
    target = css(browser, f'#board [data-square="{move[2:4]}"]')
    ActionChains(browser).click_and_hold(origin).move_by_offset(5, 5).move_to_element(target).release(target).perform()
    wait_for_my_turn_again(browser, 2)
    assert css(browser, '#move-list [data-ply="3"]').get_attribute("data-uci") == move
    screenshot(browser, "21-dragged-move")

    # Keyboard on the board: focus the origin square, Enter, arrow keys to the target, Enter.
    move = choose_move(base_url, game_id)
    keyboard_move(browser, move)
    wait_for_my_turn_again(browser, 4)
    assert css(browser, '#move-list [data-ply="5"]').get_attribute("data-uci") == move

    # Flip turns the board over; the status and FEN/PGN export reflect the game.
    css(browser, "#flip").click()
    wait(browser).until(lambda d: css(d, "#board").get_attribute("data-orientation") == "black")
    first_square = css(browser, "#board [data-square]").get_attribute("data-square")
    assert first_square == "h1"
    assert css(browser, "#fen-text").get_attribute("value").count("/") == 7
    assert "Nf3" in css(browser, "#pgn-text").get_attribute("value")
    screenshot(browser, "22-flipped")

    # Phone width: the board shrinks to fit and the squares stay square.
    browser.set_window_size(390, 844)
    wait(browser).until(lambda d: css(d, "#board").rect["width"] <= 390)
    square = css(browser, '#board [data-square="e4"]').rect
    assert abs(square["width"] - square["height"]) <= 1.5
    screenshot(browser, "23-phone-width")

    # Resigning needs a second click to confirm, then the game is over.
    css(browser, "#resign").click()
    css(browser, "#resign").click()
    wait(browser).until(lambda d: board_data(d, "status") == "ended")
    assert "resigned" in css(browser, "#game-status").text
    screenshot(browser, "24-resigned")
