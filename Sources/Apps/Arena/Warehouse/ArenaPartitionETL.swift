import FastJSON
import Foundation
import Streams

/// One partition's share of the arena ETL, as a state machine without I/O: log records go in, and
/// out come finished games for the warehouse and dead letters for records that cannot be used.
///
/// Records are keyed by `game_token`, so all of a game's lines are in one partition, in order. The
/// consumer may commit `committableOffset` once the finished games handed out so far are written:
/// it never passes the first record of a game still in progress, so after a crash every unfinished
/// game is read again from its start. A game whose clean-up is at or below `writtenThrough` was
/// written before the crash or rebalance and is not handed out again, and a game the server
/// publishes a second time (the same `game_token` after it was written) is ignored.
public struct ArenaPartitionETL {
    /// What the consumer does with one record.
    public enum Action: Hashable, Sendable {
        /// Queue the game for the warehouse.
        case write(ArenaFinishedGame)
        /// Send the letter to the dead-letter topic.
        case deadLetter(DeadLetter)
    }

    /// Name of the processor in dead letters and of its consumer group.
    public static let name = "arena-etl"
    /// A game with no record for this long (in the partition's event time) was abandoned and is dropped.
    public static let abandonAfterMilliseconds: Int64 = 3_600_000

    public let topic: String
    public let partition: Int32
    /// Highest clean-up offset already in the warehouse, or nil when nothing of this partition is.
    public let writtenThrough: Int64?
    /// The offset after the last record received.
    public private(set) var nextOffset: Int64?
    /// Records of games that are not in progress here: the tail of a game written before a restart.
    public private(set) var ignoredRecords = 0
    /// Games dropped after `abandonAfterMilliseconds` without a record.
    public private(set) var abandonedGames = 0
    /// Games published again after they were written, and ignored.
    public private(set) var repeatedGames = 0

    /// The three counts above together.
    public var setAside: ArenaSetAside {
        ArenaSetAside(ignoredRecords: ignoredRecords, abandonedGames: abandonedGames, repeatedGames: repeatedGames)
    }

    private var games: [String: ArenaGameRecords] = [:]
    /// The last games written, to recognise one published again.
    private var written: ArenaRecentGames
    private var newestTimestamp: Int64 = .min
    private var recordsSinceExpiry = 0
    private let decoder = FastJSONDecoder()

    /// - Parameter rememberedGames: how many written games the partition remembers, to recognise
    ///   one that the server publishes again; an older one would be written a second time.
    public init(
        topic: String = ArenaLogRecord.topic,
        partition: Int32,
        writtenThrough: Int64?,
        rememberedGames: Int = 100_000
    ) {
        self.topic = topic
        self.partition = partition
        self.writtenThrough = writtenThrough
        written = ArenaRecentGames(capacity: rememberedGames)
    }

    /// Games in progress.
    public var openGames: Int { games.count }

    /// Where the group may resume this partition without losing a game in progress.
    public var committableOffset: Int64? {
        games.values.map(\.firstOffset).min() ?? nextOffset
    }

    /// Takes in the record at `offset`; returns what to do with it, if anything.
    public mutating func receive(offset: Int64, key: [UInt8]?, value: [UInt8]?) -> Action? {
        nextOffset = offset + 1
        guard let value else { return deadLetter(offset, value, "the record has no value (a tombstone)") }
        let record: ArenaLogRecord
        do {
            record = try decoder.decode(ArenaLogRecord.self, from: value)
        } catch {
            return deadLetter(offset, value, DecodingErrorReason.describe(error))
        }
        if let key, key.elementsEqual(record.gameToken.utf8) == false {
            let keyText = String(decoding: key, as: UTF8.self)
            return deadLetter(offset, value, "the key \(keyText) is not the record's game_token \(record.gameToken)")
        }
        newestTimestamp = max(newestTimestamp, record.ts)
        expireAbandonedGames()
        do {
            return try apply(record, offset: offset)
        } catch {
            return deadLetter(offset, value, error.reason)
        }
    }

    private mutating func apply(_ record: ArenaLogRecord, offset: Int64) throws(ArenaRecordProblem) -> Action? {
        let token = record.gameToken
        switch record.event {
        case .lobbyCreated:
            if written.contains(token) {
                repeatedGames += 1
                return nil
            }
            guard games[token] == nil else {
                throw ArenaRecordProblem(reason: "game \(token) has a second Lobby Created")
            }
            var game = ArenaGameRecords(gameToken: token, firstOffset: offset, ts: record.ts)
            try game.apply(record.event, ts: record.ts)
            games[token] = game
            return nil
        case .cleaningGameRecords(let user):
            guard let game = games[token] else {
                if written.contains(token) { return nil }
                if let writtenThrough, offset <= writtenThrough { return nil }
                throw ArenaRecordProblem(reason: "game \(token) is cleaned up, but none of its records came before")
            }
            // Only the host's clean-up ends the game, as the game server's own worker has it.
            guard game.host == user else { return nil }
            games[token] = nil
            if let writtenThrough, offset <= writtenThrough {
                written.insert(token)
                return nil
            }
            let rows = try game.rows()
            written.insert(token)
            return .write(
                ArenaFinishedGame(
                    gameToken: token,
                    cleanUpOffset: offset,
                    cleanedAt: record.ts,
                    meta: rows.meta,
                    podium: rows.podium
                )
            )
        default:
            guard games[token] != nil else {
                ignoredRecords += 1
                return nil
            }
            try games[token]!.apply(record.event, ts: record.ts)
            return nil
        }
    }

    /// Drops games silent for an hour of event time; checked every thousand records, since a scan
    /// of every open game per record would cost more than the records.
    private mutating func expireAbandonedGames() {
        recordsSinceExpiry += 1
        guard recordsSinceExpiry >= 1_000 else { return }
        recordsSinceExpiry = 0
        let cutoff = newestTimestamp - Self.abandonAfterMilliseconds
        let abandoned = games.filter { $0.value.lastSeen < cutoff }.keys
        abandonedGames += abandoned.count
        for token in abandoned { games[token] = nil }
    }

    private func deadLetter(_ offset: Int64, _ value: [UInt8]?, _ reason: String) -> Action {
        .deadLetter(
            DeadLetter(
                pipeline: Self.name,
                topic: topic,
                partition: partition,
                offset: offset,
                reason: reason,
                value: value.map { String(decoding: $0, as: UTF8.self) }
            )
        )
    }
}
