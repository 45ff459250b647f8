import KafkaProtocol
import NIOCore

extension RequestDispatcher {
    /// FindCoordinator: this broker coordinates every group.
    func findCoordinator(_ request: FindCoordinatorRequest) -> FindCoordinatorResponse {
        FindCoordinatorResponse(
            errorCode: .none,
            nodeId: configuration.nodeId,
            host: configuration.advertisedHost,
            port: Int32(configuration.port)
        )
    }

    /// JoinGroup: answered when the group's rebalance completes.
    func joinGroup(_ request: JoinGroupRequest, context: RequestContext) -> EventLoopFuture<JoinGroupResponse> {
        groups.join(
            request,
            client: .init(clientId: context.clientId, clientHost: context.clientHost),
            eventLoop: context.eventLoop
        )
    }

    /// SyncGroup: answered once the leader's assignment is in.
    func syncGroup(_ request: SyncGroupRequest, context: RequestContext) -> EventLoopFuture<SyncGroupResponse> {
        groups.sync(request, eventLoop: context.eventLoop)
    }

    /// LeaveGroup: the members go and the rest rebalance.
    func leaveGroup(_ request: LeaveGroupRequest, context: RequestContext) -> LeaveGroupResponse {
        let memberIds = request.leavingMemberIds(version: context.apiVersion)
        let errors = groups.leave(groupId: request.groupId, memberIds: memberIds)
        guard context.apiVersion >= 3 else {
            return LeaveGroupResponse(errorCode: errors.first ?? .none)
        }
        return LeaveGroupResponse(
            errorCode: .none,
            members: zip(memberIds, errors).map { .init(memberId: $0, errorCode: $1) }
        )
    }

    /// DescribeGroups: state and members of live groups; groups known only by their committed
    /// offsets are Empty, and others Dead, as Kafka reports them.
    func describeGroups(_ request: DescribeGroupsRequest) -> DescribeGroupsResponse {
        let withOffsets = Set(log.groupsWithCommittedOffsets())
        return DescribeGroupsResponse(
            groups: request.groups.map { groupId in
                guard let group = groups.group(groupId) else {
                    let state = withOffsets.contains(groupId) ? ConsumerGroupState.empty.rawValue : "Dead"
                    return .init(
                        errorCode: .none,
                        groupId: groupId,
                        groupState: state,
                        protocolType: withOffsets.contains(groupId) ? "consumer" : "",
                        protocolData: "",
                        members: []
                    )
                }
                return .init(
                    errorCode: .none,
                    groupId: groupId,
                    groupState: group.state.rawValue,
                    protocolType: group.protocolType ?? "",
                    protocolData: group.protocolName ?? "",
                    members: group.members.map {
                        .init(
                            memberId: $0.memberId,
                            clientId: $0.clientId,
                            clientHost: $0.clientHost,
                            memberMetadata: $0.metadata(for: group.protocolName ?? ""),
                            memberAssignment: $0.assignment
                        )
                    }
                )
            }
        )
    }

    /// ListGroups: live groups and groups with committed offsets.
    func listGroups() -> ListGroupsResponse {
        var protocolTypes: [String: String] = [:]
        for groupId in log.groupsWithCommittedOffsets() { protocolTypes[groupId] = "consumer" }
        for group in groups.activeGroups() { protocolTypes[group.groupId] = group.protocolType ?? "" }
        return ListGroupsResponse(
            groups: protocolTypes.keys.sorted().map { .init(groupId: $0, protocolType: protocolTypes[$0]!) }
        )
    }
}
