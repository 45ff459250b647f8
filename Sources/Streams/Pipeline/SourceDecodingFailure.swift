/// Why a source record could not be decoded: the reason its dead letter gives.
@usableFromInline
struct SourceDecodingFailure: Error {
    @usableFromInline let reason: String

    @inlinable
    init(reason: String) {
        self.reason = reason
    }
}
