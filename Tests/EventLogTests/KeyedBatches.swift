import EventLog
import KafkaProtocol
import NIOCore

/// Record batches of keyed records, as a compacted topic takes them, encoded by `RecordBatch`.
enum KeyedBatches {
    /// One batch of `entries` (key, value; a nil value is a tombstone; a nil key has none).
    static func batch(
        _ entries: [(key: String?, value: String?)],
        timestamp: Int64 = 1_700_000_000_000,
        compression: CompressionCodec = .none
    ) -> ByteBuffer {
        let records = entries.enumerated().map { index, entry in
            Record(
                timestampDelta: Int64(index),
                offsetDelta: Int32(index),
                key: entry.key.map { ByteBuffer(string: $0) },
                value: entry.value.map { ByteBuffer(string: $0) }
            )
        }
        var bytes = ByteBuffer()
        try! RecordBatch(baseTimestamp: timestamp, records: records).encode(into: &bytes, compression: compression)
        return bytes
    }

    /// Every record readable from `offset` on, as (offset, key, value), batch by batch.
    static func records(
        of partition: any PartitionLog,
        from offset: Int64
    ) throws -> [(offset: Int64, key: String?, value: String?)] {
        var result: [(offset: Int64, key: String?, value: String?)] = []
        var next = offset
        while next < partition.latestOffset {
            let bytes = try partition.read(from: next, maxBytes: 1 << 20).records
            guard bytes.readableBytes > 0 else { break }
            var iterator = RecordBatchIterator(bytes)
            while let (header, encoded) = try iterator.nextEncodedBatch() {
                let batch = try RecordBatch(decoding: encoded)
                for record in batch.records where batch.offset(of: record) >= offset {
                    result.append(
                        (
                            batch.offset(of: record),
                            record.key.map { String(buffer: $0) },
                            record.value.map { String(buffer: $0) }
                        )
                    )
                }
                next = header.lastOffset + 1
            }
        }
        return result
    }
}
