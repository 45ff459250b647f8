/// The compression codecs a RecordBatch may declare in its attributes.
public enum CompressionCodec: Int8, CaseIterable, Sendable {
    case none = 0
    case gzip = 1
    case snappy = 2
    case lz4 = 3
    case zstd = 4
}
