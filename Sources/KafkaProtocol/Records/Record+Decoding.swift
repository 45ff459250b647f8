import NIOCore

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
    /// Parses one record; `storage` is the buffer whose readable bytes this reader walks, so that
    /// keys and values become slices of it.
    @inline(__always)
    mutating func readRecord(slicing storage: ByteBuffer) throws(RecordParseFailure) -> Record {
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
        let key = try readBytes(slicing: storage, end: end, field: "key")
        let value = try readBytes(slicing: storage, end: end, field: "value")
        let headerCount = try readVarintField()
        guard headerCount >= 0 else { throw .negativeLength(field: "headers", length: headerCount) }
        var headers: [RecordHeader] = []
        if headerCount > 0 {
            // Each header takes at least two bytes (two lengths).
            guard Int(headerCount) <= (end - position) / 2 else {
                throw .lengthBeyondRecord(field: "headers", length: headerCount)
            }
            headers.reserveCapacity(Int(headerCount))
            for _ in 0..<headerCount {
                let keyLength = try readVarintField()
                guard keyLength >= 0 else { throw .negativeLength(field: "header key", length: keyLength) }
                guard Int(keyLength) <= end - position else {
                    throw .lengthBeyondRecord(field: "header key", length: keyLength)
                }
                let key = String(
                    decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(keyLength)]),
                    as: UTF8.self
                )
                position += Int(keyLength)
                let value = try readBytes(slicing: storage, end: end, field: "header value")
                headers.append(RecordHeader(key: key, value: value))
            }
        }
        guard position == end else {
            throw .recordLengthMismatch(declared: Int(bodyLength), consumed: position - bodyStart)
        }
        return Record(
            attributes: attributes,
            timestampDelta: timestampDelta,
            offsetDelta: offsetDelta,
            key: key,
            value: value,
            headers: headers
        )
    }

    @inline(__always)
    private mutating func readVarintField() throws(RecordParseFailure) -> Int32 {
        do { return try readVarint() } catch { throw .varint(error) }
    }

    /// Reads a varint length and that many bytes as a slice of `storage`; nil for length -1.
    @inline(__always)
    private mutating func readBytes(
        slicing storage: ByteBuffer,
        end: Int,
        field: StaticString
    ) throws(RecordParseFailure) -> ByteBuffer? {
        let length = try readVarintField()
        if length < 0 {
            guard length == -1 else { throw .negativeLength(field: field, length: length) }
            return nil
        }
        guard Int(length) <= end - position else { throw .lengthBeyondRecord(field: field, length: length) }
        guard let slice = storage.getSlice(at: storage.readerIndex + position, length: Int(length)) else {
            throw .lengthBeyondRecord(field: field, length: length)
        }
        position += Int(length)
        return slice
    }
}
