import Chess
import Testing

struct GameTests {
    @Test func foolsMateIsCheckmate() throws {
        var game = Game()
        for move in ["f3", "e5", "g4", "Qh4#"] { try game.play(notation: move) }
        #expect(game.outcome == GameOutcome(winner: .black, reason: .checkmate))
        #expect(game.sanMoves == ["f3", "e5", "g4", "Qh4#"])
        #expect(throws: ChessError.self) { try game.play(notation: "a3") }
    }

    @Test func stalemate() throws {
        var game = Game(startingPosition: try Position(fen: "7k/8/6Q1/8/8/8/8/K7 w - - 0 1"))
        #expect(game.outcome == nil)
        try game.play(notation: "Qf7")
        #expect(game.outcome == GameOutcome(winner: nil, reason: .stalemate))
    }

    @Test func threefoldRepetitionByKnightShuffle() throws {
        var game = Game()
        for move in ["Nf3", "Nf6", "Ng1", "Ng8", "Nf3", "Nf6", "Ng1"] {
            try game.play(notation: move)
            #expect(game.outcome == nil)
        }
        #expect(game.repetitionCount == 2)
        try game.play(notation: "Ng8")
        #expect(game.repetitionCount == 3)
        #expect(game.outcome == GameOutcome(winner: nil, reason: .threefoldRepetition))
    }

    @Test func repetitionNeedsSameCastlingRights() throws {
        var game = Game()
        // The first Ke2/Ke1 loses castling rights, so the start position never comes back.
        for move in ["e4", "e5", "Ke2", "Ke7", "Ke1", "Ke8", "Ke2", "Ke7", "Ke1", "Ke8"] {
            try game.play(notation: move)
        }
        #expect(game.repetitionCount == 2)
        #expect(game.outcome == nil)
    }

    @Test func fiftyMoveRuleAndItsFIDEVariant() throws {
        let start = try Position(fen: "4k3/8/8/8/8/8/8/R3K3 w - - 99 80")
        var online = Game(startingPosition: start)
        try online.play(notation: "Ra2")
        #expect(online.outcome == GameOutcome(winner: nil, reason: .fiftyMoveRule))
        var fide = Game(startingPosition: start)
        fide.endsOnClaimableDraws = false
        try fide.play(notation: "Ra2")
        #expect(fide.outcome == nil)
        #expect(fide.position.isFiftyMoveDraw)
    }

    @Test(arguments: [
        ("4k3/8/8/8/8/8/8/4K3 w - - 0 1", true),
        ("4k3/8/8/8/8/8/8/4KN2 w - - 0 1", true),
        ("4k3/8/8/8/8/8/8/4KB2 w - - 0 1", true),
        ("4kb2/8/8/8/8/8/8/2B1K3 w - - 0 1", true),  // bishops on the same colour
        ("4k1b1/8/8/8/8/8/8/2B1K3 w - - 0 1", false),  // opposite colours: a mate exists
        ("4k3/8/8/8/8/8/8/3NKN2 w - - 0 1", false),
        ("4k3/p7/8/8/8/8/8/4K3 w - - 0 1", false),
        ("4k3/8/8/8/8/8/8/4KR2 w - - 0 1", false),
        ("4kn2/8/8/8/8/8/8/4KB2 w - - 0 1", false),
    ])
    func insufficientMaterial(_ fen: String, _ expected: Bool) throws {
        #expect(try Position(fen: fen).isInsufficientMaterial == expected)
    }

    @Test func resignation() {
        var game = Game()
        game.resign(.white)
        #expect(game.outcome == GameOutcome(winner: .black, reason: .resignation))
        #expect(game.outcome?.result == "0-1")
    }
}
