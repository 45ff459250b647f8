import KafkaProtocol
import NIOCore

extension RequestDispatcher {
    /// FindCoordinator: this broker coordinates every group (and transaction). Version 4
    /// asks for several keys at once and gets one answer per key.
    func findCoordinator(_ request: FindCoordinatorRequest, context: RequestContext) -> FindCoordinatorResponse {
        let host = configuration.advertisedHost
        let port = Int32(context.listenerPort)
        return FindCoordinatorResponse(
            nodeId: configuration.nodeId,
            host: host,
            port: port,
            coordinators: request.coordinatorKeys.map {
                .init(key: $0, nodeId: configuration.nodeId, host: host, port: port)
            }
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
        // Version 3 (KIP-345) leaves a batch of members; earlier versions one.
        let leaving: [(memberId: String, instanceId: String?)] =
            context.apiVersion >= 3
            ? request.members.map { ($0.memberId, $0.groupInstanceId) } : [(request.memberId, nil)]
        let errors = groups.leave(groupId: request.groupId, members: leaving)
        guard context.apiVersion >= 3 else {
            return LeaveGroupResponse(errorCode: (errors.first ?? .none).rawValue)
        }
        return LeaveGroupResponse(
            members: zip(request.members, errors).map {
                .init(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId, errorCode: $1.rawValue)
            }
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
                        groupId: groupId,
                        groupState: state,
                        protocolType: withOffsets.contains(groupId) ? "consumer" : "",
                        protocolData: "",
                        members: []
                    )
                }
                return .init(
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

    /// ListGroups: live groups and groups with committed offsets (Empty), those in
    /// `statesFilter` only when it names any (version 4, KIP-518).
    func listGroups(_ request: ListGroupsRequest) -> ListGroupsResponse {
        var listed: [String: ListGroupsResponse.ListedGroup] = [:]
        for groupId in log.groupsWithCommittedOffsets() {
            listed[groupId] = .init(
                groupId: groupId,
                protocolType: "consumer",
                groupState: ConsumerGroupState.empty.rawValue,
                groupType: "classic"
            )
        }
        for group in groups.activeGroups() {
            listed[group.groupId] = .init(
                groupId: group.groupId,
                protocolType: group.protocolType ?? "",
                groupState: group.state.rawValue,
                groupType: "classic"
            )
        }
        let states = Set(request.statesFilter.map { $0.lowercased() })
        return ListGroupsResponse(
            groups: listed.keys.sorted().compactMap { groupId in
                let group = listed[groupId]!
                return states.isEmpty || states.contains(group.groupState.lowercased()) ? group : nil
            }
        )
    }
}
