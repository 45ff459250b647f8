import NIOCore

/// The answer to JoinGroup once the rebalance completes; the leader also gets every member.
public struct JoinGroupResponse: KafkaCodable {
    public struct Member: KafkaCodable {
        public var memberId = ""
        public var groupInstanceId: String?
        public var metadata = ByteBuffer()

        public init() {}
        public init(memberId: String, groupInstanceId: String?, metadata: ByteBuffer) {
            self.memberId = memberId
            self.groupInstanceId = groupInstanceId
            self.metadata = metadata
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&memberId, "member_id")
            if coder.version >= 5 { try coder.code(&groupInstanceId, "group_instance_id") }
            try coder.code(&metadata, "metadata")
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var generationId: Int32 = -1
    public var protocolName = ""
    public var leader = ""
    public var memberId = ""
    public var members: [Member] = []

    public init() {}
    public init(
        errorCode: ErrorCode,
        generationId: Int32 = -1,
        protocolName: String = "",
        leader: String = "",
        memberId: String = "",
        members: [Member] = []
    ) {
        self.errorCode = errorCode.rawValue
        self.generationId = generationId
        self.protocolName = protocolName
        self.leader = leader
        self.memberId = memberId
        self.members = members
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 2 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
        try coder.code(&generationId, "generation_id")
        try coder.code(&protocolName, "protocol_name")
        try coder.code(&leader, "leader")
        try coder.code(&memberId, "member_id")
        try coder.code(&members, "members")
    }
}
