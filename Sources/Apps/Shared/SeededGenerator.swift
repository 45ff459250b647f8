import Foundation

/// SplitMix64: a small, fast random number generator that repeats itself for a given seed, so a
/// simulated race, shop or arena can be replayed in tests.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
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
