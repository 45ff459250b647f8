import NIOCore

/// A transaction marker: the one record of a control batch that ends a producer's transaction
/// in a partition (key: version and type; value: version and the coordinator's epoch).
public struct ControlRecord: Hashable, Sendable {
    /// Whether the transaction committed or aborted.
    public enum Kind: Int16, Sendable {
        case abort = 0
        case commit = 1
    }

    public var kind: Kind
    public var coordinatorEpoch: Int32

    public init(kind: Kind, coordinatorEpoch: Int32 = 0) {
        self.kind = kind
        self.coordinatorEpoch = coordinatorEpoch
    }

    /// The control batch carrying this marker for `producerId` at `producerEpoch`, ready to append.
    public func batch(producerId: Int64, producerEpoch: Int16, timestamp: Int64) -> ByteBuffer {
        var key = ByteBuffer()
        key.writeInteger(Int16(0))
        key.writeInteger(kind.rawValue)
        var value = ByteBuffer()
        value.writeInteger(Int16(0))
        value.writeInteger(coordinatorEpoch)
        let batch = RecordBatch(
            attributes: RecordBatchAttributes(compression: .none, isTransactional: true, isControl: true),
            baseTimestamp: timestamp,
            producerId: producerId,
            producerEpoch: producerEpoch,
            records: [Record(offsetDelta: 0, key: key, value: value)]
        )
        var bytes = ByteBuffer()
        // An uncompressed batch of one small record always encodes.
        try! batch.encode(into: &bytes, compression: .none)
        return bytes
    }

    /// The marker of an encoded control batch (its first record's key), nil when the batch is
    /// not a readable control batch.
    public init?(controlBatch bytes: ByteBuffer) {
        guard let batch = try? RecordBatch(decoding: bytes), batch.attributes.isControl,
            var key = batch.records.first?.key, key.readInteger(as: Int16.self) != nil,
            let raw = key.readInteger(as: Int16.self), let kind = Kind(rawValue: raw)
        else { return nil }
        var value = batch.records.first?.value
        _ = value?.readInteger(as: Int16.self)
        self.init(kind: kind, coordinatorEpoch: value?.readInteger(as: Int32.self) ?? 0)
    }
}
