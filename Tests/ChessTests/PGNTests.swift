import Chess
import Testing

struct PGNTests {
    static let operaGame = """
        [Event "Paris"]
        [Site "Paris FRA"]
        [Date "1858.??.??"]
        [Round "?"]
        [White "Paul Morphy"]
        [Black "Duke Karl / Count Isouard"]
        [Result "1-0"]
        [ECO "C41"]

        1. e4 e5 2. Nf3 d6 3. d4 Bg4 {This is a weak move already.} 4. dxe5 Bxf3 5. Qxf3 dxe5
        6. Bc4 Nf6 7. Qb3 Qe7 8. Nc3 (8. Qxb7 Qb4+ 9. Qxb4 Bxb4+) 8... c6 9. Bg5 $1 b5 10. Nxb5
        cxb5 11. Bxb5+ Nbd7 12. O-O-O Rd8 13. Rxd7 Rxd7 14. Rd1 Qe6 15. Bxd7+ Nxd7 16. Qb8+
        Nxb8 17. Rd8# 1-0
        """

    @Test func importsTheOperaGame() throws {
        let game = try Game(pgn: Self.operaGame)
        #expect(game.moves.count == 33)
        #expect(game.tag("White") == "Paul Morphy")
        #expect(game.tag("ECO") == "C41")
        #expect(game.outcome == GameOutcome(winner: .white, reason: .checkmate))
        #expect(game.sanMoves.last == "Rd8#")
    }

    @Test func exportThenImportRoundTrips() throws {
        let game = try Game(pgn: Self.operaGame)
        let text = game.pgn
        #expect(text.hasPrefix("[Event \"Paris\"]\n[Site \"Paris FRA\"]\n[Date \"1858.??.??\"]"))
        #expect(text.contains("[ECO \"C41\"]"))
        #expect(text.contains("12. O-O-O Rd8"))
        #expect(text.hasSuffix("17. Rd8# 1-0\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let again = try Game(pgn: text)
        #expect(again.moves == game.moves)
        #expect(again.tag("Black") == "Duke Karl / Count Isouard")
    }

    @Test func exportsSetUpAndFENForAnotherStart() throws {
        var game = Game(startingPosition: try Position(fen: "4k3/8/8/8/8/8/4P3/4K3 b - - 0 40"))
        try game.play(notation: "Kd7")
        try game.play(notation: "e4")
        game.setTag("White", "Quote \"me\"")
        let text = game.pgn
        #expect(text.contains("[SetUp \"1\"]"))
        #expect(text.contains("[FEN \"4k3/8/8/8/8/8/4P3/4K3 b - - 0 40\"]"))
        #expect(text.contains("[White \"Quote \\\"me\\\"\"]"))
        #expect(text.contains("40... Kd7 41. e4 *"))
        let again = try Game(pgn: text)
        #expect(again.position == game.position)
        #expect(again.tag("White") == "Quote \"me\"")
    }

    @Test func readsSeveralGames() throws {
        let text = """
            [Event "A"]
            [Result "*"]

            1. e4 e5 *

            [Event "B"]
            [Result "0-1"]

            1. f3 e5 2. g4 Qh4# 0-1
            """
        let games = try PGN.games(from: text)
        #expect(games.map { $0.tag("Event") } == ["A", "B"])
        #expect(games[1].outcome?.winner == .black)
    }

    @Test func rejectsIllegalMovesWithTheMoveNumber() {
        #expect(throws: ChessError.invalidPGN("move 2 'Ke3': illegal move: 'Ke3' is not legal in this position")) {
            try Game(pgn: "1. e4 e5 2. Ke3 *")
        }
        #expect(throws: ChessError.self) { try Game(pgn: "[Event \"x\" 1. e4") }
    }
}
