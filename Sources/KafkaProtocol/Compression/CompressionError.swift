/// Why compressing or decompressing a records section failed.
public enum CompressionError: Error, Hashable, Sendable {
    /// The compressed bytes are not valid for the codec; `detail` is the library's explanation.
    case corruptInput(codec: CompressionCodec, detail: String)
    /// The compressed bytes end before the stream does.
    case truncatedInput(codec: CompressionCodec)
    /// Decompressing would produce more than the allowed number of bytes.
    case decompressedSizeLimitExceeded(codec: CompressionCodec, limit: Int)
    /// The library refused to compress or could not set itself up; `detail` says why.
    case libraryFailure(codec: CompressionCodec, detail: String)
}

extension CompressionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .corruptInput(let codec, let detail): "\(codec) data is corrupt: \(detail)"
        case .truncatedInput(let codec): "\(codec) data is truncated"
        case .decompressedSizeLimitExceeded(let codec, let limit):
            "\(codec) data decompresses to more than the limit of \(limit) bytes"
        case .libraryFailure(let codec, let detail): "\(codec) library failure: \(detail)"
        }
    }
}
