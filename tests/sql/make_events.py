"""Writes the event files of the SQL conformance corpus into tests/sql/events/, deterministically.

Run with the test venv, which has python-chess: `/work/main/.build/venv/bin/python tests/sql/make_events.py`.
The same seed and no wall clock give byte-identical files on every run; they are committed, so
the golden results and the Kibitz suite read the same events.

Event times mostly increase: every file is ordered by an arrival time that trails the event time
by a random delay of at most MAX_DISORDER_MS, so no row is ever more than that behind the newest
event before it. The corpus declares `WATERMARK FOR rt AS rt - INTERVAL '5' SECOND`, more than
MAX_DISORDER_MS, so no row is late in either engine whenever their watermarks advance.
"""

import json
import random
from datetime import datetime, timezone
from pathlib import Path

import chess

EVENTS = Path(__file__).resolve().parent / "events"
SEED = 13
MAX_DISORDER_MS = 3_000
WATERMARK_DELAY_MS = 5_000
BASE_MS = 1_709_283_600_000  # 2024-03-01T09:00:00Z
SECOND = 1_000
MINUTE = 60 * SECOND

PLAYERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
PRODUCTS = {
    "sword": "24.99", "shield": "19.50", "potion": "2.25", "elixir": "7.75", "bow": "31.00",
    "arrows": "0.99", "helmet": "12.50", "boots": "9.95", "ring": "149.00", "map": "1.10",
}
COUNTRIES = ["DE", "FR", "US", "JP", "BR"]
CHANNELS = ["Google", "Facebook", "Baidu", "Apple"]
CITIES = [("Phoenix", "AZ"), ("Portland", "OR"), ("Boise", "ID"), ("Seattle", "WA"), ("Bend", "OR"),
          ("Tucson", "AZ"), ("Spokane", "WA")]
FIRST_NAMES = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"]
LAST_NAMES = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"]


def with_disorder(events: list[dict], time_field: str, rng: random.Random) -> list[dict]:
    """Orders events by event time plus a random delay of at most MAX_DISORDER_MS (the arrival)."""
    arrivals = [(event[time_field] + rng.randint(0, MAX_DISORDER_MS), index) for index, event in enumerate(events)]
    ordered = [events[index] for _, index in sorted(arrivals)]
    newest = None
    for event in ordered:
        if newest is not None:
            assert newest - event[time_field] <= MAX_DISORDER_MS < WATERMARK_DELAY_MS
        newest = event[time_field] if newest is None else max(newest, event[time_field])
    return ordered


def chess_events(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """About 24 games of random legal chess over four hours; a few are still running at the end."""
    games, moves = [], []
    used_times: set[int] = set()

    def unique(ts: int) -> int:
        while ts in used_times:
            ts += 1
        used_times.add(ts)
        return ts

    for number in range(1, 25):
        game_id = f"g{number:03d}"
        white, black = rng.sample(PLAYERS, 2)
        mode = rng.choice(["ai", "ai", "friend"])
        if mode == "ai":
            black = "ai"
        start = unique(BASE_MS + (number - 1) * 9 * MINUTE + rng.randint(0, 5 * MINUTE))
        base = {"game_id": game_id, "white": white, "black": black, "mode": mode}
        games.append({**base, "event": "started", "result": None, "reason": None, "ts": start})
        board = chess.Board()
        ts = start
        plies = rng.randint(12, 70)
        for ply in range(1, plies + 1):
            legal = sorted(board.legal_moves, key=lambda move: move.uci())
            if not legal:
                break
            move = rng.choice(legal)
            color = "white" if board.turn == chess.WHITE else "black"
            by = "ai" if mode == "ai" and color == "black" else "player"
            piece = board.piece_at(move.from_square).symbol().upper()
            san = board.san(move)
            board.push(move)
            ts = unique(ts + rng.randint(2 * SECOND, 40 * SECOND if by == "player" else 4 * SECOND))
            moves.append({
                "move_id": f"{game_id}-{ply:03d}", "game_id": game_id, "ply": ply, "color": color, "by": by,
                "uci": move.uci(), "san": san, "piece": piece,
                "from": chess.square_name(move.from_square), "to": chess.square_name(move.to_square),
                "fen": board.fen(), "ts": ts,
            })
        if number % 6 == 0:
            continue  # still running when the events end
        if board.is_checkmate():
            result, reason = ("1-0" if board.turn == chess.BLACK else "0-1"), "checkmate"
        elif board.is_stalemate():
            result, reason = "1/2-1/2", "stalemate"
        elif rng.random() < 0.25:
            result, reason = "1/2-1/2", "agreement"
        else:
            result = rng.choice(["1-0", "0-1"])
            reason = "resignation"
        games.append({**base, "event": "ended", "result": result, "reason": reason,
                      "ts": unique(ts + rng.randint(1 * SECOND, 10 * SECOND))})
    return games, moves


def purchase_events(rng: random.Random) -> list[dict]:
    """Shop purchases over about three hours: DECIMAL prices, a nested device, some null fields."""
    purchases = []
    ts = BASE_MS
    for number in range(1, 1101):
        ts += rng.randint(1 * SECOND, 17 * SECOND)
        product = rng.choice(list(PRODUCTS))
        device = None if rng.random() < 0.08 else {
            "os": rng.choice(["ios", "android", "web"]),
            "version": None if rng.random() < 0.1 else rng.randint(10, 17),
        }
        created = ts - rng.randint(0, 999)
        purchases.append({
            "purchase_id": number,
            "user_id": f"u{rng.randint(1, 40):02d}",
            "product": product,
            "price": PRODUCTS[product],
            "quantity": None if rng.random() < 0.05 else rng.randint(1, 5),
            "paid": rng.random() < 0.9,
            "coupon": rng.choice(["SPRING10", " vip ", "welcome"]) if rng.random() < 0.2 else None,
            "country": rng.choice(COUNTRIES),
            "rating": None if rng.random() < 0.3 else round(rng.uniform(1, 5), 2),
            "device": device,
            "created_at": format_sql_timestamp(created),
            "ts": ts,
        })
    return purchases


def format_sql_timestamp(ms: int) -> str:
    """Flink's JSON format for TIMESTAMP(3) ('SQL' standard): "yyyy-MM-dd HH:mm:ss.SSS"."""
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d}"


