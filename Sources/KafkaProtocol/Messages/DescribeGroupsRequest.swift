/// DescribeGroups (API key 15): state, protocol and members of groups.
public struct DescribeGroupsRequest: KafkaCodable {
    public var groups: [String] = []
    public var includeAuthorizedOperations = false

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&groups, "groups")
        if coder.version >= 3 { try coder.code(&includeAuthorizedOperations, "include_authorized_operations") }
    }
}
