import KafkaProtocol
import NIOCore

/// The group membership protocol of one consumer group, as a state machine without I/O.
///
/// Every input (join, sync, heartbeat, leave, the passage of time) returns the answers it makes
/// ready as `Action`s; the caller owns the connections and delivers them. Assignment stays with the
/// clients, as in Kafka: the coordinator elects a leader, relays every member's metadata to it,
/// and hands each member what the leader assigned.
public struct ConsumerGroup: Sendable {
    /// Identifies a request whose answer is deferred until the group makes progress.
    public typealias RequestToken = UInt64

    /// An answer the caller must now send.
    public enum Action: Sendable {
        case answerJoin(RequestToken, JoinGroupResponse)
        case answerSync(RequestToken, SyncGroupResponse)
    }

    /// Who is asking, for member ids and DescribeGroups.
    public struct Client: Sendable {
        public var clientId: String
        public var clientHost: String

        public init(clientId: String, clientHost: String) {
            self.clientId = clientId
            self.clientHost = clientHost
        }
    }

    /// Limits and delays, as Kafka's group.* broker settings.
    public struct Configuration: Sendable {
        public var minimumSessionTimeoutMs: Int64 = 1_000
        public var maximumSessionTimeoutMs: Int64 = 1_800_000
        /// How long a new group waits for more members before its first generation, so that
        /// consumers started together share one rebalance (group.initial.rebalance.delay.ms).
        public var initialRebalanceDelayMs: Int64 = 300

        public init() {}
    }

    public let groupId: String
    public let configuration: Configuration
    public private(set) var state: ConsumerGroupState = .empty
    public private(set) var generationId: Int32 = 0
    public private(set) var protocolType: String?
    public private(set) var protocolName: String?
    public private(set) var leaderId: String?
    /// Members in the order they joined; the order makes leader election deterministic.
    public private(set) var members: [ConsumerGroupMember] = []
    /// When the current rebalance gives up on members that have not rejoined.
    private var rebalanceDeadlineMs: Int64?
    /// When a group that was empty may complete its first join.
    private var initialDelayEndsMs: Int64?
    private var nextMemberNumber = 0

    public init(groupId: String, configuration: Configuration = Configuration()) {
        self.groupId = groupId
        self.configuration = configuration
    }

    private func index(of memberId: String) -> Int? {
        members.firstIndex { $0.memberId == memberId }
    }

    /// Whether `memberId` belongs to the group now.
    public func hasMember(_ memberId: String) -> Bool { index(of: memberId) != nil }

    // MARK: JoinGroup

