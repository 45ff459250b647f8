/// LeaveGroup (API key 13): members leave a group, which then rebalances at once.
public struct LeaveGroupRequest: KafkaCodable {
    public struct Member: KafkaCodable {
        public var memberId = ""
        public var groupInstanceId: String?

        public init() {}
        public init(memberId: String) { self.memberId = memberId }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&memberId, "member_id")
            try coder.code(&groupInstanceId, "group_instance_id")
        }
    }

    public var groupId = ""
    /// The one leaving member, up to version 2.
    public var memberId = ""
    /// The leaving members, from version 3.
    public var members: [Member] = []

    public init() {}

    /// The ids of the members leaving, whichever form the version uses.
    public func leavingMemberIds(version: Int16) -> [String] {
        version >= 3 ? members.map(\.memberId) : [memberId]
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groupId, "group_id")
        if coder.version >= 3 {
            try coder.code(&members, "members")
        } else {
            try coder.code(&memberId, "member_id")
        }
    }
}
