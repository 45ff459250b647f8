/// Finds where an HTTP/1.1 request head ends (its first empty line) in bytes arriving piecemeal,
/// counting the head's bytes, without parsing it.
struct RequestHeadScanner {
    /// Bytes of the head so far, including empty lines before the request line.
    private(set) var byteCount = 0
    // Empty lines before the request line are allowed (RFC 9112 §2.2), so only an empty line after
    // some content ends the head; a bare LF ends a line as CRLF does.
    private var headHasContent = false
    private var lineHasContent = false

    /// Reads `bytes` up to the end of the head; true once the head is complete. Bytes after its
    /// end (the body, or the next request) are not counted.
    mutating func scan(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            byteCount += 1
            switch byte {
            case UInt8(ascii: "\n"):
                if headHasContent, !lineHasContent { return true }
                lineHasContent = false
            case UInt8(ascii: "\r"):
                break
            default:
                lineHasContent = true
                headHasContent = true
            }
        }
        return false
    }
}
