#!/usr/bin/env python3
"""Strength match: `kibitz chess uci` (full strength) against Stockfish limited with UCI_LimitStrength/UCI_Elo.

Each pairing plays a fixed number of games at a fixed time per move (0.1 s by default), alternating
colours, starting from a rotating set of balanced openings so games differ. Prints, per UCI_Elo
setting, wins/draws/losses, the score and the Elo difference implied by it with a 95% error bar
(Wilson interval), and Kibitz's implied rating.

Usage: .build/venv/bin/python bench/chess/strength_match.py [--elo 1350 --elo 2000] [--games 10]
       [--time 0.1] [--kibitz .build/release/kibitz] [--stockfish /usr/games/stockfish]
"""

import argparse
import math
import time
from pathlib import Path

import chess
import chess.engine

REPOSITORY = Path(__file__).resolve().parents[2]
OPENINGS = [
    "e2e4 e7e5 g1f3 b8c6",
    "d2d4 d7d5 c2c4 e7e6",
    "e2e4 c7c5 g1f3 d7d6",
    "d2d4 g8f6 c2c4 g7g6",
    "e2e4 e7e6 d2d4 d7d5",
    "c2c4 e7e5 b1c3 g8f6",
    "e2e4 c7c6 d2d4 d7d5",
    "g1f3 d7d5 g2g3 g8f6",
]


def elo_from_score(score: float) -> float:
    score = min(max(score, 0.001), 0.999)
    return -400 * math.log10(1 / score - 1)


def wilson_interval(score: float, count: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a score (draws counted as half points; slightly conservative with draws).

    Unlike the normal approximation it stays meaningful at 0% and 100%, which short matches produce.
    """
    denominator = 1 + z * z / count
    centre = (score + z * z / (2 * count)) / denominator
    half = z * math.sqrt(score * (1 - score) / count + z * z / (4 * count * count)) / denominator
    return max(centre - half, 0.001), min(centre + half, 0.999)


def play_game(kibitz, stockfish, opening: str, kibitz_white: bool, seconds: float, max_plies: int) -> float:
    """Returns Kibitz's points (1, 0.5 or 0)."""
    board = chess.Board()
    for uci in opening.split():
        board.push_uci(uci)
    limit = chess.engine.Limit(time=seconds)
    kibitz_color = chess.WHITE if kibitz_white else chess.BLACK
    while not board.is_game_over(claim_draw=True) and board.ply() < max_plies:
        engine = kibitz if board.turn == kibitz_color else stockfish
        board.push(engine.play(board, limit).move)
    outcome = board.outcome(claim_draw=True)
    if outcome is None or outcome.winner is None:
        return 0.5
    return 1.0 if outcome.winner == kibitz_color else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--elo", type=int, action="append", help="UCI_Elo settings (repeatable)")
    parser.add_argument("--games", type=int, default=10, help="games per setting (even: colours alternate)")
    parser.add_argument("--time", type=float, default=0.1, help="seconds per move for both engines")
    parser.add_argument("--kibitz", default=str(REPOSITORY / ".build/release/kibitz"))
    parser.add_argument("--stockfish", default="/usr/games/stockfish")
    parser.add_argument("--max-plies", type=int, default=300, help="unfinished games are draws after this")
    arguments = parser.parse_args()
    elos = arguments.elo or [1350, 1600, 1800, 2000]

    kibitz = chess.engine.SimpleEngine.popen_uci([arguments.kibitz, "chess", "uci"])
    stockfish = chess.engine.SimpleEngine.popen_uci(arguments.stockfish)
    minimum = stockfish.options["UCI_Elo"].min
    rows = []
    started = time.monotonic()
    try:
        for elo in elos:
            effective = max(elo, minimum)
            stockfish.configure({"UCI_LimitStrength": True, "UCI_Elo": effective, "Threads": 1, "Hash": 16})
            results = []
            for game in range(arguments.games):
                kibitz.protocol.send_line("ucinewgame")
                stockfish.protocol.send_line("ucinewgame")
                opening = OPENINGS[(game // 2) % len(OPENINGS)]
                points = play_game(kibitz, stockfish, opening, game % 2 == 0, arguments.time, arguments.max_plies)
                results.append(points)
                print(f"  UCI_Elo {effective} game {game + 1}: kibitz {'white' if game % 2 == 0 else 'black'}"
                      f" scores {points}", flush=True)
            count = len(results)
            score = sum(results) / count
            low_score, high_score = wilson_interval(score, count)
            difference = elo_from_score(score)
            low = elo_from_score(low_score)
            high = elo_from_score(high_score)
            rows.append((effective, count, results.count(1.0), results.count(0.5), results.count(0.0), score,
                         difference, low, high))
    finally:
        kibitz.quit()
        stockfish.quit()

    print()
    print(f"Kibitz (level 10) vs Stockfish 15.1 UCI_LimitStrength, {arguments.time} s/move, "
          f"{time.monotonic() - started:.0f} s total")
    print(f"| {'UCI_Elo':>7} | {'games':>5} | {'W':>3} | {'D':>3} | {'L':>3} | {'score':>6} | "
          f"{'Elo diff (95%)':>22} | {'Kibitz ~Elo':>11} |")
    print(f"|{'-' * 9}|{'-' * 7}|{'-' * 5}|{'-' * 5}|{'-' * 5}|{'-' * 8}|{'-' * 24}|{'-' * 13}|")
    for elo, count, wins, draws, losses, score, difference, low, high in rows:
        # A perfect or null score only bounds the difference: show the bound, not the clamped estimate.
        if score >= 1.0:
            bar, implied = f"> {low:+.0f}", f"> {elo + low:.0f}"
        elif score <= 0.0:
            bar, implied = f"< {high:+.0f}", f"< {elo + high:.0f}"
        else:
            bar, implied = f"{difference:+.0f} [{low:+.0f}, {high:+.0f}]", f"{elo + difference:.0f}"
        print(f"| {elo:>7} | {count:>5} | {wins:>3} | {draws:>3} | {losses:>3} | {100 * score:>5.1f}% | "
              f"{bar:>22} | {implied:>11} |")


if __name__ == "__main__":
    main()
