/// How the pages of a file are compressed.
public enum ParquetCompression: Sendable, Hashable {
    /// Pages stored as encoded.
    case uncompressed
    /// Pages compressed as gzip streams (RFC 1952), through zlib.
    case gzip
}
