import FastJSON

extension ArenaLogRecord: Codable {
    // The keys are spelled as on the wire, so that `FastJSONDecoder` reads them without a key
    // strategy (converting every key of every record was most of the ETL's time); `EventJSON`'s
    // encoder leaves them as they are.
    enum CodingKeys: String, CodingKey {
        case ts, level, logger, task
        case logMessage = "log_message"
    }

    enum TaskKeys: String, CodingKey {
        case participants, superhero, round, damage, rounds
        case gameToken = "game_token"
        case userToken = "user_token"
        case superheroId = "superhero_id"
        case targetToken = "target_token"
        case winnerToken = "winner_token"

        /// The raw value as a literal, as `JSONObject` looks fields up.
        var name: StaticString {
            switch self {
            case .participants: "participants"
            case .superhero: "superhero"
            case .round: "round"
            case .damage: "damage"
            case .rounds: "rounds"
            case .gameToken: "game_token"
            case .userToken: "user_token"
            case .superheroId: "superhero_id"
            case .targetToken: "target_token"
            case .winnerToken: "winner_token"
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let ts = try container.decode(Int64.self, forKey: .ts)
        let message = try container.decode(String.self, forKey: .logMessage)
        try self.init(
            ts: ts,
            message: message,
            task: try container.nestedContainer(keyedBy: TaskKeys.self, forKey: .task)
        )
    }

    /// Reads a line from its time, its message and its task's fields, whichever decoder found them.
    init(ts: Int64, message: String, task: some ArenaTaskFields) throws {
        self.ts = ts
        gameToken = try task.string(.gameToken)
        guard !gameToken.isEmpty else { throw task.dataCorrupted(.gameToken, "is empty") }
        func user(_ key: TaskKeys = .userToken) throws -> String {
            let token = try task.string(key)
            guard !token.isEmpty else { throw task.dataCorrupted(key, "is empty") }
            return token
        }
        // Integers are read wide and then checked, so that a negative damage or an oversized id is
        // reported as such rather than as JSON that does not parse.
        func integer<Value: FixedWidthInteger & Decodable>(
            _ key: TaskKeys,
            in range: ClosedRange<Value> = Value.min...Value.max
        ) throws -> Value {
            guard let wide = task.wideInteger(key) else { return try task.integer(Value.self, key) }
            guard let value = Value(exactly: wide), range.contains(value) else {
                throw task.dataCorrupted(key, "\(wide) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
        switch message {
        case "Lobby Created":
            event = .lobbyCreated(host: try user(), participants: try integer(.participants, in: 2...255))
        case "Player Joined":
            event = .playerJoined(
                user: try user(),
                superheroId: try integer(.superheroId),
                superhero: try task.stringIfPresent(.superhero) ?? ""
            )
        case "Round Started":
            event = .roundStarted(round: try integer(.round, in: 1...255))
        case "Attack":
            event = .attack(
                round: try integer(.round, in: 1...255),
                attacker: try user(),
                target: try user(.targetToken),
                damage: try integer(.damage)
            )
        case "Player Defeated":
            event = .playerDefeated(round: try integer(.round, in: 1...255), user: try user())
        case "Game Over":
            event = .gameOver(winner: try user(.winnerToken), rounds: try integer(.rounds, in: 1...255))
        case "Cleaning Game Records":
            event = .cleaningGameRecords(user: try user())
        default:
            event = .other(message: message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ts, forKey: .ts)
        try container.encode("INFO", forKey: .level)
        try container.encode(Self.loggerName, forKey: .logger)
        try container.encode(event.message, forKey: .logMessage)
        var task = container.nestedContainer(keyedBy: TaskKeys.self, forKey: .task)
        try task.encode(gameToken, forKey: .gameToken)
        switch event {
        case .lobbyCreated(let host, let participants):
            try task.encode(host, forKey: .userToken)
            try task.encode(participants, forKey: .participants)
        case .playerJoined(let user, let superheroId, let superhero):
            try task.encode(user, forKey: .userToken)
            try task.encode(superheroId, forKey: .superheroId)
            try task.encode(superhero, forKey: .superhero)
        case .roundStarted(let round):
            try task.encode(round, forKey: .round)
        case .attack(let round, let attacker, let target, let damage):
            try task.encode(round, forKey: .round)
            try task.encode(attacker, forKey: .userToken)
            try task.encode(target, forKey: .targetToken)
            try task.encode(damage, forKey: .damage)
        case .playerDefeated(let round, let user):
            try task.encode(round, forKey: .round)
            try task.encode(user, forKey: .userToken)
        case .gameOver(let winner, let rounds):
            try task.encode(winner, forKey: .winnerToken)
            try task.encode(rounds, forKey: .rounds)
        case .cleaningGameRecords(let user):
            try task.encode(user, forKey: .userToken)
        case .other:
            break
        }
    }
}
