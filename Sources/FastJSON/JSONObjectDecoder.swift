/// The `Decoder` of a top-level object whose fields are scanned already: the common case of an
/// event. It is three words, so passing it as `any Decoder` allocates nothing, where a class
/// instance per event would.
struct JSONObjectDecoder: Decoder {
    /// The document from the object's `{` on.
    private let object: UnsafeRawPointer
    private let fields: UnsafePointer<JSONField>?
    /// The lengths of `object` and `fields`, packed into one word for the size above.
    private let counts: (bytes: Int32, fields: Int32)

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A decoder of a top-level `object` (its bytes starting at its `{`); nil when the document is
    /// too long for the packed lengths (over 2 GiB).
    init?(_ object: JSONObject) {
        guard let base = object.bytes.baseAddress, let bytes = Int32(exactly: object.bytes.count),
            let fieldCount = Int32(exactly: object.fields.count)
        else { return nil }
        self.object = base
        self.fields = object.fields.baseAddress
        counts = (bytes, fieldCount)
    }

    private var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: object, count: Int(counts.bytes)) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(
            JSONKeyedContainer<Key>(
                bytes: bytes,
                start: 0,
                fields: UnsafeBufferPointer(start: fields, count: Int(counts.fields)),
                nestedDecoder: nil
            )
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(bytes: bytes, start: 0, codingPath: []).unkeyedContainer()
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        try JSONValueDecoder(bytes: bytes, start: 0, codingPath: []).singleValueContainer()
    }
}
