/// Where the current race stands: its id, the leader's lap, and when it was last heard of.
///
/// The race of the newest state is the current one; a state of another race starts afresh.
public struct F1RaceProgress: Codable, Hashable, Sendable {
    public var raceId: String?
    /// Laps the leader has completed.
    public var lap: Int
    public var totalLaps: Int?
    /// Race time of the newest state, when producers send it.
    public var elapsedMs: Int64?
    /// Whether the chequered flag has fallen (a car has finished).
    public var finished: Bool
    /// Milliseconds since the epoch of the newest state.
    public var updatedTs: Int64?

    public init(
        raceId: String? = nil,
        lap: Int = 0,
        totalLaps: Int? = nil,
        elapsedMs: Int64? = nil,
        finished: Bool = false,
        updatedTs: Int64? = nil
    ) {
        self.raceId = raceId
        self.lap = lap
        self.totalLaps = totalLaps
        self.elapsedMs = elapsedMs
        self.finished = finished
        self.updatedTs = updatedTs
    }

    /// Takes in one car's state.
    public mutating func record(_ state: F1CarState) {
        if state.raceId != raceId { self = F1RaceProgress(raceId: state.raceId) }
        lap = max(lap, state.lap)
        totalLaps = state.totalLaps ?? totalLaps
        if let elapsed = state.elapsedMs { elapsedMs = max(elapsedMs ?? elapsed, elapsed) }
        if state.status == "finished" { finished = true }
        updatedTs = max(updatedTs ?? state.ts, state.ts)
    }

    enum CodingKeys: String, CodingKey {
        case raceId = "race_id"
        case lap
        case totalLaps = "total_laps"
        case elapsedMs = "elapsed_ms"
        case finished
        case updatedTs = "updated_ts"
    }
}
