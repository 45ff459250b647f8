import NIOCore

/// SyncGroup (API key 14): the leader hands in every member's assignment; each member gets its own.
public struct SyncGroupRequest: KafkaCodable {
    public struct Assignment: KafkaCodable {
        public var memberId = ""
        public var assignment = ByteBuffer()

        public init() {}
        public init(memberId: String, assignment: ByteBuffer) {
            self.memberId = memberId
            self.assignment = assignment
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&memberId, "member_id")
            try coder.code(&assignment, "assignment")
        }
    }

    public var groupId = ""
    public var generationId: Int32 = -1
    public var memberId = ""
    public var groupInstanceId: String?
    /// Empty except from the leader.
    public var assignments: [Assignment] = []

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        try coder.code(&generationId, "generation_id")
        try coder.code(&memberId, "member_id")
        if coder.version >= 3 { try coder.code(&groupInstanceId, "group_instance_id") }
        try coder.code(&assignments, "assignments")
    }
}
