import FastJSON
import Streams

/// An arena log line's `task` object as FastJSON's `JSONObject` reads it: no `Decoder`, no keyed
/// container box and no dynamic call per field, for the ETL, which reads every line of the game
/// server's log.
struct ArenaJSONTask: ArenaTaskFields {
    let object: JSONObject

    func string(_ key: ArenaLogRecord.TaskKeys) throws -> String {
        try object.decode(String.self, forKey: key.name)
    }

    func stringIfPresent(_ key: ArenaLogRecord.TaskKeys) throws -> String? {
        try object.decodeIfPresent(String.self, forKey: key.name)
    }

    func wideInteger(_ key: ArenaLogRecord.TaskKeys) -> Int64? {
        try? object.decode(Int64.self, forKey: key.name)
    }

    func integer<Value: FixedWidthInteger & Decodable>(
        _ type: Value.Type,
        _ key: ArenaLogRecord.TaskKeys
    ) throws -> Value {
        try object.decode(type, forKey: key.name)
    }

    func dataCorrupted(_ key: ArenaLogRecord.TaskKeys, _ description: String) -> DecodingError {
        object.dataCorrupted(forKey: key.name, description)
    }
}
