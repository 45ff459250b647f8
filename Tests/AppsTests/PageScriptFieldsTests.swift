import Apps
import FastJSON
import Foundation
import Testing

/// The page scripts read the topics' records by the keys their schema types write: every field a
/// script reads off a record is one the type has, so renaming a field in Swift fails here, not in
/// a browser.
@Suite struct PageScriptFieldsTests {
    /// The keys `value` is written with, every optional field filled.
    static func keys(of value: some Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try EventJSON.makeEncoder().encode(value))
        return Set((object as! [String: Any]).keys)
    }

    /// The text of a page script of the Apps target, e.g. `Chess/ChessPages/static/js/dashboard.js`.
    static func script(_ path: String) throws -> String {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Apps").standardized
        return try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
    }

    /// The fields read as `variable.field` in `script`.
    static func fields(readOff variables: [String], in script: String) -> Set<String> {
        var fields = Set<String>()
        for variable in variables {
            let pattern = try! Regex("\\b\(variable)\\.([a-z_]+)\\b")
            for match in script.matches(of: pattern) {
                if let field = match.output[1].substring { fields.insert(String(field)) }
            }
        }
        return fields
    }

    @Test func theChessPagesReadMovesByTheirSchemasKeys() throws {
        let move = ChessMoveEvent(
            moveID: "g-1",
            gameID: "g",
            ply: 1,
            color: "white",
            by: "ai",
            uci: "e2e4",
            san: "e4",
            piece: "P",
            from: "e2",
            to: "e4",
            fen: "x",
            ts: 1
        )
        let keys = try Self.keys(of: move)
        for path in ["Chess/ChessPages/static/js/dashboard.js", "Chess/ChessPages/static/js/common.js"] {
            let read = Self.fields(readOff: ["move"], in: try Self.script(path))
            #expect(!read.isEmpty, "\(path) reads moves")
            #expect(read.isSubset(of: keys), "\(path) reads \(read.subtracting(keys).sorted()), not in ChessMoveEvent")
        }
    }

    @Test func theLeaderboardReadsCarStatesByTheirSchemasKeys() throws {
        let state = F1CarState(
            raceId: "r",
            position: 1,
            driver: "d",
            code: "D",
            number: 1,
            team: "t",
            lap: 1,
            totalLaps: 2,
            gapToLeaderMs: 0,
            intervalMs: 0,
            lapsBehind: 0,
            lastLapMs: 1,
            bestLapMs: 1,
            tyre: "soft",
            pitStops: 0,
            status: "running",
            elapsedMs: 1,
            ts: 1
        )
        let keys = try Self.keys(of: state)
        let read = Self.fields(
            readOff: ["car", "entry", "leader"],
            in: try Self.script("F1/F1Pages/static/js/leaderboard.js")
        )
        #expect(read.count >= 10)
        #expect(read.isSubset(of: keys), "leaderboard.js reads \(read.subtracting(keys).sorted()), not in F1CarState")
    }
}
