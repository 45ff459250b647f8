import CRdKafka

/// An error reported by librdkafka or by a broker, with librdkafka's name for it and a readable message.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An error code from librdkafka's `rd_kafka_resp_err_t`: negative codes are local to the client,
    /// non-negative codes come from the Kafka protocol.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        init(_ native: rd_kafka_resp_err_t) {
            self.rawValue = native.rawValue
        }

        /// librdkafka's symbolic name, such as `_TIMED_OUT` or `UNKNOWN_TOPIC_OR_PART`.
        public var name: String {
            String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue: rawValue)))
        }

        /// librdkafka's description of the code.
        public var explanation: String {
            String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue: rawValue)))
        }

        public var description: String { name }

        /// An operation did not finish within its timeout.
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        /// A message was not delivered within `message.timeout.ms`.
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        /// An argument or a configuration value was rejected.
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        /// No broker could be reached.
        public static let transport = Code(RD_KAFKA_RESP_ERR__TRANSPORT)
        /// Every known broker is down.
        public static let allBrokersDown = Code(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
        /// The client does not know the topic.
        public static let unknownTopic = Code(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        /// The client does not know the partition.
        public static let unknownPartition = Code(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
        /// The broker does not know the topic or partition.
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        /// A topic with that name exists already.
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        /// The producer's local queue is full.
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        /// The client raised a fatal error and can no longer be used.
        public static let fatal = Code(RD_KAFKA_RESP_ERR__FATAL)
        /// The handle has been closed.
        public static let closed = Code(RD_KAFKA_RESP_ERR__DESTROY)
    }

    /// What went wrong, as librdkafka classifies it.
    public let code: Code
    /// A message fit to show a user: librdkafka's error string, with context added by this client.
    public let message: String

    /// Makes an error from a code and a message; an empty message takes librdkafka's description of the code.
    public init(code: Code, message: String = "") {
        self.code = code
        self.message = message.isEmpty ? code.explanation : message
    }

    init(_ native: rd_kafka_resp_err_t, message: String = "") {
        self.init(code: Code(native), message: message)
    }

    /// Takes over an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer) {
        defer { rd_kafka_error_destroy(error) }
        self.init(code: Code(rd_kafka_error_code(error)), message: String(cString: rd_kafka_error_string(error)))
    }

    /// librdkafka's symbolic name of the code, such as `_TIMED_OUT`.
    public var name: String { code.name }

    public var description: String { "\(message) (\(name))" }

    /// Throws when `native` is not `RD_KAFKA_RESP_ERR_NO_ERROR`.
    static func check(_ native: rd_kafka_resp_err_t, _ context: @autoclosure () -> String = "") throws {
        guard native != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        let explanation = String(cString: rd_kafka_err2str(native))
        let prefix = context()
        throw KafkaError(native, message: prefix.isEmpty ? explanation : "\(prefix): \(explanation)")
    }
}
