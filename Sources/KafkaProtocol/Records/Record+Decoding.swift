/// Why one record inside a batch could not be parsed.
enum RecordParseFailure: Error {
    case varint(VarintError)
    case negativeLength(field: StaticString, length: Int32)
    case lengthBeyondRecord(field: StaticString, length: Int32)
    case recordLengthMismatch(declared: Int, consumed: Int)

    var reason: String {
        switch self {
        case .varint(let error): "\(error)"
        case .negativeLength(let field, let length): "\(field) has the negative length \(length)"
        case .lengthBeyondRecord(let field, let length):
            "\(field) of \(length) bytes runs past the end of the record"
        case .recordLengthMismatch(let declared, let consumed):
            "the record declares \(declared) bytes but its fields take \(consumed)"
        }
    }
}

extension UnsafeByteReader {
    /// Locates and checks one record, its headers included, and moves past it.
    @inline(__always)
    mutating func readRecordLocation() throws(RecordParseFailure) -> RecordLocation {
        let bodyLength = try readVarintField()
        guard bodyLength >= 0 else { throw .negativeLength(field: "record", length: bodyLength) }
        guard Int(bodyLength) <= remaining else { throw .lengthBeyondRecord(field: "record", length: bodyLength) }
        let bodyStart = position
        let end = position + Int(bodyLength)
        let attributes: Int8
        do { attributes = try readInt8() } catch { throw .varint(error) }
        let timestampDelta: Int64
        do { timestampDelta = try readVarlong() } catch { throw .varint(error) }
        let offsetDelta = try readVarintField()
        let key = try readBytes(end: end, field: "key")
        let value = try readBytes(end: end, field: "value")
        let headerCount = try readVarintField()
        guard headerCount >= 0 else { throw .negativeLength(field: "headers", length: headerCount) }
        let headersStart = position
        if headerCount > 0 {
            // Each header takes at least two bytes (two lengths).
            guard Int(headerCount) <= (end - position) / 2 else {
                throw .lengthBeyondRecord(field: "headers", length: headerCount)
            }
            for _ in 0..<headerCount { _ = try readHeader(end: end) }
        }
        guard position == end else {
            throw .recordLengthMismatch(declared: Int(bodyLength), consumed: position - bodyStart)
        }
        return RecordLocation(
            attributes: attributes,
            timestampDelta: timestampDelta,
            offsetDelta: offsetDelta,
            key: key,
            value: value,
            headerCount: headerCount,
            headers: headersStart..<end
        )
    }

    /// Reads one header of a record that ends at `end`: where its key and its value (nil for a
    /// null value) are.
    @inline(__always)
    mutating func readHeader(end: Int) throws(RecordParseFailure) -> (key: Range<Int>, value: Range<Int>?) {
        let keyLength = try readVarintField()
        guard keyLength >= 0 else { throw .negativeLength(field: "header key", length: keyLength) }
        guard Int(keyLength) <= end - position else {
            throw .lengthBeyondRecord(field: "header key", length: keyLength)
        }
        let key = position..<position + Int(keyLength)
        position += Int(keyLength)
        return (key, try readBytes(end: end, field: "header value"))
    }

    @inline(__always)
    private mutating func readVarintField() throws(RecordParseFailure) -> Int32 {
        do { return try readVarint() } catch { throw .varint(error) }
    }

    /// Reads a varint length and moves past that many bytes: where they are, or nil for length -1.
    @inline(__always)
    private mutating func readBytes(end: Int, field: StaticString) throws(RecordParseFailure) -> Range<Int>? {
        let length = try readVarintField()
        if length < 0 {
            guard length == -1 else { throw .negativeLength(field: field, length: length) }
            return nil
        }
        guard Int(length) <= end - position else { throw .lengthBeyondRecord(field: field, length: length) }
        defer { position += Int(length) }
        return position..<position + Int(length)
    }
}
