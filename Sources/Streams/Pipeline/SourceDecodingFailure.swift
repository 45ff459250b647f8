/// A source record that could not be decoded, and why: what its dead letter says.
///
/// A class, so that a decoded chunk's `Result`s are as small as their values: failures are rare,
/// and a record inline would more than double the bytes of every outcome moved between threads.
@usableFromInline
final class SourceDecodingFailure: Error {
    @usableFromInline let record: SourceRecord
    @usableFromInline let reason: String

    @inlinable
    init(record: SourceRecord, reason: String) {
        self.record = record
        self.reason = reason
    }
}
