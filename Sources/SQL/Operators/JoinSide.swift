/// Which input of a join a row comes from.
public enum JoinSide: Sendable, Hashable, Codable {
    case left
    case right
}
