import Foundation

/// SplitMix64: a small, fast random number generator that repeats itself for a given seed, the
/// one seeded generator of Kibitz: chess's Zobrist keys and play levels, and the simulated races,
/// shop visits and arena games that tests replay.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64

    /// Makes a generator whose sequence is fixed by the seed.
    @inlinable public init(seed: UInt64) {
        state = seed
    }

    /// The next pseudo-random 64-bit value.
    // Inlinable: the chess search draws from a fresh generator at every evaluated position.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A normally distributed value (Box–Muller), for lap-time noise.
    public mutating func normal(mean: Double = 0, standardDeviation: Double) -> Double {
        let uniform = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let angle = Double.random(in: 0..<1, using: &self)
        return mean + standardDeviation * (-2 * log(uniform)).squareRoot() * cos(2 * .pi * angle)
    }
}