    /// A member joins or rejoins; its answer comes back as an action once the rebalance completes.
    public mutating func join(
        _ request: JoinGroupRequest,
        token: RequestToken,
        client: Client,
        nowMs: Int64
    ) -> [Action] {
        func reject(_ error: ErrorCode) -> [Action] {
            [.answerJoin(token, JoinGroupResponse(errorCode: error.rawValue, memberId: request.memberId))]
        }
        let sessionTimeout = Int64(request.sessionTimeoutMs)
        guard sessionTimeout >= configuration.minimumSessionTimeoutMs,
            sessionTimeout <= configuration.maximumSessionTimeoutMs
        else { return reject(.invalidSessionTimeout) }
        guard !request.protocolType.isEmpty, !request.protocols.isEmpty else {
            return reject(.inconsistentGroupProtocol)
        }
        if !members.isEmpty {
            guard request.protocolType == protocolType else { return reject(.inconsistentGroupProtocol) }
            let offered = Set(request.protocols.map(\.name))
            if let common = commonProtocols(excluding: request.memberId), common.isDisjoint(with: offered) {
                return reject(.inconsistentGroupProtocol)
            }
        }

        var actions: [Action] = []
        var memberId: String
        if let instanceId = request.groupInstanceId,
            let existing = members.firstIndex(where: { $0.groupInstanceId == instanceId }),
            members[existing].memberId != request.memberId
        {
            // KIP-345: a static member's old id is fenced; a restarted one (no id) takes over
            // its place, keeping the group's generation and assignment when nothing changed.
            guard request.memberId.isEmpty else { return reject(.fencedInstanceId) }
            let previous = members[existing]
            actions += answerPendingRequests(of: previous, with: .fencedInstanceId)
            memberId = newMemberId(client: client)
            members[existing].memberId = memberId
            members[existing].pendingJoin = nil
            members[existing].pendingSync = nil
            members[existing].lastSeenMs = nowMs
            if leaderId == previous.memberId { leaderId = memberId }
            let sameProtocols =
                previous.protocols.map(\.name) == request.protocols.map(\.name)
                && zip(previous.protocols, request.protocols).allSatisfy { $0.metadata == $1.metadata }
            if state == .stable, sameProtocols {
                let isLeader = leaderId == memberId
                let chosen = protocolName ?? ""
                actions.append(
                    .answerJoin(
                        token,
                        JoinGroupResponse(
                            generationId: generationId,
                            protocolType: protocolType,
                            protocolName: chosen,
                            leader: leaderId ?? "",
                            skipAssignment: isLeader,
                            memberId: memberId,
                            members: isLeader ? memberList(protocolName: chosen) : []
                        )
                    )
                )
                return actions
            }
        } else if request.memberId.isEmpty {
            memberId = newMemberId(client: client)
            members.append(
                ConsumerGroupMember(
                    memberId: memberId,
                    groupInstanceId: request.groupInstanceId,
                    clientId: client.clientId,
                    clientHost: client.clientHost,
                    sessionTimeoutMs: sessionTimeout,
                    rebalanceTimeoutMs: Int64(
                        request.rebalanceTimeoutMs > 0 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs
                    ),
                    protocols: [],
                    lastSeenMs: nowMs
                )
            )
        } else {
            guard index(of: request.memberId) != nil else { return reject(.unknownMemberId) }
            memberId = request.memberId
        }
        let position = index(of: memberId)!
        if let previous = members[position].pendingJoin {
            // A client that re-sends JoinGroup abandons its earlier request; answer it so its
            // connection is not left with a request that never completes.
            actions.append(
                .answerJoin(
                    previous,
                    JoinGroupResponse(errorCode: ErrorCode.rebalanceInProgress.rawValue, memberId: memberId)
                )
            )
        }
        members[position].protocols = request.protocols.map { ($0.name, $0.metadata) }
        members[position].sessionTimeoutMs = sessionTimeout
        members[position].lastSeenMs = nowMs
        members[position].pendingJoin = token
        protocolType = request.protocolType

        if state != .preparingRebalance {
            actions += prepareRebalance(nowMs: nowMs)
        }
        actions += completeJoinIfReady(nowMs: nowMs)
        return actions
    }

    /// A fresh member id: the client id, a counter and a random part, as Kafka makes them unique.
    private mutating func newMemberId(client: Client) -> String {
        nextMemberNumber += 1
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return "\(client.clientId.isEmpty ? "member" : client.clientId)-\(nextMemberNumber)-\(random)"
    }

    /// Every member with its metadata for `protocolName`, as the leader receives them.
    private func memberList(protocolName: String) -> [JoinGroupResponse.JoinGroupResponseMember] {
        members.map {
            JoinGroupResponse.JoinGroupResponseMember(
                memberId: $0.memberId,
                groupInstanceId: $0.groupInstanceId,
                metadata: $0.metadata(for: protocolName)
            )
        }
    }

    /// The protocols every other member supports; nil when no other member constrains the choice.
    private func commonProtocols(excluding excluded: String) -> Set<String>? {
        let others = members.filter { $0.memberId != excluded && !$0.protocols.isEmpty }
        guard let first = others.first else { return nil }
        return others.dropFirst().reduce(Set(first.protocols.map(\.name))) {
            $0.intersection($1.protocols.map(\.name))
        }
    }

    private mutating func prepareRebalance(nowMs: Int64) -> [Action] {
        var actions: [Action] = []
        // Members waiting in SyncGroup belong to a generation that is now abandoned.
        for position in members.indices {
            if let sync = members[position].pendingSync {
                actions.append(.answerSync(sync, SyncGroupResponse(errorCode: ErrorCode.rebalanceInProgress.rawValue)))
                members[position].pendingSync = nil
            }
        }
        if state == .empty {
            initialDelayEndsMs = nowMs + configuration.initialRebalanceDelayMs
        }
        state = .preparingRebalance
        let longest = members.map(\.rebalanceTimeoutMs).max() ?? 0
        rebalanceDeadlineMs = nowMs + longest
        return actions
    }

