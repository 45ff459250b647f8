extension KeyedDecodingContainer: ArenaTaskFields where Key == ArenaLogRecord.TaskKeys {
    func string(_ key: Key) throws -> String { try decode(String.self, forKey: key) }

    func stringIfPresent(_ key: Key) throws -> String? { try decodeIfPresent(String.self, forKey: key) }

    func wideInteger(_ key: Key) -> Int64? { try? decode(Int64.self, forKey: key) }

    func integer<Value: FixedWidthInteger & Decodable>(_ type: Value.Type, _ key: Key) throws -> Value {
        try decode(type, forKey: key)
    }

    func dataCorrupted(_ key: Key, _ description: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: description)
    }
}
