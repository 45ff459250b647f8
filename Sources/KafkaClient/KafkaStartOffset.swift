import CRdKafka

/// Where a consumer starts reading an assigned partition.
public enum KafkaStartOffset: Sendable, Hashable {
    /// The earliest message still kept.
    case beginning
    /// The next message to be produced, so only new messages are read.
    case end
    /// A given offset.
    case offset(Int64)

    var nativeOffset: Int64 {
        switch self {
        case .beginning: Int64(RD_KAFKA_OFFSET_BEGINNING)
        case .end: Int64(RD_KAFKA_OFFSET_END)
        case .offset(let offset): offset
        }
    }
}
