import CRdKafka

/// Lists, creates, describes and deletes topics of a Kafka cluster through librdkafka.
///
/// Every operation waits at most its `timeout`, so an unreachable cluster gives an error rather than a hang.
public final class KafkaAdministrator: Sendable {
    private let handle: KafkaHandle

    /// Connects an administrator to the cluster of `configuration`.
    public init(configuration: KafkaConfiguration) throws {
        // librdkafka runs admin requests on a producer handle; it never produces here.
        let native = try configuration.makeNativeConfiguration()
        handle = try KafkaHandle(kind: RD_KAFKA_PRODUCER, configuration: native)
    }

    /// Asks the cluster for its brokers and every topic.
    public func metadata(timeout: Duration) async throws -> KafkaClusterMetadata {
        let handle = handle
        return try await runBlocking { try handle.metadata(timeout: timeout) }
    }

    /// The cluster's topics, ordered by name, with their partitions and leaders.
    public func listTopics(timeout: Duration) async throws -> [KafkaClusterMetadata.Topic] {
        try await metadata(timeout: timeout).topics
    }

    /// The topic's partitions with leaders, replicas and low and high watermarks.
    ///
    /// Throws `KafkaError.Code.unknownTopicOrPartition` when the cluster does not have the topic.
    public func describeTopic(_ name: String, timeout: Duration) async throws -> KafkaTopicDescription {
        let handle = handle
        return try await runBlocking {
            let metadata = try handle.metadata(timeout: timeout)
            guard let topic = metadata.topics.first(where: { $0.name == name }) else {
                throw KafkaError(code: .unknownTopicOrPartition, message: "topic \(name) does not exist")
            }
            if let error = topic.error {
                throw KafkaError(code: error.code, message: "topic \(name): \(error.message)")
            }
            let partitions = try topic.partitions.map { partition in
                KafkaTopicDescription.Partition(
                    id: partition.id,
                    leader: partition.leader,
                    replicas: partition.replicas,
                    inSyncReplicas: partition.inSyncReplicas,
                    watermarks: try handle.watermarks(topic: name, partition: partition.id, timeout: timeout)
                )
            }
            return KafkaTopicDescription(name: name, partitions: partitions)
        }
    }

    /// The earliest kept and the next offset of one partition.
    public func watermarks(of partition: KafkaTopicPartition, timeout: Duration) async throws -> KafkaWatermarks {
        let handle = handle
        return try await runBlocking {
            try handle.watermarks(topic: partition.topic, partition: partition.partition, timeout: timeout)
        }
    }

