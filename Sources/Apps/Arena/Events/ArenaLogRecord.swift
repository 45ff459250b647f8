import FastJSON

/// One line of the arena game server's log, as published to `lib.server.lobby` keyed by `game_token`:
///
/// ```json
/// {"level": "INFO", "log_message": "Attack", "logger": "lib.server.lobby",
///  "task": {"damage": 42, "game_token": "g-1", "round": 3, "target_token": "u-7", "user_token": "u-2"},
///  "ts": 1732406400000}
/// ```
///
/// Decoding is strict for the messages the warehouse reads (a missing or mistyped field throws, so
/// the record can be dead-lettered) and tolerant of any other message, which is kept as `.other`.
/// Decode with `FastJSONDecoder` or a `JSONDecoder` without a key strategy: the coding keys
/// are already snake_case.
public struct ArenaLogRecord: Hashable, Sendable, TopicRecord {
    /// The topic the game server logs to.
    public static let topic = "lib.server.lobby"
    /// The logger name the simulator writes.
    public static let loggerName = "lib.server.lobby"

    public var gameToken: String
    /// Milliseconds since the epoch.
    public var ts: Int64
    public var event: ArenaLogEvent

    public init(gameToken: String, ts: Int64, event: ArenaLogEvent) {
        self.gameToken = gameToken
        self.ts = ts
        self.event = event
    }
}
