/// The phases of a consumer group, with Kafka's names (as DescribeGroups reports them).
public enum ConsumerGroupState: String, Sendable {
    /// No members; committed offsets may still exist.
    case empty = "Empty"
    /// Waiting for every member to (re)join before a new generation starts.
    case preparingRebalance = "PreparingRebalance"
    /// Joined; waiting for the leader's assignment in SyncGroup.
    case completingRebalance = "CompletingRebalance"
    /// Every member has its assignment.
    case stable = "Stable"
}
