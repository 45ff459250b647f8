import CRdKafka
import Dispatch
import Locking

/// Reads messages from a Kafka cluster through librdkafka, as a member of a consumer group
/// (`subscribe(to:)`) or from partitions it picks itself (`assign(_:from:)`).
///
/// Read with the blocking `poll(timeout:)`, or with the `events` and `messages` async sequences,
/// from one reader at a time. `close()` leaves the group and commits what automatic commits owe.
public final class KafkaConsumer: Sendable {
    private let handle: KafkaHandle
    /// The group this consumer belongs to, if any.
    public let groupID: String?
    /// Serializes polls with `close()`, since librdkafka must not close a consumer in the middle of a poll.
    private let closed = Locked(false)
    /// The thread that async iteration polls on, so that it never blocks Swift's cooperative pool.
    private let pollQueue = DispatchQueue(label: "kafka-consumer-poll")

    /// Connects a consumer to the cluster of `configuration`.
    ///
    /// - Parameters:
    ///   - groupID: the consumer group to join with `subscribe(to:)` and to commit offsets for;
    ///     nil for a consumer that only reads assigned partitions.
    ///   - offsetReset: where to start in a partition without a committed offset.
    ///   - reportsEndOfPartition: yield `KafkaConsumerEvent.endOfPartition` on reaching the end of a partition.
    ///   - commitsAutomatically: commit the offsets of polled messages every few seconds and on close;
    ///     when false, offsets are committed only by `commit()` and `commit(_:)`.
    public init(
        configuration: KafkaConfiguration,
        groupID: String? = nil,
        offsetReset: KafkaOffsetReset = .latest,
        reportsEndOfPartition: Bool = false,
        commitsAutomatically: Bool = true
    ) throws {
        var defaults = [
            ("auto.offset.reset", offsetReset.rawValue),
            ("enable.partition.eof", reportsEndOfPartition ? "true" : "false"),
            ("enable.auto.commit", commitsAutomatically ? "true" : "false"),
        ]
        if let groupID {
            guard !groupID.isEmpty else {
                throw KafkaError(code: .invalidArgument, message: "the consumer group id must not be empty")
            }
            defaults.append(("group.id", groupID))
        } else {
            // librdkafka 2.0 refuses `assign` without a group id. This consumer never joins or commits
            // to the group, so a name of its own keeps it from touching anyone else's offsets.
            defaults += [
                ("group.id", "kafka-client-unjoined-\(UInt64.random(in: 0...UInt64.max))"),
                ("enable.auto.commit", "false"),
                ("enable.auto.offset.store", "false"),
            ]
        }
        let native = try configuration.makeNativeConfiguration(defaults: defaults)
        handle = try KafkaHandle(kind: RD_KAFKA_CONSUMER, configuration: native)
        self.groupID = groupID
        // One queue for messages, errors and rebalances, so `poll` serves them all.
        rd_kafka_poll_set_consumer(handle.pointer)
    }

    deinit {
        try? close()
    }

    /// Joins the consumer group and reads the partitions of `topics` that the group gives this member.
    public func subscribe(to topics: [String]) throws {
        try requireGroup("subscribing")
        let list = TopicPartitionList(topics.map { (KafkaTopicPartition(topic: $0, partition: -1), nil) })
        try KafkaError.check(rd_kafka_subscribe(handle.pointer, list.pointer), "could not subscribe to \(topics)")
    }

    /// Reads exactly `partitions`, starting each at `start`, without taking part in group rebalancing.
    public func assign(_ partitions: [KafkaTopicPartition], from start: KafkaStartOffset) throws {
        let list = TopicPartitionList(partitions.map { ($0, start.nativeOffset) })
        try KafkaError.check(rd_kafka_assign(handle.pointer, list.pointer), "could not assign \(partitions)")
    }

    /// Reads every partition of `topic`, starting each at `start`, and returns the partitions.
    ///
    /// Throws `KafkaError.Code.unknownTopicOrPartition` when the cluster does not have the topic.
    @discardableResult
    public func assignAllPartitions(
        of topic: String,
        from start: KafkaStartOffset,
        timeout: Duration
    ) async throws -> [KafkaTopicPartition] {
        let metadata = try await metadata(timeout: timeout)
        guard let description = metadata.topic(named: topic) else {
            throw KafkaError(code: .unknownTopicOrPartition, message: "topic \(topic) does not exist")
        }
        let partitions = description.partitions.map { KafkaTopicPartition(topic: topic, partition: $0.id) }
        try assign(partitions, from: start)
        return partitions
    }

