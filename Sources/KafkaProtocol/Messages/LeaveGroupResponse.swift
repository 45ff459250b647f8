/// The answer to LeaveGroup: an error code, and from version 3 one per member.
public struct LeaveGroupResponse: KafkaCodable {
    public struct Member: KafkaCodable {
        public var memberId = ""
        public var groupInstanceId: String?
        public var errorCode: Int16 = 0

        public init() {}
        public init(memberId: String, errorCode: ErrorCode) {
            self.memberId = memberId
            self.errorCode = errorCode.rawValue
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&memberId, "member_id")
            try coder.code(&groupInstanceId, "group_instance_id")
            try coder.code(&errorCode, "error_code")
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var members: [Member] = []

    public init() {}
    public init(errorCode: ErrorCode, members: [Member] = []) {
        self.errorCode = errorCode.rawValue
        self.members = members
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
        if coder.version >= 3 { try coder.code(&members, "members") }
    }
}
