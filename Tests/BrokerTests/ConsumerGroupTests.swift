import Broker
import KafkaProtocol
import NIOCore
import Testing

/// The group membership state machine, driven without I/O: time is a number the test moves.
@Suite struct ConsumerGroupTests {
    let client = ConsumerGroup.Client(clientId: "consumer", clientHost: "/127.0.0.1")

    func joinRequest(
        memberId: String = "",
        instanceId: String? = nil,
        protocols: [String] = ["range"]
    ) -> JoinGroupRequest {
        var request = JoinGroupRequest()
        request.groupId = "g"
        request.memberId = memberId
        request.groupInstanceId = instanceId
        request.sessionTimeoutMs = 10_000
        request.rebalanceTimeoutMs = 5_000
        request.protocolType = "consumer"
        request.protocols = protocols.map { .init(name: $0, metadata: ByteBuffer(string: $0)) }
        return request
    }

    func joins(_ actions: [ConsumerGroup.Action]) -> [ConsumerGroup.RequestToken: JoinGroupResponse] {
        var result: [ConsumerGroup.RequestToken: JoinGroupResponse] = [:]
        for case .answerJoin(let token, let response) in actions { result[token] = response }
        return result
    }

    func syncs(_ actions: [ConsumerGroup.Action]) -> [ConsumerGroup.RequestToken: SyncGroupResponse] {
        var result: [ConsumerGroup.RequestToken: SyncGroupResponse] = [:]
        for case .answerSync(let token, let response) in actions { result[token] = response }
        return result
    }

    func syncRequest(memberId: String, generation: Int32, assignments: [String: String] = [:]) -> SyncGroupRequest {
        var request = SyncGroupRequest()
        request.groupId = "g"
        request.memberId = memberId
        request.generationId = generation
        request.assignments = assignments.map { .init(memberId: $0.key, assignment: ByteBuffer(string: $0.value)) }
        return request
    }

    /// Two members join within the initial delay, sync, and become stable with their assignments.
    func stableGroupOfTwo() -> (group: ConsumerGroup, leader: String, follower: String) {
        var group = ConsumerGroup(groupId: "g")
        #expect(group.join(joinRequest(), token: 1, client: client, nowMs: 0).isEmpty)
        #expect(group.join(joinRequest(), token: 2, client: client, nowMs: 100).isEmpty)
        let answers = joins(group.tick(nowMs: 400))
        #expect(answers.count == 2)
        let first = answers[1]!
        let second = answers[2]!
        #expect(first.errorCode == 0 && second.errorCode == 0)
        #expect(first.generationId == 1 && second.generationId == 1)
        #expect(first.leader == first.memberId)
        #expect(first.members.count == 2)
        #expect(second.members.isEmpty)
        #expect(first.protocolName == "range")

        #expect(group.sync(syncRequest(memberId: second.memberId, generation: 1), token: 3, nowMs: 410).isEmpty)
        let synced = syncs(
            group.sync(
                syncRequest(
                    memberId: first.memberId,
                    generation: 1,
                    assignments: [first.memberId: "A", second.memberId: "B"]
                ),
                token: 4,
                nowMs: 420
            )
        )
        #expect(synced[3]?.assignment == ByteBuffer(string: "B"))
        #expect(synced[4]?.assignment == ByteBuffer(string: "A"))
        #expect(group.state == .stable)
        return (group, first.memberId, second.memberId)
    }

    @Test func membersJoiningTogetherShareOneGeneration() {
        _ = stableGroupOfTwo()
    }

    @Test func aNewMemberTriggersARebalanceThatOthersLearnFromHeartbeats() {
        var (group, leader, follower) = stableGroupOfTwo()
        #expect(group.join(joinRequest(), token: 5, client: client, nowMs: 1000).isEmpty)
        #expect(group.state == .preparingRebalance)
        var heartbeat = HeartbeatRequest()
        heartbeat.groupId = "g"
        heartbeat.memberId = follower
        heartbeat.generationId = 1
        #expect(group.heartbeat(heartbeat, nowMs: 1100) == .rebalanceInProgress)
        #expect(group.join(joinRequest(memberId: leader), token: 6, client: client, nowMs: 1200).isEmpty)
        let answers = joins(group.join(joinRequest(memberId: follower), token: 7, client: client, nowMs: 1300))
        #expect(answers.count == 3)
        #expect(answers.values.allSatisfy { $0.generationId == 2 })
        #expect(answers[6]?.members.count == 3, "the leader stays leader and sees every member")
    }

    @Test func aMemberThatDoesNotRejoinIsDroppedAtTheRebalanceDeadline() {
        var (group, leader, _) = stableGroupOfTwo()
        var leave = group.join(joinRequest(memberId: leader), token: 5, client: client, nowMs: 1000)
        #expect(leave.isEmpty)
        leave = group.tick(nowMs: 5_999)
        #expect(leave.isEmpty)
        let answers = joins(group.tick(nowMs: 6_001))
        #expect(answers[5]?.members.count == 1)
        #expect(group.members.count == 1)
    }

    @Test func leavingRebalancesTheRest() {
        var (group, leader, follower) = stableGroupOfTwo()
        let (errors, actions) = group.leave(members: [(follower, nil), ("stranger", nil)], nowMs: 500)
        #expect(errors == [.none, .unknownMemberId])
        #expect(actions.isEmpty)
        #expect(group.state == .preparingRebalance)
        let answers = joins(group.join(joinRequest(memberId: leader), token: 9, client: client, nowMs: 600))
        #expect(answers[9]?.generationId == 2)
        #expect(answers[9]?.members.map(\.memberId) == [leader])
    }

