"""`kibitz chess uci` driven by python-chess's UCI client, as a GUI would drive it."""

import time

import chess
import chess.engine
import pytest


@pytest.fixture
def engine(kibitz_binary):
    engine = chess.engine.SimpleEngine.popen_uci([kibitz_binary, "chess", "uci"], timeout=10)
    yield engine
    engine.quit()


def test_identifies_itself_and_its_options(engine):
    assert engine.id["name"] == "Kibitz"
    option = engine.options["Skill Level"]
    assert (option.type, option.default, option.min, option.max) == ("spin", 10, 1, 10)
    assert engine.options["Hash"].max == 1024
    engine.configure({"Hash": 64})
    assert engine.play(chess.Board(), chess.engine.Limit(depth=3)).move in chess.Board().legal_moves


def test_finds_mate_in_one_and_reports_it(engine):
    board = chess.Board("6k1/5ppp/8/8/8/8/8/K3R3 w - - 0 1")
    info = engine.analyse(board, chess.engine.Limit(depth=4))
    assert info["score"].white() == chess.engine.Mate(1)
    assert info["pv"][0] == chess.Move.from_uci("e1e8")
    assert engine.play(board, chess.engine.Limit(depth=4)).move == chess.Move.from_uci("e1e8")


def test_finds_mate_in_two(engine):
    # King and queen against king: two moves to mate, which no one-move check achieves.
    board = chess.Board("k7/8/8/2K5/8/8/8/1Q6 w - - 0 1")
    info = engine.analyse(board, chess.engine.Limit(depth=6))
    assert info["score"].white() == chess.engine.Mate(2)


def test_position_with_moves_and_fen(engine):
    board = chess.Board()
    for san in ["e4", "e5", "Nf3", "Nc6", "Bb5", "a6"]:
        board.push_san(san)
    result = engine.play(board, chess.engine.Limit(time=0.1))
    assert result.move in board.legal_moves
    fen_board = chess.Board("r1bqkbnr/1ppp1ppp/p1n5/1B2p3/4P3/5N2/PPPP1PPP/RNBQK2R w KQkq - 0 4")
    assert engine.play(fen_board, chess.engine.Limit(depth=3)).move in fen_board.legal_moves


def test_clock_limits_are_respected(engine):
    board = chess.Board()
    started = time.monotonic()
    result = engine.play(board, chess.engine.Limit(white_clock=2, black_clock=2, white_inc=0, black_inc=0))
    assert time.monotonic() - started < 1.0
    assert result.move in board.legal_moves
    started = time.monotonic()
    engine.play(board, chess.engine.Limit(time=0.3))
    assert time.monotonic() - started < 0.6


def test_infinite_analysis_stops_on_request(engine):
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    started = time.monotonic()
    with engine.analysis(board) as analysis:
        for info in analysis:
            if info.get("depth", 0) >= 6:
                break
    # Leaving the block sends stop and waits for bestmove.
    assert time.monotonic() - started < 5
    assert analysis.wait().move in board.legal_moves


def test_plays_a_whole_legal_game_against_itself(engine):
    board = chess.Board()
    while not board.is_game_over(claim_draw=True) and board.ply() < 160:
        move = engine.play(board, chess.engine.Limit(time=0.02)).move
        assert move in board.legal_moves, f"{move} illegal in {board.fen()}"
        board.push(move)


def test_every_level_plays_legal_moves(engine):
    board = chess.Board("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1")
    for level in range(1, 11):
        engine.configure({"Skill Level": level})
        assert engine.play(board, chess.engine.Limit(time=0.05)).move in board.legal_moves


def material(board: chess.Board, color: chess.Color) -> int:
    values = {chess.PAWN: 1, chess.KNIGHT: 3, chess.BISHOP: 3, chess.ROOK: 5, chess.QUEEN: 9}
    return sum(len(board.pieces(kind, color)) * value for kind, value in values.items())


def test_full_strength_beats_the_beginner_level(kibitz_binary):
    strong = chess.engine.SimpleEngine.popen_uci([kibitz_binary, "chess", "uci"])
    weak = chess.engine.SimpleEngine.popen_uci([kibitz_binary, "chess", "uci"])
    weak.configure({"Skill Level": 1})
    try:
        score = 0.0
        for game in range(2):
            board = chess.Board()
            players = {chess.WHITE: strong, chess.BLACK: weak} if game == 0 else {chess.WHITE: weak, chess.BLACK: strong}
            strong_color = chess.WHITE if game == 0 else chess.BLACK
            while not board.is_game_over(claim_draw=True) and board.ply() < 200:
                board.push(players[board.turn].play(board, chess.engine.Limit(time=0.03)).move)
            outcome = board.outcome(claim_draw=True)
            if outcome is not None:
                score += 1.0 if outcome.winner == strong_color else 0.5 if outcome.winner is None else 0.0
            else:  # adjudicate unfinished games on material
                difference = material(board, strong_color) - material(board, not strong_color)
                score += 1.0 if difference >= 3 else 0.5 if difference > -3 else 0.0
        assert score >= 1.5
    finally:
        strong.quit()
        weak.quit()


def test_unknown_and_malformed_commands_do_not_kill_the_engine(kibitz_binary):
    import subprocess

    result = subprocess.run(
        [kibitz_binary, "chess", "uci"],
        input="uci\nbogus\nposition fen not a fen\nposition startpos moves e2e5\nsetoption name Skill Level value 99\n"
        "isready\ngo depth 2\nquit\n",
        capture_output=True,
        text=True,
        timeout=20,
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert "uciok" in lines and "readyok" in lines
    assert any(line.startswith("info string unknown command") for line in lines)
    assert any("invalid FEN" in line for line in lines)
    assert any("illegal move e2e5" in line for line in lines)
    assert any(line.startswith("bestmove ") and line != "bestmove 0000" for line in lines)
