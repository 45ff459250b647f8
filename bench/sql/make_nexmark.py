#!/usr/bin/env python3
"""Writes deterministic Nexmark-style events as JSON lines: DIR/persons.jsonl, auctions.jsonl, bids.jsonl.

Usage: make_nexmark.py DIR [EVENTS]   (default 2,000,000 events in all)

As in Nexmark, of every 50 events 1 is a new person, 3 are new auctions and 46 are bids; events are
10 ms apart in event time (2 M events span five and a half hours), so each file is in event-time
order. Sellers are mostly recent persons (q8 joins them in the same window), bids go to recent
auctions with a few hot ones (q5), bidders are recent persons (q11's sessions). The same arguments
give byte-identical files, so both engines parse the same bytes. The field layout is that of
tests/sql/make_events.py's small Nexmark files.
"""
import random
import sys
from pathlib import Path

BASE_MS = 1_709_283_600_000  # 2024-03-01T09:00:00Z
STEP_MS = 10
FIRST_ID = 1000
CHANNELS = ["Google", "Facebook", "Baidu", "Apple"]
CITIES = [("Phoenix", "AZ"), ("Portland", "OR"), ("Boise", "ID"), ("Seattle", "WA"), ("Bend", "OR"),
          ("Tucson", "AZ"), ("Spokane", "WA")]
FIRST_NAMES = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"]
LAST_NAMES = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"]


def main() -> None:
    directory = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(19)
    next_person, next_auction = FIRST_ID, FIRST_ID
    prices: dict[int, int] = {}
    with (directory / "persons.jsonl").open("w") as persons, \
            (directory / "auctions.jsonl").open("w") as auctions, \
            (directory / "bids.jsonl").open("w") as bids:
        for number in range(count):
            ts = BASE_MS + number * STEP_MS
            kind = number % 50
            if kind == 0 or next_person == FIRST_ID:
                city, state = rng.choice(CITIES)
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                persons.write(
                    f'{{"id": {next_person}, "name": "{first} {last}", "email_address": '
                    f'"{first.lower()}{next_person}@example.com", "credit_card": '
                    f'"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "city": "{city}", '
                    f'"state": "{state}", "date_time": {ts}, "extra": ""}}\n')
                next_person += 1
            elif kind in (1, 2, 3) or next_auction == FIRST_ID:
                newest = next_person - 1
                seller = newest if rng.random() < 0.5 else max(FIRST_ID, newest - rng.randrange(100))
                initial = rng.randint(1, 50) * 100
                prices[next_auction] = initial
                auctions.write(
                    f'{{"id": {next_auction}, "item_name": "item-{next_auction}", "description": '
                    f'"lot number {next_auction}", "initial_bid": {initial}, "reserve": {initial * 2}, '
                    f'"date_time": {ts}, "expires": {ts + rng.randint(2, 20) * 60_000}, "seller": {seller}, '
                    f'"category": {10 + next_auction % 5}, "extra": ""}}\n')
                next_auction += 1
            else:
                newest = next_auction - 1
                # A tenth of the bids go to the ten newest auctions (hot items), the rest to the last 500.
                spread = 10 if rng.random() < 0.1 else 500
                auction = max(FIRST_ID, newest - rng.randrange(spread))
                price = prices.get(auction, 100) + rng.randint(1, 40) * 10
                prices[auction] = price
                bidder = max(FIRST_ID, next_person - 1 - rng.randrange(1000))
                bids.write(
                    f'{{"auction": {auction}, "bidder": {bidder}, "price": {price}, "channel": '
                    f'"{rng.choice(CHANNELS)}", "url": "https://auction.example.com/item/{auction}", '
                    f'"date_time": {ts}, "extra": ""}}\n')
    for name in ("persons", "auctions", "bids"):
        path = directory / f"{name}.jsonl"
        with path.open() as file:
            lines = sum(1 for _ in file)
        print(f"{path}: {lines} events, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
