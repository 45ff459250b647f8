import Chess
import Dispatch
import Testing

struct SearchTests {
    @Test func findsMateInOne() throws {
        let position = try Position(fen: "6k1/5ppp/8/8/8/8/8/K3R3 w - - 0 1")
        let result = Search(hashMegabytes: 1).search(position, limits: .depth(3))
        #expect(result.bestMove == position.move(uci: "e1e8"))
        #expect(result.score == .mate(1))
    }

    @Test func findsMateInTwo() throws {
        let position = try Position(fen: "k7/8/8/2K5/8/8/8/1Q6 w - - 0 1")
        let result = Search(hashMegabytes: 1).search(position, limits: .depth(5))
        #expect(result.score == .mate(2))
    }

    @Test func takesAHangingQueen() throws {
        let position = try Position(fen: "4k3/8/8/3q4/8/8/3R4/4K3 w - - 0 1")
        #expect(Search(hashMegabytes: 1).search(position, limits: .depth(4)).bestMove == position.move(uci: "d2d5"))
    }

    @Test func reportsNoMoveWhenMatedOrStalemated() throws {
        let mated = try Position(fen: "R5k1/5ppp/8/8/8/8/8/K7 b - - 0 1")
        let result = Search(hashMegabytes: 1).search(mated, limits: .depth(3))
        #expect(result.bestMove == nil)
        #expect(result.score == .mate(0))
        let stalemated = try Position(fen: "7k/5Q2/8/8/8/8/8/K7 b - - 0 1")
        #expect(Search(hashMegabytes: 1).search(stalemated, limits: .depth(3)).score == .centipawns(0))
    }

    @Test func avoidsStalematingWhenWinning() throws {
        // Qf7 would stalemate; anything sensible keeps winning.
        let position = try Position(fen: "7k/8/6Q1/8/8/8/8/K7 w - - 0 1")
        let move = try #require(Search(hashMegabytes: 1).search(position, limits: .depth(5)).bestMove)
        #expect(!position.playing(move).isStalemate)
    }

    @Test func takesADrawByRepetitionWhenLosing() throws {
        // Black is a knight and two rooks against a queen but can check forever; having seen the position before, it repeats.
        var game = Game(startingPosition: try Position(fen: "6k1/RR3ppp/8/4q3/8/8/6P1/N6K b - - 0 1"))
        game.endsOnClaimableDraws = false
        for move in ["Qe1+", "Kh2", "Qh4+", "Kg1", "Qe1+", "Kh2"] { try game.play(notation: move) }
        let result = Search(hashMegabytes: 1).search(game, limits: .depth(6))
        #expect(result.bestMove == game.position.move(uci: "e1h4"))
        #expect(result.score == .centipawns(0))
    }

    @Test func stopsWhenToldFromAnotherThread() async throws {
        let search = Search(hashMegabytes: 1)
        let clock = ContinuousClock()
        let start = clock.now
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: search.search(Position(), limits: SearchLimits(infinite: true)))
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) { search.stop() }
        }
        // Generous: the point is that an infinite search ends at all, even on a loaded machine.
        #expect(clock.now - start < .seconds(60))
        #expect(result.bestMove != nil)
    }

    @Test func respectsMoveTime() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Search(hashMegabytes: 1).search(Position(), limits: .moveTime(.milliseconds(200)))
        #expect(clock.now - start < .milliseconds(700))
        #expect(result.bestMove != nil)
    }

    @Test(arguments: 1...10)
    func everyLevelPlaysALegalMove(_ level: Int) throws {
        let position = try Position(fen: "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1")
        let move = Search(hashMegabytes: 1).search(position, limits: .moveTime(.milliseconds(50)), level: level)
            .bestMove
        #expect(move.map { position.legalMoves.contains($0) } == true)
    }

    @Test func levelsPlayAGameThatEnds() throws {
        // Level 10 against level 1 from the start: every move legal, and the game reaches an end.
        var game = Game()
        let strong = Search(hashMegabytes: 4)
        let weak = Search(hashMegabytes: 1)
        while !game.isOver && game.moves.count < 300 {
            let whiteToMove = game.position.sideToMove == .white
            let search = whiteToMove ? strong : weak
            let limits: SearchLimits = whiteToMove ? .depth(3) : .forLevel(1)
            let move = try #require(search.search(game, limits: limits, level: whiteToMove ? 10 : 1).bestMove)
            try game.play(move)
        }
        #expect(game.isOver)
    }

    @Test func evaluationIsSymmetric() throws {
        let white = try Position(fen: "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
        let black = try Position(fen: "rnbqkb1r/pppp1ppp/5n2/4p3/4P3/2N5/PPPP1PPP/R1BQKBNR b KQkq - 2 3")
        #expect(white.staticEvaluation == black.staticEvaluation)
    }
}