def nexmark_events(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    """Nexmark-like persons, auctions and bids over one hour, ids from 1000 on."""
    persons, auctions, bids = [], [], []
    ts = BASE_MS
    for number in range(60):
        ts += rng.randint(10 * SECOND, 70 * SECOND)
        city, state = rng.choice(CITIES)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        persons.append({
            "id": 1000 + number, "name": name, "email_address": f"{name.split()[0].lower()}{number}@example.com",
            "credit_card": f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "city": city, "state": state,
            "date_time": ts, "extra": "",
        })
    ts = BASE_MS + 30 * SECOND
    for number in range(150):
        ts += rng.randint(5 * SECOND, 40 * SECOND)
        seller = rng.choice([person for person in persons if person["date_time"] <= ts] or persons[:1])
        initial = rng.randint(1, 50) * 100
        auctions.append({
            "id": 1000 + number, "item_name": f"item-{number}", "description": f"lot number {number}",
            "initial_bid": initial, "reserve": initial * 2, "date_time": ts,
            "expires": ts + rng.randint(2, 20) * MINUTE, "seller": seller["id"], "category": 10 + number % 5,
            "extra": "",
        })
    for auction in auctions:
        bid_time = auction["date_time"]
        price = auction["initial_bid"]
        for _ in range(rng.randint(0, 25)):
            bid_time += rng.randint(1 * SECOND, 45 * SECOND)
            if bid_time >= auction["expires"]:
                break
            price += rng.randint(1, 40) * 10
            bidder = rng.choice(persons)
            bids.append({
                "auction": auction["id"], "bidder": bidder["id"], "price": price,
                "channel": rng.choice(CHANNELS), "url": f"https://auction.example.com/item/{auction['id']}",
                "date_time": bid_time, "extra": "",
            })
    return persons, auctions, bids


def write(name: str, rows: list[dict]) -> None:
    path = EVENTS / f"{name}.jsonl"
    with path.open("w") as file:
        for row in rows:
            file.write(encode(row) + "\n")
    print(f"{path.relative_to(EVENTS.parent)}: {len(rows)} rows, {path.stat().st_size} bytes")


def encode(row: dict) -> str:
    """One JSON line; DECIMAL prices are written as JSON numbers with exactly two decimals ("12.50")."""
    text = json.dumps(row, separators=(", ", ": "))
    if "price" in row and isinstance(row["price"], str):
        text = text.replace(f'"price": "{row["price"]}"', f'"price": {row["price"]}')
    return text


def main() -> None:
    rng = random.Random(SEED)
    EVENTS.mkdir(exist_ok=True)
    games, moves = chess_events(rng)
    purchases = purchase_events(rng)
    persons, auctions, bids = nexmark_events(rng)
    write("games", with_disorder(games, "ts", rng))
    write("moves", with_disorder(moves, "ts", rng))
    write("purchases", with_disorder(purchases, "ts", rng))
    write("persons", with_disorder(persons, "date_time", rng))
    write("auctions", with_disorder(auctions, "date_time", rng))
    write("bids", with_disorder(bids, "date_time", rng))


if __name__ == "__main__":
    main()
