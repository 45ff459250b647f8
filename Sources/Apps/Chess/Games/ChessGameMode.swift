/// Who the player faces.
public enum ChessGameMode: String, Codable, Sendable {
    /// The built-in engine plays the other colour.
    case ai
    /// A second browser joins through a link and plays the other colour.
    case friend
    /// The engine plays both sides, so that dashboards have something to show (`serve --demo`).
    case demo
}
