import EventLog
import Foundation
import KafkaProtocol
import Logging
import NIOCore

/// Routes each decoded request to the handler of its API and encodes the answer as a frame.
///
/// One extension file per API (`RequestDispatcher+Produce.swift`, ...) holds its handler; this
/// file only routes. Handlers answer synchronously when they can and with a future when they wait
/// (acks=all, long-poll Fetch, group rebalances).
public final class RequestDispatcher: Sendable {
    let configuration: BrokerConfiguration
    let log: EventLog
    let groups: GroupCoordinator
    let producerIds: ProducerIdAllocator
    let transactions: TransactionCoordinator
    /// The SASL users, kept under DATA_DIR/users.
    let credentials: ScramCredentialStore
    let logger: Logger

    /// Opens the broker's state over `log`, finishing transactions a crash left undecided.
    public init(configuration: BrokerConfiguration, log: EventLog, logger: Logger) throws(EventLogError) {
        self.configuration = configuration
        self.log = log
        self.groups = GroupCoordinator(configuration: configuration.groups)
        let producerIds = ProducerIdAllocator()
        self.producerIds = producerIds
        self.transactions = try TransactionCoordinator(log: log, producerIds: producerIds, logger: logger)
        self.credentials = try ScramCredentialStore(dataDirectory: log.directory)
        self.logger = logger
    }

    /// Lets time pass: group sessions and rebalances, transaction timeouts.
    public func tick() {
        groups.tick()
        transactions.abortExpired(nowMs: Int64(Date().timeIntervalSince1970 * 1000))
    }

    /// Answers `request`; the future holds the response frame, or nil when none is due (acks=0).
    public func handle(_ request: KafkaRequest, context: RequestContext) -> EventLoopFuture<ByteBuffer?> {
        let eventLoop = context.eventLoop
        func now(_ response: some KafkaMessage) -> EventLoopFuture<ByteBuffer?> {
            eventLoop.makeSucceededFuture(frame(response, context))
        }
        func later(_ future: EventLoopFuture<some KafkaMessage>) -> EventLoopFuture<ByteBuffer?> {
            future.map { self.frame($0, context) }
        }
        switch request.body {
        case .apiVersions: return now(ServedVersions.apiVersionsResponse(errorCode: .none))
        case .metadata(let body): return now(metadata(body, context: context))
        case .produce(let body):
            return produce(body, context: context).map { $0.map { self.frame($0, context) } }
        case .fetch(let body): return later(fetch(body, context: context))
        case .listOffsets(let body): return now(listOffsets(body, context: context))
        case .createTopics(let body): return now(createTopics(body))
        case .deleteTopics(let body): return now(deleteTopics(body))
        case .initProducerId(let body): return now(initProducerId(body))
        case .addPartitionsToTxn(let body): return now(addPartitionsToTxn(body))
        case .addOffsetsToTxn(let body): return now(addOffsetsToTxn(body))
        case .txnOffsetCommit(let body): return now(txnOffsetCommit(body))
        case .endTxn(let body): return later(endTxn(body, context: context))
        case .findCoordinator(let body): return now(findCoordinator(body, context: context))
        case .joinGroup(let body): return later(joinGroup(body, context: context))
        case .syncGroup(let body): return later(syncGroup(body, context: context))
        case .heartbeat(let body): return now(HeartbeatResponse(errorCode: groups.heartbeat(body).rawValue))
        case .leaveGroup(let body): return now(leaveGroup(body, context: context))
        case .offsetCommit(let body): return now(offsetCommit(body))
        case .offsetFetch(let body): return now(offsetFetch(body, context: context))
        case .describeGroups(let body): return now(describeGroups(body))
        case .listGroups(let body): return now(listGroups(body))
        case .deleteGroups(let body): return now(deleteGroups(body))
        case .offsetDelete(let body): return now(offsetDelete(body))
        case .describeCluster(let body): return now(describeCluster(body, context: context))
        case .offsetForLeaderEpoch(let body): return now(offsetForLeaderEpoch(body))
        case .describeConfigs(let body): return now(describeConfigs(body))
        case .alterConfigs(let body): return now(alterConfigs(body))
        case .incrementalAlterConfigs(let body): return now(incrementalAlterConfigs(body))
        case .createPartitions(let body): return now(createPartitions(body))
        case .deleteRecords(let body): return now(deleteRecords(body))
        case .saslHandshake: return now(SaslHandshakeResponse(errorCode: ErrorCode.illegalSaslState.rawValue))
        case .saslAuthenticate:
            return now(
                SaslAuthenticateResponse(
                    errorCode: ErrorCode.illegalSaslState.rawValue,
                    errorMessage: "SaslAuthenticate request received after successful authentication"
                )
            )
        case .describeUserScramCredentials(let body): return now(describeUserScramCredentials(body))
        case .alterUserScramCredentials(let body): return now(alterUserScramCredentials(body))
        default:
            // The connection reads only what `ServedVersions` lists.
            preconditionFailure("no handler for \(request.apiKey), which ServedVersions lists")
        }
    }

    private func frame(_ response: some KafkaMessage, _ context: RequestContext) -> ByteBuffer {
        KafkaResponse.frame(correlationId: context.correlationId, body: response, version: context.apiVersion)
    }

    /// The Kafka error code for a failure, most often one of the event log.
    static func errorCode(for error: any Error) -> ErrorCode {
        guard let error = error as? EventLogError else { return .unknownServerError }
        return ErrorCode(rawValue: error.kafkaErrorCode) ?? .unknownServerError
    }
}
