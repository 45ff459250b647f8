/// Heartbeat (API key 12): a member says it is alive and learns whether a rebalance began.
public struct HeartbeatRequest: KafkaCodable {
    public var groupId = ""
    public var generationId: Int32 = -1
    public var memberId = ""
    public var groupInstanceId: String?

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        try coder.code(&generationId, "generation_id")
        try coder.code(&memberId, "member_id")
        if coder.version >= 3 { try coder.code(&groupInstanceId, "group_instance_id") }
    }
}
