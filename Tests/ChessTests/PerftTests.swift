import Chess
import Testing

/// Perft counts from the chess programming wiki's "Perft Results" and the well-known tricky positions.
struct PerftTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let fen: String
        let counts: [UInt64]  // counts[d - 1] is perft(d)
        var testDescription: String { name }
    }

    static let standard: [Case] = [
        Case(name: "initial", fen: Position.startingFEN, counts: [20, 400, 8_902, 197_281, 4_865_609]),
        Case(
            name: "kiwipete",
            fen: "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
            counts: [48, 2_039, 97_862, 4_085_603]
        ),
        Case(
            name: "position 3",
            fen: "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
            counts: [14, 191, 2_812, 43_238, 674_624]
        ),
        Case(
            name: "position 4",
            fen: "r3k2r/Pppp1ppp/1b3nbN/nP6/BBP1P3/q4N2/Pp1P2PP/R2Q1RK1 w kq - 0 1",
            counts: [6, 264, 9_467, 422_333]
        ),
        Case(
            name: "position 4 mirrored",
            fen: "r2q1rk1/pP1p2pp/Q4n2/bbp1p3/Np6/1B3NBn/pPPP1PPP/R3K2R b KQ - 0 1",
            counts: [6, 264, 9_467, 422_333]
        ),
        Case(
            name: "position 5",
            fen: "rnbq1k1r/pp1Pbppp/2p5/8/2B5/8/PPP1NnPP/RNBQK2R w KQ - 1 8",
            counts: [44, 1_486, 62_379, 2_103_487]
        ),
        Case(
            name: "position 6",
            fen: "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
            counts: [46, 2_079, 89_890, 3_894_594]
        ),
    ]

    static let tricky: [Case] = [
        Case(name: "en passant would expose king", fen: "3k4/3p4/8/K1P4r/8/8/8/8 b - - 0 1", counts: [18, 92, 1_670]),
        Case(name: "en passant pinned on the rank", fen: "8/8/8/KPp4r/8/8/8/7k w - c6 0 2", counts: [4]),
        Case(name: "bishop pin", fen: "8/8/4k3/8/2p5/8/B2P2K1/8 w - - 0 1", counts: [13, 102, 1_266]),
        Case(name: "en passant gives check", fen: "8/8/1k6/2b5/2pP4/8/5K2/8 b - d3 0 1", counts: [15, 126, 1_928]),
        Case(name: "short castling gives check", fen: "5k2/8/8/8/8/8/8/4K2R w K - 0 1", counts: [15, 66, 1_198]),
        Case(name: "long castling gives check", fen: "3k4/8/8/8/8/8/8/R3K3 w Q - 0 1", counts: [16, 71, 1_286]),
        Case(
            name: "castling rights",
            fen: "r3k2r/1b4bq/8/8/8/8/7B/R3K2R w KQkq - 0 1",
            counts: [26, 1_141, 27_826]
        ),
        Case(
            name: "castling prevented",
            fen: "r3k2r/8/3Q4/8/8/5q2/8/R3K2R b KQkq - 0 1",
            counts: [44, 1_494, 50_509]
        ),
        Case(name: "promote out of check", fen: "2K2r2/4P3/8/8/8/8/8/3k4 w - - 0 1", counts: [11, 133, 1_442]),
        Case(name: "discovered check", fen: "8/8/1P2K3/8/2n5/1q6/8/5k2 b - - 0 1", counts: [29, 165, 5_160]),
        Case(name: "promote to give check", fen: "4k3/1P6/8/8/8/8/K7/8 w - - 0 1", counts: [9, 40, 472]),
        Case(name: "under-promote to give check", fen: "8/P1k5/K7/8/8/8/8/8 w - - 0 1", counts: [6, 27, 273]),
        Case(name: "self stalemate", fen: "K1k5/8/P7/8/8/8/8/8 w - - 0 1", counts: [2, 6, 13]),
        Case(name: "stalemate and checkmate", fen: "8/k1P5/8/1K6/8/8/8/8 w - - 0 1", counts: [10, 25, 268]),
        Case(name: "stalemate and checkmate 2", fen: "8/8/2k5/5q2/5n2/8/5K2/8 b - - 0 1", counts: [37, 183, 6_559]),
    ]

    @Test("perft of the standard positions", arguments: standard + tricky)
    func perftCounts(_ testCase: Case) throws {
        let position = try Position(fen: testCase.fen)
        let generator = MoveGenerator()
        // Debug builds are ~50x slower; keep them to the shallow depths, release runs everything listed.
        #if DEBUG
        let depths = testCase.counts.indices.filter { testCase.counts[$0] <= 200_000 }
        #else
        let depths = Array(testCase.counts.indices)
        #endif
        for index in depths {
            #expect(generator.perft(position, depth: index + 1) == testCase.counts[index], "depth \(index + 1)")
        }
    }

    @Test func divideSumsToPerft() throws {
        let position = try Position(fen: "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1")
        let generator = MoveGenerator()
        let split = generator.divide(position, depth: 2)
        #expect(split.count == 48)
        #expect(split.reduce(0) { $0 + $1.nodes } == 2_039)
    }

    @Test func perftAtDepthZeroIsOne() {
        #expect(MoveGenerator().perft(Position(), depth: 0) == 1)
    }
}
