import FastJSON

/// The event of bench/streams (Tests/StreamsTests/StreamsBenchmarks.swift): the columns of the
/// `moves` file that the Flink SQL table declares.
struct BenchmarkMove: Codable, JSONObjectDecodable, Sendable {
    var gameID: String
    var color: String
    var uci: String
    var ts: Int64

    enum CodingKeys: String, CodingKey {
        case gameID = "game_id"
        case color, uci, ts
    }

    init(gameID: String, color: String, uci: String, ts: Int64) {
        self.gameID = gameID
        self.color = color
        self.uci = uci
        self.ts = ts
    }

    init(json object: JSONObject) throws {
        gameID = try object.decode(String.self, forKey: "game_id")
        color = try object.decode(String.self, forKey: "color")
        uci = try object.decode(String.self, forKey: "uci")
        ts = try object.decode(Int64.self, forKey: "ts")
    }

    /// A number that depends on every field, so that no decoding can be optimized away and both
    /// decoders can be checked to agree.
    var checksum: Int {
        gameID.utf8.count &+ color.utf8.count &* 7 &+ uci.utf8.count &* 31 &+ Int(truncatingIfNeeded: ts)
    }
}
