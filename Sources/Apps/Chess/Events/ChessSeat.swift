/// Who sits on one side of a game: a player holding a token, the engine, or nobody yet.
public struct ChessSeat: Codable, Sendable, Hashable {
    /// The display name; empty while a friend game waits for its second player.
    public var name: String
    /// SHA-256 (hex) of the player's token; nil for the engine or an empty seat.
    public var tokenSha256: String?
    /// The engine's playing level when the engine has this seat.
    public var engineLevel: Int?

    public init(name: String, tokenSha256: String? = nil, engineLevel: Int? = nil) {
        self.name = name
        self.tokenSha256 = tokenSha256
        self.engineLevel = engineLevel
    }

    enum CodingKeys: String, CodingKey {
        case name
        case tokenSha256 = "token_sha256"
        case engineLevel = "engine_level"
    }

    /// A seat a second player may still take.
    var isOpen: Bool { tokenSha256 == nil && engineLevel == nil && name.isEmpty }
}