    @Test func silentMembersExpireAfterTheirSessionTimeout() {
        var (group, _, _) = stableGroupOfTwo()
        #expect(group.tick(nowMs: 10_000).isEmpty)
        _ = group.tick(nowMs: 10_421)
        #expect(group.members.isEmpty)
        #expect(group.state == .empty)
    }

    @Test func errorsForStrangersAndOldGenerations() {
        var (group, leader, _) = stableGroupOfTwo()
        let unknown = joins(group.join(joinRequest(memberId: "who"), token: 20, client: client, nowMs: 500))
        #expect(unknown[20]?.errorCode == ErrorCode.unknownMemberId.rawValue)
        let old = syncs(group.sync(syncRequest(memberId: leader, generation: 0), token: 21, nowMs: 500))
        #expect(old[21]?.errorCode == ErrorCode.illegalGeneration.rawValue)
        #expect(group.validateOffsetCommit(generationId: 1, memberId: leader) == .none)
        #expect(group.validateOffsetCommit(generationId: 0, memberId: leader) == .illegalGeneration)
        #expect(group.validateOffsetCommit(generationId: -1, memberId: "") == .unknownMemberId)
        #expect(ConsumerGroup(groupId: "x").validateOffsetCommit(generationId: -1, memberId: "") == .none)
    }

    @Test func incompatibleProtocolsAreRefused() {
        var (group, _, _) = stableGroupOfTwo()
        let answers = joins(group.join(joinRequest(protocols: ["sticky"]), token: 30, client: client, nowMs: 500))
        #expect(answers[30]?.errorCode == ErrorCode.inconsistentGroupProtocol.rawValue)
        #expect(group.members.count == 2)
        #expect(group.state == .stable)
    }

    @Test func aBadSessionTimeoutIsRefused() {
        var group = ConsumerGroup(groupId: "g")
        var request = joinRequest()
        request.sessionTimeoutMs = 10
        let answers = joins(group.join(request, token: 1, client: client, nowMs: 0))
        #expect(answers[1]?.errorCode == ErrorCode.invalidSessionTimeout.rawValue)
        #expect(group.members.isEmpty)
    }

    /// Two static members (instances "a" and "b") in a stable group of generation 1.
    func stableStaticGroup() -> (group: ConsumerGroup, leader: String, follower: String) {
        var group = ConsumerGroup(groupId: "g")
        _ = group.join(joinRequest(instanceId: "a"), token: 1, client: client, nowMs: 0)
        _ = group.join(joinRequest(instanceId: "b"), token: 2, client: client, nowMs: 10)
        let answers = joins(group.tick(nowMs: 400))
        let leader = answers[1]!.memberId
        let follower = answers[2]!.memberId
        _ = group.sync(syncRequest(memberId: follower, generation: 1), token: 3, nowMs: 410)
        _ = group.sync(
            syncRequest(memberId: leader, generation: 1, assignments: [leader: "p0", follower: "p1"]),
            token: 4,
            nowMs: 420
        )
        #expect(group.state == .stable)
        return (group, leader, follower)
    }

    /// KIP-345: a restarted static member gets a new id and its old assignment at once; the
    /// group neither rebalances nor changes generation, and the old id is fenced.
    @Test func aRestartedStaticMemberRejoinsWithoutARebalance() {
        var (group, leader, follower) = stableStaticGroup()
        let answer = joins(group.join(joinRequest(instanceId: "b"), token: 5, client: client, nowMs: 2_000))[5]
        #expect(answer?.errorCode == 0)
        #expect(answer?.generationId == 1)
        #expect(answer?.memberId != follower)
        #expect(answer?.members.isEmpty == true)
        #expect(group.state == .stable)
        let newId = answer!.memberId
        let synced = syncs(group.sync(syncRequest(memberId: newId, generation: 1), token: 6, nowMs: 2_010))
        #expect(synced[6].map { String(buffer: $0.assignment) } == "p1")

        var heartbeat = HeartbeatRequest()
        heartbeat.memberId = follower
        heartbeat.groupInstanceId = "b"
        heartbeat.generationId = 1
        #expect(group.heartbeat(heartbeat, nowMs: 2_020) == .fencedInstanceId)
        heartbeat.memberId = leader
        heartbeat.groupInstanceId = "a"
        #expect(group.heartbeat(heartbeat, nowMs: 2_020) == .none)
        let stale = joins(
            group.join(joinRequest(memberId: follower, instanceId: "b"), token: 7, client: client, nowMs: 2_030)
        )
        #expect(stale[7]?.errorCode == ErrorCode.fencedInstanceId.rawValue)
    }

    /// The static leader restarting keeps leadership and is told to skip assignment (KIP-814).
    @Test func aRestartedStaticLeaderSkipsAssignment() {
        var (group, _, _) = stableStaticGroup()
        let answer = joins(group.join(joinRequest(instanceId: "a"), token: 5, client: client, nowMs: 2_000))[5]
        #expect(answer?.leader == answer?.memberId)
        #expect(answer?.skipAssignment == true)
        #expect(answer?.members.count == 2)
        #expect(group.state == .stable)
    }

    /// Changed metadata (a new subscription) makes the static member's return a rebalance.
    @Test func aStaticMemberWithNewMetadataRebalances() {
        var (group, _, _) = stableStaticGroup()
        _ = group.join(
            joinRequest(instanceId: "b", protocols: ["roundrobin", "range"]),
            token: 5,
            client: client,
            nowMs: 2_000
        )
        #expect(group.state == .preparingRebalance)
    }

    /// Admin clients remove static members by instance id alone.
    @Test func staticMembersLeaveByInstanceId() {
        var (group, leader, _) = stableStaticGroup()
        let (errors, _) = group.leave(members: [("", "b"), ("", "nobody")], nowMs: 500)
        #expect(errors == [.none, .unknownMemberId])
        #expect(group.members.map(\.memberId) == [leader])
    }
}
