import CZlib
import NIOCore

/// Kafka's message formats before record batches (magic 0 and 1), which Produce before version
/// 3 and Fetch before version 4 carry, and which Kafka 3.x still converts to and from for old
/// clients (sarama's defaults, kafka-go 0.2, monitors).
///
/// A message set is a sequence of `offset int64, size int32, crc uint32, magic int8,
/// attributes int8, [timestamp int64 (magic 1)], key bytes, value bytes`; a compressed message
/// is a wrapper whose value is a compressed message set (KIP-31 made inner offsets of magic 1
/// relative). The broker stores record batches only: produced sets become one uncompressed
/// batch, fetched batches are written back as uncompressed messages.
public enum LegacyMessageSet {
    /// One message, unwrapped from any compression.
    public struct Message: Hashable, Sendable {
        public var offset: Int64
        /// -1 for magic 0, which has no timestamp.
        public var timestamp: Int64
        public var key: ByteBuffer?
        public var value: ByteBuffer?

        public init(offset: Int64, timestamp: Int64, key: ByteBuffer?, value: ByteBuffer?) {
            self.offset = offset
            self.timestamp = timestamp
            self.key = key
            self.value = value
        }
    }

    /// What decoding a set found besides its messages.
    public struct Decoded: Sendable {
        public var messages: [Message] = []
        /// The codec of the first compressed wrapper, if any.
        public var codec: CompressionCodec?
        /// Bytes at the end that do not form a whole message.
        public var partialTailBytes = 0
    }

    /// The messages of a set, in order, compressed wrappers opened (not nested further, as in
    /// Kafka); a partial message at the end is ignored, as clients' fetch sizes cut sets anywhere.
    /// All wrappers together decompress to at most `maximumDecompressedSize` bytes.
    public static func decode(
        _ bytes: ByteBuffer,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize
    ) throws(RecordBatchError) -> [Message] {
        try decodeSet(bytes, maximumDecompressedSize: maximumDecompressedSize).messages
    }

    /// Decodes as `decode(_:maximumDecompressedSize:)` does, saying also what it left aside.
    public static func decodeSet(
        _ bytes: ByteBuffer,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize
    ) throws(RecordBatchError) -> Decoded {
        var decoded = Decoded()
        var budget = maximumDecompressedSize
        try decode(bytes, into: &decoded, budget: &budget, isInner: false)
        return decoded
    }

    private static func decode(
        _ bytes: ByteBuffer,
        into decoded: inout Decoded,
        budget: inout Int,
        isInner: Bool
    ) throws(RecordBatchError) {
        var buffer = bytes
        while buffer.readableBytes > 0 {
            guard buffer.readableBytes >= 12 else {
                if !isInner { decoded.partialTailBytes = buffer.readableBytes }
                return
            }
            let offset = buffer.readInteger(as: Int64.self)!
            let size = Int(buffer.readInteger(as: Int32.self)!)
            guard size >= 14 else { throw .invalidBatchLength(Int32(truncatingIfNeeded: size)) }
            guard var message = buffer.readSlice(length: size) else {
                if !isInner { decoded.partialTailBytes = buffer.readableBytes + 12 }
                return
            }
            let storedChecksum = message.readInteger(as: UInt32.self)!
            let computed = message.withUnsafeReadableBytes { bytes in
                UInt32(crc32(0, bytes.bindMemory(to: UInt8.self).baseAddress, uInt(bytes.count)))
            }
            guard computed == storedChecksum else {
                throw .checksumMismatch(stored: storedChecksum, computed: computed)
            }
            let magic = message.readInteger(as: Int8.self)!
            guard magic == 0 || magic == 1 else { throw .unsupportedMagic(magic) }
            let attributes = message.readInteger(as: Int8.self)!
            var timestamp: Int64 = -1
            if magic == 1 {
                guard let value = message.readInteger(as: Int64.self) else {
                    throw .truncated(needed: 8, available: message.readableBytes)
                }
                timestamp = value
            }
            let key = try readBytes(&message)
            let value = try readBytes(&message)
            guard message.readableBytes == 0 else { throw .trailingBytes(count: message.readableBytes) }
            let codecBits = attributes & 0x07
            guard codecBits != 0 else {
                decoded.messages.append(Message(offset: offset, timestamp: timestamp, key: key, value: value))
                continue
            }
            guard !isInner, let codec = CompressionCodec(rawValue: codecBits), let value else {
                throw .unknownCompression(attributes: Int16(attributes))
            }
            let inner: ByteBuffer
            do {
                inner = try codec.decompress(value, maximumDecompressedSize: budget)
            } catch {
                throw .compression(error)
            }
            budget -= inner.readableBytes
            if decoded.codec == nil { decoded.codec = codec }
            let first = decoded.messages.count
            try decode(inner, into: &decoded, budget: &budget, isInner: true)
            // Magic 1 wrappers carry the last inner offset; inner offsets count from 0 (KIP-31).
            if magic == 1, decoded.messages.count > first {
                let lastRelative = decoded.messages[decoded.messages.count - 1].offset
                for index in first..<decoded.messages.count { decoded.messages[index].offset += offset - lastRelative }
            }
        }
    }

