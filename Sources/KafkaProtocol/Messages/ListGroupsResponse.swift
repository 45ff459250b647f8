/// The answer to ListGroups.
public struct ListGroupsResponse: KafkaCodable {
    public struct Group: KafkaCodable {
        public var groupId = ""
        public var protocolType = ""

        public init() {}
        public init(groupId: String, protocolType: String) {
            self.groupId = groupId
            self.protocolType = protocolType
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&groupId, "group_id")
            try coder.code(&protocolType, "protocol_type")
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var groups: [Group] = []

    public init() {}
    public init(groups: [Group]) { self.groups = groups }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
        try coder.code(&groups, "groups")
    }
}
