"""Cross-check of Kibitz's chess rules against python-chess.

Seeded random games are played with python-chess; the whole move list of each game goes to
`kibitz chess analyse --every-ply`, and at every ply the legal move sets, the SAN of every legal move,
the FEN, check, checkmate, stalemate, insufficient material, the fifty-move and repetition rules and
the game-over verdict must equal python-chess's.
"""

import json
import random
import subprocess

import chess
import pytest

START_FENS = [
    chess.STARTING_FEN,
    "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
    "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
    "r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1",
    "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8",
    "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
    "8/8/8/KPp4r/8/8/8/7k w - c6 0 2",
    "4k3/8/8/8/8/8/8/R3K2R w KQ - 0 1",
]
GAMES = 200
MAX_PLIES = 300
TERMINATIONS = {
    chess.Termination.CHECKMATE: "checkmate",
    chess.Termination.STALEMATE: "stalemate",
    chess.Termination.INSUFFICIENT_MATERIAL: "insufficient_material",
    chess.Termination.SEVENTYFIVE_MOVES: "seventy_five_move_rule",
    chess.Termination.FIVEFOLD_REPETITION: "fivefold_repetition",
}


def random_game(seed: int) -> tuple[str, list[chess.Move]]:
    """A seeded random game; odd seeds prefer forcing moves so mates and promotions happen often."""
    rng = random.Random(seed)
    start = START_FENS[seed % len(START_FENS)]
    board = chess.Board(start)
    moves = []
    while not board.is_game_over() and len(moves) < MAX_PLIES:
        legal = list(board.legal_moves)
        if seed % 2 == 1 and rng.random() < 0.6:
            forcing = [m for m in legal if board.is_capture(m) or m.promotion or board.gives_check(m)]
            legal = forcing or legal
        move = rng.choice(legal)
        moves.append(move)
        board.push(move)
    return start, moves


def expected_state(board: chess.Board) -> dict:
    outcome = board.outcome()
    return {
        "fen": board.fen(),
        "turn": "w" if board.turn == chess.WHITE else "b",
        "legal": sorted((m.uci(), board.san(m)) for m in board.legal_moves),
        "check": board.is_check(),
        "checkmate": board.is_checkmate(),
        "stalemate": board.is_stalemate(),
        "insufficient_material": board.is_insufficient_material(),
        "fifty_moves": board.is_fifty_moves(),
        "repeated_twice": board.is_repetition(2),
        "threefold": board.is_repetition(3),
        "outcome": outcome.result() if outcome else None,
        "reason": TERMINATIONS[outcome.termination] if outcome else None,
    }


def actual_state(line: dict) -> dict:
    return {
        "fen": line["fen"],
        "turn": line["turn"],
        "legal": sorted((m["uci"], m["san"]) for m in line["legal"]),
        "check": line["check"],
        "checkmate": line["checkmate"],
        "stalemate": line["stalemate"],
        "insufficient_material": line["insufficient_material"],
        "fifty_moves": line["fifty_moves"],
        "repeated_twice": line["repetitions"] >= 2,
        "threefold": line["repetitions"] >= 3,
        "outcome": line["outcome"],
        "reason": line["reason"],
    }


def test_random_games_match_python_chess(kibitz_binary):
    games = [random_game(seed) for seed in range(GAMES)]
    requests = []
    for seed, (start, moves) in enumerate(games):
        board = chess.Board(start)
        notation = []
        for move in moves:
            # Even games send UCI, odd games SAN, so both parsers are exercised.
            notation.append(move.uci() if seed % 2 == 0 else board.san(move))
            board.push(move)
        requests.append(f"fen {start} moves {' '.join(notation)}".rstrip())
    result = subprocess.run(
        [kibitz_binary, "chess", "analyse", "--every-ply", "--no-claimable-draws-end-game"],
        input="\n".join(requests) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(text) for text in result.stdout.splitlines()]
    assert len(lines) == sum(len(moves) + 1 for _, moves in games)

    cursor = 0
    plies = 0
    endings = set()
    for seed, (start, moves) in enumerate(games):
        board = chess.Board(start)
        for ply in range(len(moves) + 1):
            line = lines[cursor]
            cursor += 1
            assert "error" not in line, f"game {seed} ply {ply}: {line}"
            expected = expected_state(board)
            actual = actual_state(line)
            if actual != expected:
                differences = {k: (actual[k], expected[k]) for k in expected if actual[k] != expected[k]}
                pytest.fail(f"game {seed} ply {ply} ({board.fen()}): kibitz vs python-chess {differences}")
            plies += 1
            if expected["reason"]:
                endings.add(expected["reason"])
            if ply < len(moves):
                board.push(moves[ply])
    # The sample must actually reach the interesting endings.
    assert plies > 20_000
    print(f"{plies} plies compared; endings reached: {sorted(endings)}")
    assert {"checkmate", "stalemate", "insufficient_material"} <= endings, endings


def test_bad_input_gets_a_clear_error_and_the_tool_goes_on(kibitz_binary):
    result = subprocess.run(
        [kibitz_binary, "chess", "analyse"],
        input="startpos moves e2e5\nfen not a fen\nstartpos moves e4 e5\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    lines = [json.loads(text) for text in result.stdout.splitlines()]
    assert len(lines) == 3
    assert "illegal move" in lines[0]["error"]
    assert "invalid FEN" in lines[1]["error"]
    assert lines[2]["fen"] == "rnbqkbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2"


@pytest.mark.parametrize(
    ("fen", "depth", "nodes"),
    [
        ("startpos", 5, 4_865_609),
        ("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", 4, 4_085_603),
        ("8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1", 5, 674_624),
        ("r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1", 4, 422_333),
        ("rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8", 4, 2_103_487),
        ("r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10", 4, 3_894_594),
    ],
)
def test_perft_command_prints_the_count_last(kibitz_binary, fen, depth, nodes):
    result = subprocess.run(
        [kibitz_binary, "chess", "perft", fen, str(depth)], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == str(nodes)


def test_perft_divide_matches_python_chess(kibitz_binary):
    fen = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1"
    result = subprocess.run(
        [kibitz_binary, "chess", "perft", fen, "2", "--divide"], capture_output=True, text=True, timeout=60, check=True
    )
    lines = result.stdout.strip().splitlines()
    split = dict(line.split(": ") for line in lines[:-1] if line)
    board = chess.Board(fen)
    expected = {}
    for move in board.legal_moves:
        board.push(move)
        expected[move.uci()] = str(board.legal_moves.count())
        board.pop()
    assert split == expected
    assert lines[-1] == "2039"


def test_perft_rejects_a_bad_fen(kibitz_binary):
    result = subprocess.run(
        [kibitz_binary, "chess", "perft", "rnbqkbnr/pppppppp w KQkq - 0 1", "3"], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "invalid FEN" in result.stderr
