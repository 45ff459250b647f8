import Chess
import SeededRandom
import Testing

struct FENTests {
    @Test(arguments: [
        Position.startingFEN,
        "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
        "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8",
        "rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w KQkq f6 0 3",
        "8/8/8/8/8/8/8/K6k b - - 99 120",
    ])
    func roundTrip(_ fen: String) throws {
        #expect(try Position(fen: fen).fen == fen)
    }

    @Test func startingPosition() {
        let position = Position()
        #expect(position.sideToMove == .white)
        #expect(position.castlingRights == .all)
        #expect(position[Square("e1")!] == Piece(.white, .king))
        #expect(position[Square("d8")!] == Piece(.black, .queen))
        #expect(position[Square("e4")!] == nil)
        #expect(position.legalMoves.count == 20)
    }

    @Test func enPassantSquareWithoutLegalCaptureIsAcceptedAndDropped() throws {
        let position = try Position(fen: "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 1")
        #expect(position.enPassantSquare == nil)
        #expect(position.fen == "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1")
        #expect(position == Position().playing(Position().move(uci: "e2e4")!))
    }

    @Test func enPassantSquareIsKeptAfterDoublePushNextToAPawn() throws {
        let position = try Position(fen: "rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 1")
        let after = position.playing(position.move(uci: "c2c4")!)
        #expect(after.enPassantSquare == Square("c3"))
        #expect(after.legalMoves.contains { $0.isEnPassant })
    }

    @Test func clocksMayBeOmitted() throws {
        let position = try Position(fen: "8/8/8/8/8/8/8/K6k w - -")
        #expect(position.halfmoveClock == 0)
        #expect(position.fullmoveNumber == 1)
    }

    @Test(arguments: [
        "",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP w KQkq - 0 1",
        "rnbqkbnr/pppppppp/9/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNX w KQkq - 0 1",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkz - 0 1",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e5 0 1",
        "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - -1 1",
        "8/8/8/8/8/8/8/K7 w - - 0 1",
        "P7/8/8/8/8/8/8/K6k w - - 0 1",
        "k7/8/8/8/8/8/8/R6K w - - 0 1",
    ])
    func invalidFENIsRejected(_ fen: String) {
        #expect(throws: ChessError.self) { try Position(fen: fen) }
    }

    @Test func castlingRightsWithoutRookAreDropped() throws {
        let position = try Position(fen: "4k3/8/8/8/8/8/8/4K3 w KQkq - 0 1")
        #expect(position.castlingRights == [])
    }

    @Test func zobristKeyIsIncremental() throws {
        var position = try Position(fen: "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1")
        var random = SeededGenerator(seed: 7)
        for _ in 0..<60 {
            let moves = position.legalMoves
            guard !moves.isEmpty else { break }
            position.play(moves[Int(random.next() % UInt64(moves.count))])
            #expect(position.zobristKey == (try Position(fen: position.fen)).zobristKey)
        }
    }
}
