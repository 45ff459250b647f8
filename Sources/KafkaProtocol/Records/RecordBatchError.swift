/// Why a RecordBatch could not be encoded or decoded.
public enum RecordBatchError: Error, Hashable, Sendable {
    /// Fewer bytes are available than the batch needs.
    case truncated(needed: Int, available: Int)
    /// The batch is not magic 2 (the older message-set formats are not supported).
    case unsupportedMagic(Int8)
    /// `batchLength` is too small to hold the batch header.
    case invalidBatchLength(Int32)
    /// The CRC-32C stored in the batch differs from the one computed over its bytes.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// The attributes name a compression codec this broker does not know.
    case unknownCompression(attributes: Int16)
    /// The record count is negative.
    case invalidRecordCount(Int32)
    /// A record could not be parsed; `index` counts from 0 within the batch.
    case malformedRecord(index: Int, reason: String)
    /// Bytes remain after the last record the batch announced.
    case trailingBytes(count: Int)
    /// A record's offset delta is not its position in the batch (0, 1, 2, ...).
    case offsetDeltaOutOfSequence(index: Int, offsetDelta: Int32)
    /// Compressing or decompressing the records failed.
    case compression(CompressionError)
    /// The encoded batch would exceed the largest size the format can express.
    case batchTooLarge(size: Int)
}

extension RecordBatchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated(let needed, let available):
            "record batch truncated: needs \(needed) bytes, \(available) available"
        case .unsupportedMagic(let magic): "record batch magic \(magic) is not supported (only 2)"
        case .invalidBatchLength(let length): "record batch length \(length) is too small for its header"
        case .checksumMismatch(let stored, let computed):
            "record batch CRC mismatch: stored \(hex(stored)), computed \(hex(computed))"
        case .unknownCompression(let attributes): "record batch attributes \(attributes) name an unknown codec"
        case .invalidRecordCount(let count): "record batch record count \(count) is negative"
        case .malformedRecord(let index, let reason): "record \(index) of the batch is malformed: \(reason)"
        case .trailingBytes(let count): "record batch has \(count) bytes after its last record"
        case .offsetDeltaOutOfSequence(let index, let offsetDelta):
            "record \(index) of the batch has offset delta \(offsetDelta), expected \(index)"
        case .compression(let error): "record batch \(error)"
        case .batchTooLarge(let size): "record batch of \(size) bytes is too large to encode"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
