/// Why zlib could not compress or decompress a gzip stream.
public enum GzipError: Error, Hashable, Sendable {
    /// The compressed bytes are not a valid gzip stream; `detail` is zlib's explanation.
    case corruptInput(detail: String)
    /// The compressed bytes end before the stream does.
    case truncatedInput
    /// zlib refused the input or could not set itself up; `detail` says why.
    case libraryFailure(detail: String)
}

extension GzipError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .corruptInput(let detail): "gzip data is corrupt: \(detail)"
        case .truncatedInput: "gzip data is truncated"
        case .libraryFailure(let detail): "zlib failed: \(detail)"
        }
    }
}