    /// The partitions this consumer reads now; for a group member, what the last rebalance gave it.
    public func assignment() throws -> [KafkaTopicPartition] {
        var native: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try KafkaError.check(rd_kafka_assignment(handle.pointer, &native), "could not read the assignment")
        guard let native else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(native) }
        return TopicPartitionList.entries(of: native).map(\.partition)
    }

    /// Waits up to `timeout` for the next message or end of partition; nil when none came in time.
    ///
    /// Throws for errors the consumer cannot recover from, such as a topic that does not exist;
    /// librdkafka retries transient ones, like a broker restarting, on its own.
    public func poll(timeout: Duration) throws -> KafkaConsumerEvent? {
        try closed.withLock { closed in
            guard !closed else { throw KafkaError(code: .closed, message: "the consumer is closed") }
            guard let native = rd_kafka_consumer_poll(handle.pointer, timeout.milliseconds) else { return nil }
            defer { rd_kafka_message_destroy(native) }
            return try Self.event(from: native, handle: handle)
        }
    }

    /// Waits up to `timeout` for the first message or end of partition, then takes what else has
    /// arrived, up to `maximumCount` in all; empty when nothing came in time.
    ///
    /// For readers that work in batches: one hop to the consumer's own thread per batch, rather than
    /// one per message, and Swift's cooperative pool is never blocked.
    public func poll(upTo maximumCount: Int, timeout: Duration) async throws -> [KafkaConsumerEvent] {
        try await runBlocking(on: pollQueue) { [self] in
            guard let first = try poll(timeout: timeout) else { return [] }
            var events = [first]
            while events.count < maximumCount, let next = try poll(timeout: .zero) { events.append(next) }
            return events
        }
    }

    /// Messages and ends of partitions as they arrive; ends when the consumer closes or the task is cancelled.
    public var events: Events { Events(consumer: self) }

    /// Messages as they arrive, skipping ends of partitions; ends when the consumer closes or the task is cancelled.
    public var messages: Messages { Messages(events: events) }

    /// Commits, and waits for, the offsets after the messages polled so far.
    ///
    /// Does nothing when there is nothing new to commit.
    public func commit() throws {
        try requireGroup("committing")
        let result = rd_kafka_commit(handle.pointer, nil, 0)
        guard result != RD_KAFKA_RESP_ERR__NO_OFFSET else { return }
        try KafkaError.check(result, "could not commit offsets")
    }

    /// Commits, and waits for, the offset after `message`, so that the group resumes with the next one.
    public func commit(_ message: KafkaMessage) throws {
        try requireGroup("committing")
        let partition = KafkaTopicPartition(topic: message.topic, partition: message.partition)
        let list = TopicPartitionList([(partition, message.offset + 1)])
        try KafkaError.check(rd_kafka_commit(handle.pointer, list.pointer, 0), "could not commit \(partition)")
    }

    /// Commits, and waits for, `offsets`: where the group resumes each partition.
    ///
    /// For consumers that commit only what they have finished with, which may lie behind what they
    /// have polled.
    public func commit(_ offsets: [KafkaTopicPartition: Int64]) throws {
        try commit(offsets.mapValues { KafkaOffsetAndMetadata(offset: $0) })
    }

    /// Commits, and waits for, `offsets` with their metadata, which `committedPositions(of:timeout:)`
    /// reads back: where the group resumes each partition, and what the committer noted there.
    public func commit(_ offsets: [KafkaTopicPartition: KafkaOffsetAndMetadata]) throws {
        try requireGroup("committing")
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(committing: offsets)
        try KafkaError.check(rd_kafka_commit(handle.pointer, list.pointer, 0), "could not commit \(offsets.keys)")
    }

    /// The group's committed offsets of `partitions` (nil where none is committed).
    public func committedOffsets(
        of partitions: [KafkaTopicPartition],
        timeout: Duration
    ) async throws -> [KafkaTopicPartition: Int64?] {
        try await committedPositions(of: partitions, timeout: timeout).mapValues { $0?.offset }
    }

    /// The group's committed offsets of `partitions` with their metadata (nil where none is committed).
    public func committedPositions(
        of partitions: [KafkaTopicPartition],
        timeout: Duration
    ) async throws -> [KafkaTopicPartition: KafkaOffsetAndMetadata?] {
        let handle = handle
        return try await runBlocking {
            let list = TopicPartitionList(partitions.map { ($0, nil) })
            try KafkaError.check(
                rd_kafka_committed(handle.pointer, list.pointer, timeout.milliseconds),
                "could not read committed offsets"
            )
            var positions: [KafkaTopicPartition: KafkaOffsetAndMetadata?] = [:]
            for entry in TopicPartitionList.entries(of: list.pointer) {
                positions[entry.partition] =
                    entry.offset >= 0 ? KafkaOffsetAndMetadata(offset: entry.offset, metadata: entry.metadata) : nil
            }
            return positions
        }
    }

    /// The earliest kept and the next offset of one partition, as its leader has them now.
    public func watermarks(of partition: KafkaTopicPartition, timeout: Duration) async throws -> KafkaWatermarks {
        let handle = handle
        return try await runBlocking {
            try handle.watermarks(topic: partition.topic, partition: partition.partition, timeout: timeout)
        }
    }

    /// Asks the cluster for its brokers and topics.
    public func metadata(timeout: Duration) async throws -> KafkaClusterMetadata {
        let handle = handle
        return try await runBlocking { try handle.metadata(timeout: timeout) }
    }

    /// Leaves the group (committing offsets if commits are automatic) and stops fetching.
    ///
    /// Later polls throw; closing twice does nothing.
    public func close() throws {
        try closed.withLock { closed in
            guard !closed else { return }
            closed = true
            try KafkaError.check(rd_kafka_consumer_close(handle.pointer), "could not close the consumer cleanly")
        }
    }

    private func requireGroup(_ action: String) throws {
        guard groupID != nil else {
            throw KafkaError(code: .invalidArgument, message: "\(action) needs a consumer group id")
        }
    }

    private static func event(
        from native: UnsafeMutablePointer<rd_kafka_message_t>,
        handle: KafkaHandle
    ) throws -> KafkaConsumerEvent? {
        let message = native.pointee
        let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        switch message.err {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            return .message(Self.message(from: native, topic: topic))
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            return .endOfPartition(
                KafkaTopicPartition(topic: topic, partition: message.partition),
                offset: message.offset
            )
        case RD_KAFKA_RESP_ERR__FATAL:
            var reason = [CChar](repeating: 0, count: 512)
            let code = rd_kafka_fatal_error(handle.pointer, &reason, reason.count)
            throw KafkaError(code, message: String(nullTerminated: reason))
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
            RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_INVALID_SESSION_TIMEOUT,
            RD_KAFKA_RESP_ERR_INVALID_GROUP_ID, RD_KAFKA_RESP_ERR_INCONSISTENT_GROUP_PROTOCOL:
            // Retrying cannot fix these, so waiting on would hang the reader.
            let explanation = rd_kafka_message_errstr(native).map { String(cString: $0) } ?? ""
            throw KafkaError(message.err, message: topic.isEmpty ? explanation : "\(topic): \(explanation)")
        default:
            // Transient: librdkafka reconnects and retries by itself.
            return nil
        }
    }

    private static func message(from native: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) -> KafkaMessage {
        let message = native.pointee
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(native, &timestampType)
        return KafkaMessage(
            topic: topic,
            partition: message.partition,
            offset: message.offset,
            key: bytes(message.key, count: message.key_len),
            value: bytes(message.payload, count: message.len),
            headers: headers(of: native),
            timestamp: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }

    private static func bytes(_ pointer: UnsafeRawPointer?, count: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func headers(of native: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(native, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var headers: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: bytes(value, count: size)))
            index += 1
        }
        return headers
    }
}

