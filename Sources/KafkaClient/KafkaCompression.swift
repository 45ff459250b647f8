/// How a producer compresses its record batches before sending them.
public enum KafkaCompression: String, Sendable, CaseIterable {
    case none
    case gzip
    case snappy
    case lz4
    case zstd
}
