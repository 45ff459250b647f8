import NIOCore

/// The answer to DescribeGroups.
public struct DescribeGroupsResponse: KafkaCodable {
    public struct Member: KafkaCodable {
        public var memberId = ""
        public var groupInstanceId: String?
        public var clientId = ""
        public var clientHost = ""
        public var memberMetadata = ByteBuffer()
        public var memberAssignment = ByteBuffer()

        public init() {}
        public init(
            memberId: String,
            clientId: String,
            clientHost: String,
            memberMetadata: ByteBuffer,
            memberAssignment: ByteBuffer
        ) {
            self.memberId = memberId
            self.clientId = clientId
            self.clientHost = clientHost
            self.memberMetadata = memberMetadata
            self.memberAssignment = memberAssignment
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&memberId, "member_id")
            if coder.version >= 4 { try coder.code(&groupInstanceId, "group_instance_id") }
            try coder.code(&clientId, "client_id")
            try coder.code(&clientHost, "client_host")
            try coder.code(&memberMetadata, "member_metadata")
            try coder.code(&memberAssignment, "member_assignment")
        }
    }

    public struct Group: KafkaCodable {
        public var errorCode: Int16 = 0
        public var groupId = ""
        /// "Empty", "PreparingRebalance", "CompletingRebalance", "Stable" or "Dead".
        public var groupState = ""
        public var protocolType = ""
        public var protocolData = ""
        public var members: [Member] = []
        public var authorizedOperations: Int32 = Int32.min

        public init() {}
        public init(
            errorCode: ErrorCode,
            groupId: String,
            groupState: String,
            protocolType: String,
            protocolData: String,
            members: [Member]
        ) {
            self.errorCode = errorCode.rawValue
            self.groupId = groupId
            self.groupState = groupState
            self.protocolType = protocolType
            self.protocolData = protocolData
            self.members = members
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&errorCode, "error_code")
            try coder.code(&groupId, "group_id")
            try coder.code(&groupState, "group_state")
            try coder.code(&protocolType, "protocol_type")
            try coder.code(&protocolData, "protocol_data")
            try coder.code(&members, "members")
            if coder.version >= 3 { try coder.code(&authorizedOperations, "authorized_operations") }
        }
    }

    public var throttleTimeMs: Int32 = 0
    public var groups: [Group] = []

    public init() {}
    public init(groups: [Group]) { self.groups = groups }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&groups, "groups")
    }
}
