import Chess
import SeededRandom
import Testing

struct NotationTests {
    @Test func sanOfOpeningMoves() {
        let position = Position()
        #expect(position.san(for: position.move(uci: "e2e4")!) == "e4")
        #expect(position.san(for: position.move(uci: "g1f3")!) == "Nf3")
    }

    @Test func sanDisambiguation() throws {
        // Two knights can reach d2 (file differs), two rooks on the a-file can reach a3 (rank differs).
        let position = try Position(fen: "4k3/8/8/R7/8/8/8/RN2KN2 w - - 0 1")
        #expect(position.san(for: position.move(uci: "b1d2")!) == "Nbd2")
        #expect(position.san(for: position.move(uci: "a1a3")!) == "R1a3")
        #expect(position.san(for: position.move(uci: "a5a3")!) == "R5a3")
        // Three queens: file and rank both needed.
        let queens = try Position(fen: "7k/8/8/8/Q1Q5/8/Q7/4K3 w - - 0 1")
        #expect(queens.san(for: queens.move(uci: "a4b3")!) == "Qa4b3")
    }

    @Test func sanCastlingCapturesPromotionsAndSuffixes() throws {
        let castle = try Position(fen: "r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1")
        #expect(castle.san(for: castle.move(uci: "e1g1")!) == "O-O")
        #expect(castle.san(for: castle.move(uci: "e1c1")!) == "O-O-O")
        let promotion = try Position(fen: "3r3k/4P3/8/8/8/8/8/K7 w - - 0 1")
        #expect(promotion.san(for: promotion.move(uci: "e7d8q")!) == "exd8=Q+")
        #expect(promotion.san(for: promotion.move(uci: "e7e8n")!) == "e8=N")
        let mate = try Position(fen: "6k1/5ppp/8/8/8/8/8/K3R3 w - - 0 1")
        #expect(mate.san(for: mate.move(uci: "e1e8")!) == "Re8#")
        let enPassant = try Position(fen: "4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 1")
        #expect(enPassant.san(for: enPassant.move(uci: "e5d6")!) == "exd6")
    }

    @Test func sanParsing() throws {
        let position = try Position(fen: "4k3/8/8/R7/8/8/8/RN2KN2 w - - 0 1")
        #expect(try position.move(san: "Nbd2") == position.move(uci: "b1d2"))
        #expect(try position.move(san: "R1a3") == position.move(uci: "a1a3"))
        #expect(try position.move(san: "Ra1a3+") == position.move(uci: "a1a3"))
        #expect(throws: ChessError.self) { try position.move(san: "Nd2") }
        #expect(throws: ChessError.self) { try position.move(san: "Ra3") }
        #expect(throws: ChessError.self) { try position.move(san: "Qd4") }
        #expect(throws: ChessError.self) { try position.move(san: "hello") }
        let castle = try Position(fen: "r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1")
        #expect(try castle.move(san: "0-0-0") == castle.move(uci: "e1c1"))
        let promotion = try Position(fen: "3r3k/4P3/8/8/8/8/8/K7 w - - 0 1")
        #expect(try promotion.move(san: "exd8=Q+") == promotion.move(uci: "e7d8q"))
        #expect(try promotion.move(san: "e8N") == promotion.move(uci: "e7e8n"))
    }

    @Test func sanRoundTripsOverRandomGames() throws {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<5 {
            var position = Position()
            for _ in 0..<80 {
                let moves = position.legalMoves
                guard !moves.isEmpty else { break }
                for move in moves {
                    #expect(try position.move(san: position.san(for: move)) == move)
                    #expect(position.move(uci: move.uci) == move)
                }
                position.play(moves[Int(random.next() % UInt64(moves.count))])
            }
        }
    }

    @Test func uciParsingRejectsIllegalMoves() throws {
        let position = Position()
        #expect(position.move(uci: "e2e5") == nil)
        #expect(position.move(uci: "e7e8q") == nil)
        #expect(position.move(uci: "zz") == nil)
        #expect(throws: ChessError.self) { try position.move(notation: "e2e5") }
        #expect(try position.move(notation: "e4") == position.move(uci: "e2e4"))
    }
}
