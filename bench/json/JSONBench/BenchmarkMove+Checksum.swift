// BenchmarkMove itself is Benchmarks/KibitzBenchmarks/BenchmarkMove.swift, linked here by run.sh.
extension BenchmarkMove {
    init(gameID: String, color: String, uci: String, ts: Int64) {
        self.gameID = gameID
        self.color = color
        self.uci = uci
        self.ts = ts
    }

    /// A number that depends on every field, so that no decoding can be optimized away and both
    /// decoders can be checked to agree.
    var checksum: Int {
        gameID.utf8.count &+ color.utf8.count &* 7 &+ uci.utf8.count &* 31 &+ Int(truncatingIfNeeded: ts)
    }
}
