import NIOCore

/// Sink records of one checkpoint for one partition, encoded once as the RecordBatch that is
/// appended.
///
/// The checkpoint file keeps the bytes after its JSON part as they are (see `CheckpointStore`):
/// writing them costs no Base64 and no per-record encoding, and the same buffer is appended.
struct SinkBatch: Codable, Hashable {
    var topic: String
    var partition: Int32
    /// How many records the batch holds: what a restart subtracts from the records already there.
    var recordCount: Int
    /// The length of `bytes`, which the JSON part of a checkpoint holds in their place.
    let byteCount: Int
    /// The encoded RecordBatch, its offsets relative to 0 (the log assigns them on append).
    var bytes = ByteBuffer()

    init(topic: String, partition: Int32, recordCount: Int, bytes: ByteBuffer) {
        self.topic = topic
        self.partition = partition
        self.recordCount = recordCount
        self.byteCount = bytes.readableBytes
        self.bytes = bytes
    }

    /// In the sorted order checkpoints are written in, so the encoder has nothing to reorder;
    /// the bytes themselves follow the JSON.
    private enum CodingKeys: String, CodingKey {
        case byteCount, partition, recordCount, topic
    }
}
