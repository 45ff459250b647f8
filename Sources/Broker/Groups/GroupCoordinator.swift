import EventLog
import KafkaProtocol
import Locking
import NIOCore

/// Owns every consumer group and turns their state machines' actions into answered requests.
///
/// Deferred JoinGroup and SyncGroup answers are promises kept here by token; the state machines
/// never see a promise or a connection. A repeating tick lets sessions and rebalances time out.
public final class GroupCoordinator: Sendable {
    private enum PendingAnswer {
        case join(EventLoopPromise<JoinGroupResponse>)
        case sync(EventLoopPromise<SyncGroupResponse>)
    }

    private struct State {
        var groups: [String: ConsumerGroup] = [:]
        var pending: [ConsumerGroup.RequestToken: PendingAnswer] = [:]
        var nextToken: ConsumerGroup.RequestToken = 1

        mutating func register(_ answer: PendingAnswer) -> ConsumerGroup.RequestToken {
            let token = nextToken
            nextToken += 1
            pending[token] = answer
            return token
        }

        /// Removes the promises the actions complete and pairs each with its answer.
        mutating func resolve(_ actions: [ConsumerGroup.Action]) -> [() -> Void] {
            actions.compactMap { action in
                switch action {
                case .answerJoin(let token, let response):
                    guard case .join(let promise) = pending.removeValue(forKey: token) else { return nil }
                    return { promise.succeed(response) }
                case .answerSync(let token, let response):
                    guard case .sync(let promise) = pending.removeValue(forKey: token) else { return nil }
                    return { promise.succeed(response) }
                }
            }
        }
    }

    private let state = Locked(State())
    private let configuration: ConsumerGroup.Configuration

    public init(configuration: ConsumerGroup.Configuration) {
        self.configuration = configuration
    }

    /// Runs `body` on the group (created if new) and completes the answers it made ready,
    /// outside the lock so that no promise callback runs while it is held.
    private func update<Result>(
        groupId: String,
        _ body: (inout ConsumerGroup, inout State) -> (Result, [ConsumerGroup.Action])
    ) -> Result {
        let (result, completions) = state.withLock { state in
            var group = state.groups[groupId] ?? ConsumerGroup(groupId: groupId, configuration: configuration)
            let (result, actions) = body(&group, &state)
            state.groups[groupId] = group
            return (result, state.resolve(actions))
        }
        for complete in completions { complete() }
        return result
    }

    public func join(
        _ request: JoinGroupRequest,
        client: ConsumerGroup.Client,
        eventLoop: any EventLoop
    ) -> EventLoopFuture<JoinGroupResponse> {
        guard !request.groupId.isEmpty else {
            return eventLoop.makeSucceededFuture(JoinGroupResponse(errorCode: ErrorCode.invalidGroupId.rawValue))
        }
        let promise = eventLoop.makePromise(of: JoinGroupResponse.self)
        update(groupId: request.groupId) { group, state in
            let token = state.register(.join(promise))
            return ((), group.join(request, token: token, client: client, nowMs: MonotonicClock.nowMilliseconds()))
        }
        return promise.futureResult
    }

    public func sync(_ request: SyncGroupRequest, eventLoop: any EventLoop) -> EventLoopFuture<SyncGroupResponse> {
        let promise = eventLoop.makePromise(of: SyncGroupResponse.self)
        update(groupId: request.groupId) { group, state in
            let token = state.register(.sync(promise))
            return ((), group.sync(request, token: token, nowMs: MonotonicClock.nowMilliseconds()))
        }
        return promise.futureResult
    }

    public func heartbeat(_ request: HeartbeatRequest) -> ErrorCode {
        update(groupId: request.groupId) { group, _ in
            (group.heartbeat(request, nowMs: MonotonicClock.nowMilliseconds()), [])
        }
    }

    /// Members leave by member id, or static ones by instance id.
    public func leave(groupId: String, members: [(memberId: String, instanceId: String?)]) -> [ErrorCode] {
        update(groupId: groupId) { group, _ in
            group.leave(members: members, nowMs: MonotonicClock.nowMilliseconds())
        }
    }

    /// Lets time pass for every group; empty groups without pending work are forgotten.
    public func tick() {
        let now = MonotonicClock.nowMilliseconds()
        let completions = state.withLock { state in
            var actions: [ConsumerGroup.Action] = []
            for groupId in Array(state.groups.keys) {
                actions += state.groups[groupId]!.tick(nowMs: now)
                if state.groups[groupId]!.state == .empty { state.groups[groupId] = nil }
            }
            return state.resolve(actions)
        }
        for complete in completions { complete() }
    }

    /// Whether an OffsetCommit from this member and generation may be stored.
    public func validateOffsetCommit(
        groupId: String,
        generationId: Int32,
        memberId: String,
        instanceId: String? = nil
    ) -> ErrorCode {
        state.withLock { state in
            guard let group = state.groups[groupId] else {
                // An unknown group accepts commits only from consumers outside group membership.
                return generationId < 0 ? .none : .illegalGeneration
            }
            return group.validateOffsetCommit(generationId: generationId, memberId: memberId, instanceId: instanceId)
        }
    }

    /// Forgets a group without members (DeleteGroups); false when it has members.
    public func removeIfEmpty(_ groupId: String) -> Bool {
        state.withLock { state in
            guard let group = state.groups[groupId] else { return true }
            guard group.members.isEmpty else { return false }
            state.groups[groupId] = nil
            return true
        }
    }

    /// A snapshot of the group, nil if it has no members.
    public func group(_ groupId: String) -> ConsumerGroup? {
        state.withLock { $0.groups[groupId] }
    }

    /// Every group with members.
    public func activeGroups() -> [ConsumerGroup] {
        state.withLock { Array($0.groups.values) }
    }
}
