import Apps
import FastJSON
import Foundation
import Streams
import Testing

/// Decoding is strict for the lines the warehouse reads and names the field at fault.
@Suite struct ArenaLogRecordTests {
    static func decode(_ json: String) throws -> ArenaLogRecord {
        try FastJSONDecoder().decode(ArenaLogRecord.self, from: Array(json.utf8))
    }

    static func reason(_ json: String) -> String? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return DecodingErrorReason.describe(error)
        }
    }

    @Test func readsAnAttack() throws {
        let record = try Self.decode(
            #"{"ts":5,"log_message":"Attack","task":{"game_token":"g","round":2,"user_token":"a","target_token":"b","damage":40}}"#
        )
        #expect(
            record
                == ArenaLogRecord(
                    gameToken: "g",
                    ts: 5,
                    event: .attack(round: 2, attacker: "a", target: "b", damage: 40)
                )
        )
    }

    @Test func keepsOtherMessagesAsTheyAre() throws {
        let record = try Self.decode(#"{"ts":5,"log_message":"Chat","task":{"game_token":"g","text":"gg"}}"#)
        #expect(record.event == .other(message: "Chat"))
    }

    @Test(arguments: [
        (#"{"log_message":"Attack","task":{"game_token":"g"}}"#, "ts"),
        (#"{"ts":1,"task":{"game_token":"g"}}"#, "log_message"),
        (#"{"ts":1,"log_message":"Game Over","task":{"winner_token":"a","rounds":3}}"#, "game_token"),
        (#"{"ts":1,"log_message":"Game Over","task":{"game_token":"","winner_token":"a","rounds":3}}"#, "game_token"),
        (
            #"{"ts":1,"log_message":"Attack","task":{"game_token":"g","round":1,"user_token":"a","target_token":"b","damage":-4}}"#,
            "damage"
        ),
        (
            #"{"ts":1,"log_message":"Player Joined","task":{"game_token":"g","user_token":"a","superhero_id":70000}}"#,
            "superhero_id"
        ),
        (#"{"ts":1,"log_message":"Round Started","task":{"game_token":"g","round":300}}"#, "round"),
        (
            #"{"ts":1,"log_message":"Lobby Created","task":{"game_token":"g","user_token":"a","participants":1}}"#,
            "participants"
        ),
        (#"{"ts":1,"log_message":"Cleaning Game Records","task":{"game_token":"g"}}"#, "user_token"),
    ])
    func namesTheFieldAtFault(json: String, field: String) {
        let reason = Self.reason(json)
        #expect(reason?.contains(field) == true, "\(reason ?? "decoded")")
        #expect(reason == Self.reasonThroughDecodable(json))
    }

    /// Decodes through `Decodable`, which the overload for `JSONObjectDecodable` would bypass.
    static func decodeThroughDecodable<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        try FastJSONDecoder().decode(type, from: Array(json.utf8))
    }

    static func reasonThroughDecodable(_ json: String) -> String? {
        do {
            _ = try decodeThroughDecodable(ArenaLogRecord.self, json)
            return nil
        } catch {
            return DecodingErrorReason.describe(error)
        }
    }

    @Test func bothDecodingPathsReadEverySimulatedLineAlike() throws {
        let encoder = EventJSON.makeEncoder()
        var simulator = ArenaSimulator(seed: 4, players: 8, games: 20)
        var lines = 0
        while let record = simulator.next(ts: 1_732_406_400_000 + Int64(lines)) {
            let json = String(decoding: try encoder.encode(record), as: UTF8.self)
            #expect(try Self.decode(json) == record)
            #expect(try Self.decodeThroughDecodable(ArenaLogRecord.self, json) == record)
            lines += 1
        }
        #expect(lines > 200)
        let extremes =
            #"{"ts":1,"log_message":"Attack","task":{"game_token":"g","round":1,"user_token":"a","target_token":"b","damage":18446744073709551615}}"#
        #expect(try Self.decode(extremes) == Self.decodeThroughDecodable(ArenaLogRecord.self, extremes))
    }

    @Test(arguments: [
        #"{"ts":1,"log_message":"Attack","task":"g"}"#,
        #"{"ts":1,"log_message":"Attack"}"#,
        #"{"ts":1,"log_message":"Attack","task":{"game_token":"g","round":"1","user_token":"a","target_token":"b","damage":4}}"#,
        #"{"ts":1,"log_message":"Attack","task":{"game_token":"g","round":1,"user_token":"a","target_token":"b","damage":18446744073709551616}}"#,
        #"{"ts":1,"log_message":"Player Joined","task":{"game_token":"g","user_token":"a","superhero_id":7,"superhero":3}}"#,
        #"{"ts":"1","log_message":"Attack","task":{"game_token":"g"}}"#,
    ])
    func bothDecodingPathsRefuseAlike(json: String) {
        let reason = Self.reason(json)
        #expect(reason != nil)
        #expect(reason == Self.reasonThroughDecodable(json))
    }
}
