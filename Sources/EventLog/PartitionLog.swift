import NIOCore

/// One partition of a topic in Kafka's vocabulary: an ordered log of record batches addressed by offset.
///
/// The stream processor reads and writes through this protocol so that it can run against the
/// embedded file log or, later, a partition of an external Kafka cluster.
public protocol PartitionLog: AnyObject, Sendable {
    /// The topic and partition number.
    var topicPartition: TopicPartition { get }

    /// Appends complete RecordBatch v2 batches; the log assigns their offsets. Callers that need
    /// no offsets (loaders, tests) may ignore the result.
    @discardableResult
    func append(_ batches: ByteBuffer) throws(EventLogError) -> AppendResult

    /// Reads whole batches from the one containing `offset`, about `maxBytes` but at least one batch.
    func read(from offset: Int64, maxBytes: Int) throws(EventLogError) -> ReadResult

    /// The first offset still in the log (Kafka's log start offset).
    var earliestOffset: Int64 { get }

    /// The offset the next record will get (Kafka's log end offset).
    var latestOffset: Int64 { get }

    /// The first offset whose record is stamped at or after `timestamp` (ListOffsets); nil if none is.
    func offset(forTimestamp timestamp: Int64) throws(EventLogError) -> Int64?

    /// Calls `callback` once, as soon as a record at `offset` or later exists (at once if it does).
    @discardableResult
    func notifyWhenAvailable(
        at offset: Int64,
        _ callback: @escaping @Sendable () -> Void
    ) -> DataAvailabilityToken

    /// Forgets a pending notification so its callback is never called; harmless if it already fired.
    func cancelNotification(_ token: DataAvailabilityToken)
}
