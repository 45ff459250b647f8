import NIOCore

/// JoinGroup (API key 11): a member joins a group, offering the assignment protocols it supports.
public struct JoinGroupRequest: KafkaCodable {
    public struct AssignmentProtocol: KafkaCodable {
        public var name = ""
        public var metadata = ByteBuffer()

        public init() {}
        public init(name: String, metadata: ByteBuffer) {
            self.name = name
            self.metadata = metadata
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&name, "name")
            try coder.code(&metadata, "metadata")
        }
    }

    public var groupId = ""
    public var sessionTimeoutMs: Int32 = 10_000
    /// At version 0 the rebalance timeout is the session timeout.
    public var rebalanceTimeoutMs: Int32 = -1
    public var memberId = ""
    public var groupInstanceId: String?
    public var protocolType = ""
    public var protocols: [AssignmentProtocol] = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        try coder.code(&sessionTimeoutMs, "session_timeout_ms")
        if coder.version >= 1 { try coder.code(&rebalanceTimeoutMs, "rebalance_timeout_ms") }
        try coder.code(&memberId, "member_id")
        if coder.version >= 5 { try coder.code(&groupInstanceId, "group_instance_id") }
        try coder.code(&protocolType, "protocol_type")
        try coder.code(&protocols, "protocols")
    }
}