    private static func readBytes(_ message: inout ByteBuffer) throws(RecordBatchError) -> ByteBuffer? {
        guard let length = message.readInteger(as: Int32.self) else {
            throw .truncated(needed: 4, available: message.readableBytes)
        }
        guard length >= 0 else { return nil }
        guard let bytes = message.readSlice(length: Int(length)) else {
            throw .truncated(needed: Int(length), available: message.readableBytes)
        }
        return bytes
    }

    /// A produced message set as one record batch (magic 2), compressed with the set's codec as
    /// Kafka keeps it, offsets counted from 0 in the set's order; messages without a timestamp
    /// keep -1, as Kafka converts them. A partial message at the end is refused: a producer
    /// sends whole messages.
    public static func recordBatch(
        fromProduced bytes: ByteBuffer,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize
    ) throws(RecordBatchError) -> ByteBuffer {
        let decoded = try decodeSet(bytes, maximumDecompressedSize: maximumDecompressedSize)
        guard decoded.partialTailBytes == 0 else { throw .trailingBytes(count: decoded.partialTailBytes) }
        let messages = decoded.messages
        guard !messages.isEmpty else { throw .invalidRecordCount(0) }
        let baseTimestamp = messages[0].timestamp
        let batch = RecordBatch(
            baseTimestamp: baseTimestamp,
            records: messages.enumerated().map { index, message in
                Record(
                    timestampDelta: message.timestamp &- baseTimestamp,
                    offsetDelta: Int32(index),
                    key: message.key,
                    value: message.value
                )
            }
        )
        var buffer = ByteBuffer()
        try batch.encode(into: &buffer, compression: decoded.codec ?? .none)
        return buffer
    }

    /// The records of the record batches in `batches` written as uncompressed messages of
    /// `magic` (0 or 1), each with its absolute offset. Control batches (transaction markers)
    /// are left out: old consumers know nothing of them.
    public static func encode(
        batches: ByteBuffer,
        magic: Int8,
        maximumDecompressedSize: Int = RecordBatch.defaultMaximumDecompressedSize
    ) throws(RecordBatchError) -> ByteBuffer {
        var output = ByteBuffer()
        var iterator = RecordBatchIterator(batches, maximumDecompressedSize: maximumDecompressedSize)
        while let batch = try iterator.next() {
            guard !batch.attributes.isControl else { continue }
            for record in batch.records {
                let message = Message(
                    offset: batch.offset(of: record),
                    timestamp: batch.timestamp(of: record),
                    key: record.key,
                    value: record.value
                )
                write(message, magic: magic, into: &output)
            }
        }
        return output
    }

    /// Appends one uncompressed message with its offset and size.
    public static func write(_ message: Message, magic: Int8, into output: inout ByteBuffer) {
        var body = ByteBuffer()
        body.writeInteger(magic)
        body.writeInteger(Int8(0))
        if magic == 1 { body.writeInteger(message.timestamp) }
        for field in [message.key, message.value] {
            if var bytes = field {
                body.writeInteger(Int32(bytes.readableBytes))
                body.writeBuffer(&bytes)
            } else {
                body.writeInteger(Int32(-1))
            }
        }
        let checksum = body.withUnsafeReadableBytes { bytes in
            UInt32(crc32(0, bytes.bindMemory(to: UInt8.self).baseAddress, uInt(bytes.count)))
        }
        output.writeInteger(message.offset)
        output.writeInteger(Int32(4 + body.readableBytes))
        output.writeInteger(checksum)
        output.writeBuffer(&body)
    }
}