    /// Completes the join phase once every member has rejoined (or the deadline removed the rest).
    private mutating func completeJoinIfReady(nowMs: Int64) -> [Action] {
        guard state == .preparingRebalance else { return [] }
        if let delayEnds = initialDelayEndsMs, nowMs < delayEnds { return [] }
        let everyoneRejoined = members.allSatisfy { $0.pendingJoin != nil }
        let deadlinePassed = rebalanceDeadlineMs.map { nowMs >= $0 } ?? true
        guard everyoneRejoined || deadlinePassed else { return [] }

        members.removeAll { $0.pendingJoin == nil }
        initialDelayEndsMs = nil
        rebalanceDeadlineMs = nil
        generationId += 1
        guard !members.isEmpty else {
            state = .empty
            protocolName = nil
            leaderId = nil
            return []
        }
        protocolName = chooseProtocol()
        if leaderId.map({ hasMember($0) }) != true {
            leaderId = members[0].memberId
        }
        state = .completingRebalance

        var actions: [Action] = []
        let chosen = protocolName ?? ""
        let everyMember = memberList(protocolName: chosen)
        for position in members.indices {
            let member = members[position]
            guard let token = member.pendingJoin else { continue }
            members[position].pendingJoin = nil
            members[position].lastSeenMs = nowMs
            let isLeader = member.memberId == leaderId
            actions.append(
                .answerJoin(
                    token,
                    JoinGroupResponse(
                        generationId: generationId,
                        protocolType: protocolType,
                        protocolName: chosen,
                        leader: leaderId ?? "",
                        memberId: member.memberId,
                        members: isLeader ? everyMember : []
                    )
                )
            )
        }
        return actions
    }

    /// The protocol every member supports that ranks best by the members' votes, as Kafka does.
    private func chooseProtocol() -> String? {
        var supportedByAll = Set(members[0].protocols.map(\.name))
        for member in members.dropFirst() {
            supportedByAll.formIntersection(member.protocols.map(\.name))
        }
        var votes: [String: Int] = [:]
        for member in members {
            if let favourite = member.protocols.first(where: { supportedByAll.contains($0.name) }) {
                votes[favourite.name, default: 0] += 1
            }
        }
        let ordered = members[0].protocols.map(\.name).filter { supportedByAll.contains($0) }
        return ordered.max { (votes[$0] ?? 0) < (votes[$1] ?? 0) }
    }

    // MARK: SyncGroup

    /// A member asks for its assignment; the leader's request carries everyone's.
    public mutating func sync(_ request: SyncGroupRequest, token: RequestToken, nowMs: Int64) -> [Action] {
        func answer(_ error: ErrorCode, _ assignment: ByteBuffer = ByteBuffer()) -> [Action] {
            [
                .answerSync(
                    token,
                    SyncGroupResponse(
                        errorCode: error.rawValue,
                        protocolType: protocolType,
                        protocolName: protocolName,
                        assignment: assignment
                    )
                )
            ]
        }
        if isFenced(memberId: request.memberId, instanceId: request.groupInstanceId) {
            return answer(.fencedInstanceId)
        }
        guard let position = index(of: request.memberId) else { return answer(.unknownMemberId) }
        guard request.generationId == generationId else { return answer(.illegalGeneration) }
        members[position].lastSeenMs = nowMs
        switch state {
        case .empty:
            return answer(.unknownMemberId)
        case .preparingRebalance:
            return answer(.rebalanceInProgress)
        case .stable:
            return answer(.none, members[position].assignment)
        case .completingRebalance:
            members[position].pendingSync = token
            guard request.memberId == leaderId else { return [] }
            let assignments = Dictionary(
                request.assignments.map { ($0.memberId, $0.assignment) },
                uniquingKeysWith: { _, last in last }
            )
            var actions: [Action] = []
            for index in members.indices {
                members[index].assignment = assignments[members[index].memberId] ?? ByteBuffer()
                if let pending = members[index].pendingSync {
                    actions.append(
                        .answerSync(
                            pending,
                            SyncGroupResponse(
                                protocolType: protocolType,
                                protocolName: protocolName,
                                assignment: members[index].assignment
                            )
                        )
                    )
                    members[index].pendingSync = nil
                }
            }
            state = .stable
            return actions
        }
    }

    // MARK: Heartbeat, LeaveGroup, expiry