extension KafkaConsumer {
    /// The consumer's messages and ends of partitions as an async sequence.
    public struct Events: AsyncSequence, Sendable {
        public typealias Element = KafkaConsumerEvent
        let consumer: KafkaConsumer

        public struct AsyncIterator: AsyncIteratorProtocol {
            let consumer: KafkaConsumer

            public mutating func next() async throws -> KafkaConsumerEvent? {
                let consumer = consumer
                while !Task.isCancelled {
                    // Short polls let cancellation and `close()` end the iteration promptly.
                    let event = try await runBlocking(on: consumer.pollQueue) { () throws -> KafkaConsumerEvent?? in
                        do {
                            return .some(try consumer.poll(timeout: .milliseconds(100)))
                        } catch let error as KafkaError where error.code == .closed {
                            return .none
                        }
                    }
                    switch event {
                    case .none: return nil
                    case .some(.some(let event)): return event
                    case .some(.none): continue
                    }
                }
                return nil
            }
        }

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(consumer: consumer)
        }
    }

    /// The consumer's messages as an async sequence.
    public struct Messages: AsyncSequence, Sendable {
        public typealias Element = KafkaMessage
        let events: Events

        public struct AsyncIterator: AsyncIteratorProtocol {
            var events: Events.AsyncIterator

            public mutating func next() async throws -> KafkaMessage? {
                while let event = try await events.next() {
                    if case .message(let message) = event { return message }
                }
                return nil
            }
        }

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(events: events.makeAsyncIterator())
        }
    }
}
