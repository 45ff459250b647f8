import FastJSON

/// The `task` object of an arena log line, read by key: what `ArenaLogRecord` needs of a decoder,
/// so that the `Decodable` path and the faster `JSONObjectDecodable` path share one reading of a
/// line and fail with the same errors.
protocol ArenaTaskFields {
    func string(_ key: ArenaLogRecord.TaskKeys) throws -> String
    func stringIfPresent(_ key: ArenaLogRecord.TaskKeys) throws -> String?
    /// The integer of `key` as an `Int64`, or nil when it is not one.
    func wideInteger(_ key: ArenaLogRecord.TaskKeys) -> Int64?
    func integer<Value: FixedWidthInteger & Decodable>(
        _ type: Value.Type,
        _ key: ArenaLogRecord.TaskKeys
    ) throws -> Value
    /// The error for a field whose value the record refuses.
    func dataCorrupted(_ key: ArenaLogRecord.TaskKeys, _ description: String) -> DecodingError
}
