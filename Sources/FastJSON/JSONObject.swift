/// The fields of one JSON object, scanned and validated, read by name by a `JSONObjectDecodable`
/// type.
///
/// It points into the bytes being decoded, so it is valid only during `init(json:)`. A field's
/// value is converted when it is asked for; fields nobody asks for are skipped. Errors are the
/// `DecodingError`s a `Decodable` type would get for the same field, so a dead letter gives the same
/// reason whichever path decoded the record. Field names are string literals, compared with the
/// scanned keys straight from the binary's constant bytes (no `String` retained per lookup).
public struct JSONObject {
    /// The bytes the fields' ranges index.
    let bytes: UnsafeRawBufferPointer
    let fields: UnsafeBufferPointer<JSONField>
    /// The object holding this one and this one's key in it, for the coding path of errors; nil at
    /// the top level. Plain pointers, so that a lookup costs no reference counting; valid while the
    /// parent's `withObject` runs, like the object itself.
    let parent: (object: UnsafePointer<JSONObject>, key: StaticString)?

    init(
        bytes: UnsafeRawBufferPointer,
        fields: UnsafeBufferPointer<JSONField>,
        parent: (object: UnsafePointer<JSONObject>, key: StaticString)? = nil
    ) {
        self.bytes = bytes
        self.fields = fields
        self.parent = parent
    }

    /// Whether the object has a field named `key`, null or not.
    public func contains(_ key: StaticString) -> Bool { field(forKey: key) != nil }

    /// The string of field `key`; throws when it is missing or not a string.
    public func decode(_ type: String.Type, forKey key: StaticString) throws -> String {
        try scalar(forKey: key).string(codingPath: codingPath(key))
    }

    /// The string of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: String.Type, forKey key: StaticString) throws -> String? {
        try presentScalar(forKey: key)?.string(codingPath: codingPath(key))
    }

    /// The integer of field `key`; throws when it is missing, not an integer, or out of range.
    public func decode(_ type: Int64.Type, forKey key: StaticString) throws -> Int64 {
        try scalar(forKey: key).integer(Int64.self, codingPath: codingPath(key))
    }

    /// The integer of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Int64.Type, forKey key: StaticString) throws -> Int64? {
        try presentScalar(forKey: key)?.integer(Int64.self, codingPath: codingPath(key))
    }

    /// The integer of field `key`; throws when it is missing, not an integer, or out of range.
    public func decode(_ type: Int.Type, forKey key: StaticString) throws -> Int {
        try scalar(forKey: key).integer(Int.self, codingPath: codingPath(key))
    }

    /// The integer of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Int.Type, forKey key: StaticString) throws -> Int? {
        try presentScalar(forKey: key)?.integer(Int.self, codingPath: codingPath(key))
    }

    /// The number of field `key`; throws when it is missing or not a number.
    public func decode(_ type: Double.Type, forKey key: StaticString) throws -> Double {
        try scalar(forKey: key).double(codingPath: codingPath(key))
    }

    /// The number of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Double.Type, forKey key: StaticString) throws -> Double? {
        try presentScalar(forKey: key)?.double(codingPath: codingPath(key))
    }

    /// The boolean of field `key`; throws when it is missing or not `true` or `false`.
    public func decode(_ type: Bool.Type, forKey key: StaticString) throws -> Bool {
        try scalar(forKey: key).bool(codingPath: codingPath(key))
    }

    /// The boolean of field `key`, or nil when it is missing or null; throws when it is another type.
    public func decodeIfPresent(_ type: Bool.Type, forKey key: StaticString) throws -> Bool? {
        try presentScalar(forKey: key)?.bool(codingPath: codingPath(key))
    }

    /// The first field named `key`.
    @inline(__always)
    func field(forKey key: StaticString) -> JSONField? {
        key.withUTF8Buffer { name in field(named: name) }
    }

    /// The first field whose name has the UTF-8 `name`.
    @inline(__always)
    func field(named name: UnsafeBufferPointer<UInt8>) -> JSONField? {
        let scanner = JSONScanner(bytes: bytes)
        for field in fields {
            if field.keyHasEscapes {
                if (try? scanner.string(in: field.key, hasEscapes: true))?.utf8.elementsEqual(name) == true {
                    return field
                }
            } else if scanner.bytes(in: field.key, equal: name) {
                return field
            }
        }
        return nil
    }

    private func scalar(forKey key: StaticString) throws -> JSONScalar {
        guard let field = field(forKey: key) else { throw keyNotFound(key) }
        return JSONScalar(bytes: bytes, field: field)
    }

    /// The value of field `key`, nil when it is missing or null (as `decodeIfPresent` of a keyed
    /// container has it).
    private func presentScalar(forKey key: StaticString) -> JSONScalar? {
        guard let field = field(forKey: key), bytes[field.valueStart] != UInt8(ascii: "n") else { return nil }
        return JSONScalar(bytes: bytes, field: field)
    }

    /// The integer of field `key` as `type`, for the widths without an accessor of their own; throws
    /// when it is missing, not an integer, or out of `type`'s range.
    public func decode<Integer: FixedWidthInteger>(_ type: Integer.Type, forKey key: StaticString) throws -> Integer {
        try scalar(forKey: key).integer(type, codingPath: codingPath(key))
    }

    /// Calls `body` with the object in field `key`; throws when the field is missing or is not an
    /// object. The nested object is valid during the call only.
    public func withObject<Result>(
        forKey key: StaticString,
        _ body: (JSONObject) throws -> Result
    ) throws -> Result {
        guard let field = field(forKey: key) else { throw keyNotFound(key) }
        guard bytes[field.valueStart] == UInt8(ascii: "{") else {
            throw DecodingError.typeMismatch(
                [String: Any].self,
                DecodingError.Context(codingPath: codingPath(key), debugDescription: "expected an object")
            )
        }
        return try withUnsafeTemporaryAllocation(of: JSONField.self, capacity: 32) { table in
            var nested = JSONFieldTable(inline: table)
            // The whole document was validated already: this scan only finds the nested fields.
            var scanner = JSONScanner(bytes: bytes, index: field.valueStart)
            try scanner.scanObject(depth: 0) { nested.append($0) }
            return try withExtendedLifetime(nested) {
                try withUnsafePointer(to: self) { object in
                    try body(JSONObject(bytes: bytes, fields: nested.fields, parent: (object, key)))
                }
            }
        }
    }

    /// The error a keyed container's `dataCorruptedError(forKey:in:debugDescription:)` gives, for a
    /// field whose value the type refuses.
    public func dataCorrupted(forKey key: StaticString, _ description: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath(key), debugDescription: description))
    }

    private func keyNotFound(_ key: StaticString) -> DecodingError {
        DecodingError.keyNotFound(
            JSONCodingKey(stringValue: key.description),
            DecodingError.Context(codingPath: codingPath, debugDescription: "no field \"\(key)\"")
        )
    }

    /// The keys from the top-level object down to this one.
    private var codingPath: [any CodingKey] {
        guard let parent else { return [] }
        return parent.object.pointee.codingPath(parent.key)
    }

    private func codingPath(_ key: StaticString) -> [any CodingKey] {
        codingPath + [JSONCodingKey(stringValue: key.description)]
    }
}
