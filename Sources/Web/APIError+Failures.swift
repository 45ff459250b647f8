import EventLog
import Foundation
import Hummingbird

extension APIError {
    /// Kafka's KAFKA_STORAGE_ERROR, the code of every storage failure of the event log.
    private static let kafkaStorageError: Int16 = 56

    /// The answer to a failure that no route turned into an answer of its own: a full disk is
    /// 507, another storage failure 503 (both retryable once the operator acts), anything else 500.
    public init(unexpected error: any Error) {
        switch error {
        case EventLogError.diskFull:
            self.init(
                .init(code: 507, reasonPhrase: "Insufficient Storage"),
                "the disk is full: nothing was stored; try again once space is freed"
            )
        case let failure as EventLogError where failure.kafkaErrorCode == Self.kafkaStorageError:
            self.init(.serviceUnavailable, "storage is unavailable (\(failure)); nothing was stored")
        default:
            self.init(.internalServerError, "internal error; the server log has the details")
        }
    }
}
