/// A value of `f1.leaderboard.results`: one car's timing state, published when it crosses the line
/// and when an overtake moves it. Keyed by `race_id`.
///
/// Times are in milliseconds. An external producer may send `gap_to_leader` and `interval` in
/// seconds instead of the `_ms` fields, and leave out whatever it does not know beyond
/// `race_id`, `position`, `driver` and `lap`.
public struct F1CarState: Codable, Hashable, Sendable, TopicRecord {
    /// The topic car states go to, keyed by race id.
    public static let topic = "f1.leaderboard.results"

    public var raceId: String
    /// 1 for the leader.
    public var position: Int
    public var driver: String
    /// Three-letter timing-screen code, such as `VAL`.
    public var code: String?
    /// Car number.
    public var number: Int?
    public var team: String?
    /// Laps completed.
    public var lap: Int
    /// Laps of the race, when known.
    public var totalLaps: Int?
    /// Time behind the leader at the same line crossing; 0 for the leader.
    public var gapToLeaderMs: Int64?
    /// Time behind the car one position ahead; 0 for the leader.
    public var intervalMs: Int64?
    /// Laps behind the leader, for a lapped car.
    public var lapsBehind: Int?
    public var lastLapMs: Int64?
    public var bestLapMs: Int64?
    /// `soft`, `medium`, `hard`, `intermediate` or `wet`.
    public var tyre: String?
    public var pitStops: Int?
    /// `running`, `pit`, `retired` or `finished`.
    public var status: String?
    /// Race time of this state since the start, when known.
    public var elapsedMs: Int64?
    /// Milliseconds since the epoch.
    public var ts: Int64

    public init(
        raceId: String,
        position: Int,
        driver: String,
        code: String? = nil,
        number: Int? = nil,
        team: String? = nil,
        lap: Int,
        totalLaps: Int? = nil,
        gapToLeaderMs: Int64? = nil,
        intervalMs: Int64? = nil,
        lapsBehind: Int? = nil,
        lastLapMs: Int64? = nil,
        bestLapMs: Int64? = nil,
        tyre: String? = nil,
        pitStops: Int? = nil,
        status: String? = nil,
        elapsedMs: Int64? = nil,
        ts: Int64
    ) {
        self.raceId = raceId
        self.position = position
        self.driver = driver
        self.code = code
        self.number = number
        self.team = team
        self.lap = lap
        self.totalLaps = totalLaps
        self.gapToLeaderMs = gapToLeaderMs
        self.intervalMs = intervalMs
        self.lapsBehind = lapsBehind
        self.lastLapMs = lastLapMs
        self.bestLapMs = bestLapMs
        self.tyre = tyre
        self.pitStops = pitStops
        self.status = status
        self.elapsedMs = elapsedMs
        self.ts = ts
    }

    // Spelled out because FastJSON's decoder, which reads every topic record, matches keys exactly.
    enum CodingKeys: String, CodingKey {
        case raceId = "race_id"
        case position, driver, code, number, team, lap
        case totalLaps = "total_laps"
        case gapToLeaderMs = "gap_to_leader_ms"
        case intervalMs = "interval_ms"
        case lapsBehind = "laps_behind"
        case lastLapMs = "last_lap_ms"
        case bestLapMs = "best_lap_ms"
        case tyre
        case pitStops = "pit_stops"
        case status
        case elapsedMs = "elapsed_ms"
        case ts
    }

    /// The alternative spellings in seconds that external producers may use.
    enum SecondsKeys: String, CodingKey {
        case gapToLeader = "gap_to_leader"
        case interval
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        raceId = try container.decode(String.self, forKey: .raceId)
        position = try container.decode(Int.self, forKey: .position)
        driver = try container.decode(String.self, forKey: .driver)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        lap = try container.decode(Int.self, forKey: .lap)
        totalLaps = try container.decodeIfPresent(Int.self, forKey: .totalLaps)
        let seconds = try decoder.container(keyedBy: SecondsKeys.self)
        gapToLeaderMs =
            try container.decodeIfPresent(Int64.self, forKey: .gapToLeaderMs)
            ?? seconds.decodeIfPresent(Double.self, forKey: .gapToLeader).map { Int64(($0 * 1_000).rounded()) }
        intervalMs =
            try container.decodeIfPresent(Int64.self, forKey: .intervalMs)
            ?? seconds.decodeIfPresent(Double.self, forKey: .interval).map { Int64(($0 * 1_000).rounded()) }
        lapsBehind = try container.decodeIfPresent(Int.self, forKey: .lapsBehind)
        lastLapMs = try container.decodeIfPresent(Int64.self, forKey: .lastLapMs)
        bestLapMs = try container.decodeIfPresent(Int64.self, forKey: .bestLapMs)
        tyre = try container.decodeIfPresent(String.self, forKey: .tyre)
        pitStops = try container.decodeIfPresent(Int.self, forKey: .pitStops)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        elapsedMs = try container.decodeIfPresent(Int64.self, forKey: .elapsedMs)
        ts = try container.decodeIfPresent(Int64.self, forKey: .ts) ?? 0
        guard position >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .position,
                in: container,
                debugDescription: "position must be 1 or more"
            )
        }
    }
}
