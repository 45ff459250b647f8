/// The fields of one JSON object, scanned and validated, read by name by a `JSONObjectDecodable`
/// type.
///
/// It points into the bytes being decoded, so it is valid only during `init(json:)`. A field's
/// value is converted when it is asked for; fields nobody asks for are skipped. Errors are the
/// `DecodingError`s a `Decodable` type would get for the same field, so a dead letter gives the same
/// reason whichever path decoded the record.
public struct JSONObject {
    /// The bytes the fields' ranges index.
    let bytes: UnsafeRawBufferPointer
    let fields: UnsafeBufferPointer<JSONField>

    init(bytes: UnsafeRawBufferPointer, fields: UnsafeBufferPointer<JSONField>) {
        self.bytes = bytes
        self.fields = fields
    }

    /// Whether the object has a field named `key`, null or not.
    public func contains(_ key: String) -> Bool { valueStart(forKey: key) != nil }

    /// The string of field `key`; throws when it is missing or not a string.
    public func decode(_ type: String.Type, forKey key: String) throws -> String {
        try scalar(forKey: key).string(codingPath: Self.codingPath(key))
    }

    /// The string of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: String.Type, forKey key: String) throws -> String? {
        try presentScalar(forKey: key)?.string(codingPath: Self.codingPath(key))
    }

    /// The integer of field `key`; throws when it is missing, not an integer, or out of range.
    public func decode(_ type: Int64.Type, forKey key: String) throws -> Int64 {
        try scalar(forKey: key).integer(Int64.self, codingPath: Self.codingPath(key))
    }

    /// The integer of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Int64.Type, forKey key: String) throws -> Int64? {
        try presentScalar(forKey: key)?.integer(Int64.self, codingPath: Self.codingPath(key))
    }

    /// The integer of field `key`; throws when it is missing, not an integer, or out of range.
    public func decode(_ type: Int.Type, forKey key: String) throws -> Int {
        try scalar(forKey: key).integer(Int.self, codingPath: Self.codingPath(key))
    }

    /// The integer of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Int.Type, forKey key: String) throws -> Int? {
        try presentScalar(forKey: key)?.integer(Int.self, codingPath: Self.codingPath(key))
    }

    /// The number of field `key`; throws when it is missing or not a number.
    public func decode(_ type: Double.Type, forKey key: String) throws -> Double {
        try scalar(forKey: key).double(codingPath: Self.codingPath(key))
    }

    /// The number of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Double.Type, forKey key: String) throws -> Double? {
        try presentScalar(forKey: key)?.double(codingPath: Self.codingPath(key))
    }

    /// The boolean of field `key`; throws when it is missing or not `true` or `false`.
    public func decode(_ type: Bool.Type, forKey key: String) throws -> Bool {
        try scalar(forKey: key).bool(codingPath: Self.codingPath(key))
    }

    /// The boolean of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Bool.Type, forKey key: String) throws -> Bool? {
        try presentScalar(forKey: key)?.bool(codingPath: Self.codingPath(key))
    }

    /// Where the value of the first field named `key` starts.
    @inline(__always)
    func valueStart(forKey key: String) -> Int? {
        let scanner = JSONScanner(bytes: bytes)
        for field in fields {
            if field.keyHasEscapes {
                if (try? scanner.string(in: field.key, hasEscapes: true)) == key { return field.valueStart }
            } else if scanner.bytes(in: field.key, equal: key) {
                return field.valueStart
            }
        }
        return nil
    }

    private func scalar(forKey key: String) throws -> JSONScalar {
        guard let start = valueStart(forKey: key) else {
            throw DecodingError.keyNotFound(
                JSONCodingKey(stringValue: key),
                DecodingError.Context(codingPath: [], debugDescription: "no field \"\(key)\"")
            )
        }
        return JSONScalar(bytes: bytes, start: start)
    }

    /// The value of field `key`, nil when it is missing or null (as `decodeIfPresent` of a keyed
    /// container has it).
    private func presentScalar(forKey key: String) -> JSONScalar? {
        guard let start = valueStart(forKey: key), bytes[start] != UInt8(ascii: "n") else { return nil }
        return JSONScalar(bytes: bytes, start: start)
    }

    private static func codingPath(_ key: String) -> [any CodingKey] { [JSONCodingKey(stringValue: key)] }
}