    /// Creates a topic and waits until the cluster has it.
    ///
    /// - Parameters:
    ///   - partitions: how many partitions the topic gets; at least 1.
    ///   - replicationFactor: how many brokers keep each partition; -1 takes the broker's default
    ///     (needs a broker that speaks CreateTopics version 4 or later).
    ///   - configuration: topic configuration, such as `["retention.ms": "60000"]`.
    /// - Throws: `KafkaError.Code.topicAlreadyExists` when the topic exists.
    public func createTopic(
        _ name: String,
        partitions: Int32,
        replicationFactor: Int32 = 1,
        configuration: [String: String] = [:],
        timeout: Duration
    ) async throws {
        guard partitions >= 1 else {
            throw KafkaError(code: .invalidArgument, message: "a topic needs at least 1 partition, not \(partitions)")
        }
        var reason = [CChar](repeating: 0, count: 512)
        guard let topic = rd_kafka_NewTopic_new(name, partitions, replicationFactor, &reason, reason.count) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "cannot create topic \(name): \(String(nullTerminated: reason))"
            )
        }
        defer { rd_kafka_NewTopic_destroy(topic) }
        for (key, value) in configuration.sorted(by: { $0.key < $1.key }) {
            try KafkaError.check(rd_kafka_NewTopic_set_config(topic, key, value), "invalid topic configuration \(key)")
        }
        let handle = handle
        let request = UnsafeSendablePointer(topic)
        try await runBlocking {
            var topics: [OpaquePointer?] = [request.pointer]
            try Self.run(.createTopics, name: name, handle: handle, timeout: timeout) { options, queue in
                rd_kafka_CreateTopics(handle.pointer, &topics, 1, options, queue)
            }
        }
    }

    /// Deletes a topic and every message in it.
    ///
    /// - Throws: `KafkaError.Code.unknownTopicOrPartition` when the topic does not exist.
    public func deleteTopic(_ name: String, timeout: Duration) async throws {
        let handle = handle
        try await runBlocking {
            let topic = rd_kafka_DeleteTopic_new(name)
            defer { rd_kafka_DeleteTopic_destroy(topic) }
            var topics: [OpaquePointer?] = [topic]
            try Self.run(.deleteTopics, name: name, handle: handle, timeout: timeout) { options, queue in
                rd_kafka_DeleteTopics(handle.pointer, &topics, 1, options, queue)
            }
        }
    }

    private enum Operation {
        case createTopics
        case deleteTopics

        var native: rd_kafka_admin_op_t {
            switch self {
            case .createTopics: RD_KAFKA_ADMIN_OP_CREATETOPICS
            case .deleteTopics: RD_KAFKA_ADMIN_OP_DELETETOPICS
            }
        }

        var verb: String {
            switch self {
            case .createTopics: "create"
            case .deleteTopics: "delete"
            }
        }
    }

    /// Starts an admin request with `start`, waits for its result event, and throws the topic's error.
    private static func run(
        _ operation: Operation,
        name: String,
        handle: KafkaHandle,
        timeout: Duration,
        start: (_ options: OpaquePointer, _ queue: OpaquePointer) -> Void
    ) throws {
        let options = rd_kafka_AdminOptions_new(handle.pointer, operation.native)!
        defer { rd_kafka_AdminOptions_destroy(options) }
        var reason = [CChar](repeating: 0, count: 512)
        // The request timeout bounds reaching the controller; the operation timeout lets the
        // controller wait until the change has reached the brokers before it answers.
        try KafkaError.check(
            rd_kafka_AdminOptions_set_request_timeout(options, timeout.milliseconds, &reason, reason.count),
            String(nullTerminated: reason)
        )
        try KafkaError.check(
            rd_kafka_AdminOptions_set_operation_timeout(options, timeout.milliseconds, &reason, reason.count),
            String(nullTerminated: reason)
        )
        let queue = rd_kafka_queue_new(handle.pointer)!
        defer { rd_kafka_queue_destroy(queue) }
        start(options, queue)
        // librdkafka answers by the request timeout itself; the extra second only guards against a lost event.
        guard let event = rd_kafka_queue_poll(queue, (timeout + .seconds(1)).milliseconds) else {
            throw KafkaError(
                code: .timedOut,
                message: "could not \(operation.verb) topic \(name) within \(timeout.secondsDescription)"
            )
        }
        defer { rd_kafka_event_destroy(event) }
        let requestError = rd_kafka_event_error(event)
        if requestError != RD_KAFKA_RESP_ERR_NO_ERROR {
            let explanation = String(cString: rd_kafka_event_error_string(event))
            throw KafkaError(requestError, message: "could not \(operation.verb) topic \(name): \(explanation)")
        }
        var count = 0
        let results: UnsafeMutablePointer<OpaquePointer?>? =
            switch operation {
            case .createTopics:
                rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count)
            case .deleteTopics:
                rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count)
            }
        for index in 0..<count {
            guard let result = results?[index] else { continue }
            let error = rd_kafka_topic_result_error(result)
            guard error != RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
            let explanation = rd_kafka_topic_result_error_string(result).map { String(cString: $0) } ?? ""
            throw KafkaError(error, message: "could not \(operation.verb) topic \(name): \(explanation)")
        }
    }
}

/// Lets a librdkafka object that only this call uses cross into the blocking worker.
private struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }
}
