import FastJSON
import Streams

extension ArenaLogRecord: JSONObjectDecodable {
    /// Reads a line as `init(from:)` does, with the same errors, through `JSONObject`.
    public init(json object: JSONObject) throws {
        let ts = try object.decode(Int64.self, forKey: "ts")
        let message = try object.decode(String.self, forKey: "log_message")
        self = try object.withObject(forKey: "task") { task in
            try ArenaLogRecord(ts: ts, message: message, task: ArenaJSONTask(object: task))
        }
    }
}