    /// A member's heartbeat; REBALANCE_IN_PROGRESS tells it to rejoin.
    public mutating func heartbeat(_ request: HeartbeatRequest, nowMs: Int64) -> ErrorCode {
        if isFenced(memberId: request.memberId, instanceId: request.groupInstanceId) { return .fencedInstanceId }
        guard let position = index(of: request.memberId) else { return .unknownMemberId }
        guard request.generationId == generationId else { return .illegalGeneration }
        members[position].lastSeenMs = nowMs
        return state == .preparingRebalance ? .rebalanceInProgress : .none
    }

    /// Whether a request names a static member's instance with an id that is no longer its own.
    public func isFenced(memberId: String, instanceId: String?) -> Bool {
        guard let instanceId, let member = members.first(where: { $0.groupInstanceId == instanceId }) else {
            return false
        }
        return member.memberId != memberId
    }

    /// Members leave, each named by member id or, for static members, by instance id (an empty
    /// member id, as admin clients send); the rest rebalance at once. Returns an error code per
    /// member and the answers made ready.
    public mutating func leave(
        members leaving: [(memberId: String, instanceId: String?)],
        nowMs: Int64
    ) -> (errors: [ErrorCode], actions: [Action]) {
        var errors: [ErrorCode] = []
        var actions: [Action] = []
        var anyLeft = false
        for (memberId, instanceId) in leaving {
            if let instanceId, !memberId.isEmpty, isFenced(memberId: memberId, instanceId: instanceId) {
                errors.append(.fencedInstanceId)
                continue
            }
            let found =
                memberId.isEmpty
                ? instanceId.flatMap { id in members.firstIndex { $0.groupInstanceId == id } }
                : index(of: memberId)
            guard let position = found else {
                errors.append(.unknownMemberId)
                continue
            }
            actions += answerPendingRequests(of: members[position], with: .unknownMemberId)
            members.remove(at: position)
            errors.append(.none)
            anyLeft = true
        }
        if anyLeft {
            actions += membershipChanged(nowMs: nowMs)
        }
        return (errors, actions)
    }

    /// Lets time pass: expires silent members and ends rebalances whose deadline has come.
    public mutating func tick(nowMs: Int64) -> [Action] {
        var actions: [Action] = []
        let expired = members.filter { member in
            // A member waiting in JoinGroup is bound by the rebalance deadline, not its session.
            member.pendingJoin == nil && nowMs - member.lastSeenMs > member.sessionTimeoutMs
        }
        if !expired.isEmpty {
            for member in expired {
                actions += answerPendingRequests(of: member, with: .unknownMemberId)
            }
            let expiredIds = Set(expired.map(\.memberId))
            members.removeAll { expiredIds.contains($0.memberId) }
            actions += membershipChanged(nowMs: nowMs)
        }
        actions += completeJoinIfReady(nowMs: nowMs)
        return actions
    }

    private func answerPendingRequests(of member: ConsumerGroupMember, with error: ErrorCode) -> [Action] {
        var actions: [Action] = []
        if let join = member.pendingJoin {
            actions.append(.answerJoin(join, JoinGroupResponse(errorCode: error.rawValue, memberId: member.memberId)))
        }
        if let sync = member.pendingSync {
            actions.append(.answerSync(sync, SyncGroupResponse(errorCode: error.rawValue)))
        }
        return actions
    }

    private mutating func membershipChanged(nowMs: Int64) -> [Action] {
        if members.isEmpty {
            state = .empty
            generationId += 1
            leaderId = nil
            protocolName = nil
            rebalanceDeadlineMs = nil
            initialDelayEndsMs = nil
            return []
        }
        var actions: [Action] = []
        if state != .preparingRebalance {
            actions += prepareRebalance(nowMs: nowMs)
        }
        return actions + completeJoinIfReady(nowMs: nowMs)
    }

    // MARK: Offsets

    /// Whether a commit from this generation and member may be accepted now.
    ///
    /// A commit with generation -1 and no member id comes from a consumer that assigns partitions
    /// itself; Kafka accepts it only while the group has no members.
    public func validateOffsetCommit(generationId: Int32, memberId: String, instanceId: String? = nil) -> ErrorCode {
        if isFenced(memberId: memberId, instanceId: instanceId) { return .fencedInstanceId }
        if generationId < 0 && memberId.isEmpty {
            return members.isEmpty ? .none : .unknownMemberId
        }
        guard hasMember(memberId) else { return .unknownMemberId }
        guard generationId == self.generationId else { return .illegalGeneration }
        return state == .completingRebalance ? .rebalanceInProgress : .none
    }
}
