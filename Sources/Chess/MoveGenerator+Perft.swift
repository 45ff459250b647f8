extension MoveGenerator {
    /// Counts the leaf nodes of the legal move tree to the given depth (bulk-counted at the last ply).
    public func perft(_ position: Position, depth: Int) -> UInt64 {
        guard depth > 0 else { return 1 }
        var position = position
        let buffer = UnsafeMutablePointer<Move>.allocate(capacity: Self.maximumMoves * depth)
        defer { buffer.deallocate() }
        return perft(&position, depth: depth, moves: buffer)
    }

    /// Perft split by root move, as Stockfish's `go perft` prints it (the basis of `--divide`).
    public func divide(_ position: Position, depth: Int) -> [(move: Move, nodes: UInt64)] {
        guard depth > 0 else { return [] }
        return legalMoves(in: position).map { move in
            (move, perft(position.playing(move), depth: depth - 1))
        }
    }

    private func perft(_ position: inout Position, depth: Int, moves: UnsafeMutablePointer<Move>) -> UInt64 {
        let count = generate(position, into: moves, noisyOnly: false)
        if depth == 1 { return UInt64(truncatingIfNeeded: count) }
        let tables = self.tables
        var nodes: UInt64 = 0
        var index = 0
        while index < count {
            let move = moves[index]
            let undo = position.make(move, tables)
            nodes &+= perft(&position, depth: depth &- 1, moves: moves + Self.maximumMoves)
            position.unmake(move, undo)
            index &+= 1
        }
        return nodes
    }
}
