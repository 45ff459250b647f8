import FastJSON

/// A move of `../shared/bench/make_events.py`'s file: the columns the Flink SQL table declares.
struct BenchmarkMove: Codable, JSONObjectDecodable, Sendable {
    var gameID: String
    var color: String
    var uci: String
    var ts: Int64

    enum CodingKeys: String, CodingKey {
        case gameID = "game_id"
        case color, uci, ts
    }

    init(json object: JSONObject) throws {
        gameID = try object.decode(String.self, forKey: "game_id")
        color = try object.decode(String.self, forKey: "color")
        uci = try object.decode(String.self, forKey: "uci")
        ts = try object.decode(Int64.self, forKey: "ts")
    }
}
