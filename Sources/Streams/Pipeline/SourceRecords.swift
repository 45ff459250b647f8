import KafkaProtocol
import NIOCore

/// A run of records of one source partition as the log holds them, batch by batch: decoding reads
/// each value where it is (no `Record` and no `ByteBuffer` slice per record), and a `SourceRecord`
/// is made only for a record that goes to the dead-letter topic.
@usableFromInline
struct SourceRecords: Sendable {
    @usableFromInline let topic: String
    @usableFromInline let partition: Int32
    @usableFromInline let batches: [LocatedRecordBatch]
    /// Records before this offset are left out (a read may start inside a batch).
    @usableFromInline let startOffset: Int64
    /// Records from this offset on are left out (the end of a bounded source).
    @usableFromInline let endOffset: Int64

    init(
        topic: String,
        partition: Int32,
        batches: [LocatedRecordBatch],
        startOffset: Int64,
        endOffset: Int64 = .max
    ) {
        self.topic = topic
        self.partition = partition
        self.batches = batches
        self.startOffset = startOffset
        self.endOffset = endOffset
    }

    /// One record given in code (the test driver's).
    init(_ record: SourceRecord) {
        let batch = RecordBatch(
            baseOffset: record.offset,
            baseTimestamp: record.timestamp,
            records: [Record(offsetDelta: 0, key: record.key, value: record.value)]
        )
        var bytes = ByteBuffer()
        // An uncompressed batch of one record encodes and decodes without fail.
        try! batch.encode(into: &bytes)
        self.init(
            topic: record.topic,
            partition: record.partition,
            batches: [try! LocatedRecordBatch(decoding: bytes, verifyingChecksum: false)],
            startOffset: record.offset
        )
    }

    /// How many records the batches hold, those before `startOffset` included: room to reserve.
    @inlinable
    var recordCount: Int { batches.reduce(0) { $0 + $1.records.count } }

    /// Where a record is in the run, and its place in the log.
    @usableFromInline
    struct Position {
        @usableFromInline let batch: Int
        @usableFromInline let record: Int
        @usableFromInline let offset: Int64
        @usableFromInline let timestamp: Int64

        @inlinable
        init(batch: Int, record: Int, offset: Int64, timestamp: Int64) {
            self.batch = batch
            self.record = record
            self.offset = offset
            self.timestamp = timestamp
        }
    }

    /// Calls `body` with the value bytes (nil for a tombstone) of each record from `startOffset` up
    /// to `endOffset`, in order, and where the record is.
    ///
    /// The bytes are lent for the call: no record, and no reference to the batch's storage, is
    /// copied per record.
    @inlinable
    func forEachValue(_ body: (_ value: UnsafeRawBufferPointer?, _ position: Position) -> Void) {
        for batchIndex in batches.indices {
            let batch = batches[batchIndex]
            batch.recordBytes.withUnsafeReadableBytes { bytes in
                batch.records.withUnsafeBufferPointer { records in
                    for index in records.indices {
                        let offset = batch.offset(of: records[index])
                        guard offset >= startOffset, offset < endOffset else { continue }
                        let position = Position(
                            batch: batchIndex,
                            record: index,
                            offset: offset,
                            timestamp: batch.timestamp(of: records[index])
                        )
                        body(records[index].value.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) }, position)
                    }
                }
            }
        }
    }

    /// The record at `position` as a `SourceRecord`, for its dead letter.
    @inlinable
    func sourceRecord(at position: Position) -> SourceRecord {
        let batch = batches[position.batch]
        let record = batch.record(batch.records[position.record])
        return SourceRecord(
            topic: topic,
            partition: partition,
            offset: position.offset,
            timestamp: position.timestamp,
            key: record.key,
            value: record.value
        )
    }
}
