/// A dry tyre compound and how it behaves over a stint.
public enum F1Tyre: String, CaseIterable, Sendable {
    case soft
    case medium
    case hard

    /// Pace relative to the medium on fresh tyres, in milliseconds per lap (negative is quicker).
    var paceOffsetMilliseconds: Double {
        switch self {
        case .soft: -650
        case .medium: 0
        case .hard: 420
        }
    }

    /// Time lost per lap of tyre age, in milliseconds.
    var degradationMilliseconds: Double {
        switch self {
        case .soft: 95
        case .medium: 55
        case .hard: 32
        }
    }
}
