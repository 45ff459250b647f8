/// Which timestamp a topic keeps (`message.timestamp.type`): the producer's, or the broker's at append.
public enum TimestampType: String, Sendable, Hashable, Codable, CaseIterable {
    case createTime = "CreateTime"
    /// The broker stamps each batch with its append time and sets the batch's timestamp-type bit.
    case logAppendTime = "LogAppendTime"
}
