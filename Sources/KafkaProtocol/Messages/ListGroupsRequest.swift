/// ListGroups (API key 16): every group this broker coordinates. The request has no fields.
public struct ListGroupsRequest: KafkaCodable {
    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {}
}
