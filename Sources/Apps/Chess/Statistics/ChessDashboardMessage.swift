/// A message of the chess dashboard's live channel: the statistics once, then each change of the
/// statistics views as the pipeline applies it.
///
/// Every change carries its new value rather than a difference, so a page that is sent a change
/// twice, or a change older than its snapshot, ends up right all the same.
public enum ChessDashboardMessage: Encodable, Sendable, Equatable {
    /// The whole statistics: a channel's first message, and again when a page fell behind.
    case snapshot(ChessDashboardStatistics)
    /// A move appended to the recent moves.
    case move(ChessMoveEvent)
    /// The number of games started and not ended.
    case activeGames(Int)
    /// Games ended on a UTC day ("2026-12-07").
    case completed(day: String, count: Int)
    /// Ended games with one result ("1-0", "0-1", "1/2-1/2").
    case result(String, count: Int)
    /// Moves in one second of event time (seconds since the epoch); nil once the second is forgotten.
    case second(Int64, count: Int64?)

    private enum CodingKeys: String, CodingKey {
        case type, stats, move, count, day, result, second
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .snapshot(let statistics):
            try container.encode("snapshot", forKey: .type)
            try container.encode(statistics, forKey: .stats)
        case .move(let move):
            try container.encode("move", forKey: .type)
            try container.encode(move, forKey: .move)
        case .activeGames(let count):
            try container.encode("active_games", forKey: .type)
            try container.encode(count, forKey: .count)
        case .completed(let day, let count):
            try container.encode("completed", forKey: .type)
            try container.encode(day, forKey: .day)
            try container.encode(count, forKey: .count)
        case .result(let result, let count):
            try container.encode("result", forKey: .type)
            try container.encode(result, forKey: .result)
            try container.encode(count, forKey: .count)
        case .second(let second, let count):
            try container.encode("second", forKey: .type)
            try container.encode(second, forKey: .second)
            // Present as null rather than absent: the page forgets the second.
            try container.encode(count, forKey: .count)
        }
    }
}
