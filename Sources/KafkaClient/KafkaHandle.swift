import CRdKafka
import Dispatch

/// Owns one `rd_kafka_t` and destroys it when the last reference goes away.
///
/// librdkafka documents its handles as safe to use from several threads, which is why this
/// class, and the public types built on it, can be `Sendable`.
final class KafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// State that librdkafka's callbacks reach through the handle's opaque pointer; it is released
    /// only after `rd_kafka_destroy`, so no callback can outlive it.
    private let callbackContext: AnyObject?

    /// Creates a handle of `kind`, taking ownership of `configuration` (an `rd_kafka_conf_t`).
    init(kind: rd_kafka_type_t, configuration: OpaquePointer, callbackContext: AnyObject? = nil) throws {
        var reason = [CChar](repeating: 0, count: 512)
        guard let pointer = rd_kafka_new(kind, configuration, &reason, reason.count) else {
            rd_kafka_conf_destroy(configuration)
            let explanation = String(nullTerminated: reason)
            throw KafkaError(code: .invalidArgument, message: "could not create the Kafka client: \(explanation)")
        }
        self.pointer = pointer
        self.callbackContext = callbackContext
    }

    deinit {
        rd_kafka_destroy(pointer)
    }

    /// The client's name, such as `rdkafka#producer-1`, as it appears in librdkafka's logs.
    var name: String { String(cString: rd_kafka_name(pointer)) }

    /// Asks the cluster for its brokers and every topic, waiting at most `timeout`.
    func metadata(timeout: Duration) throws -> KafkaClusterMetadata {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let result = rd_kafka_metadata(pointer, 1, nil, &metadata, timeout.milliseconds)
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(
                result,
                message: "no metadata from the cluster within \(timeout.secondsDescription): "
                    + String(cString: rd_kafka_err2str(result))
            )
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        return KafkaClusterMetadata(metadata.pointee)
    }

    /// Asks the partition's leader for its earliest and next offsets.
    func watermarks(topic: String, partition: Int32, timeout: Duration) throws -> KafkaWatermarks {
        var low: Int64 = 0
        var high: Int64 = 0
        let result = rd_kafka_query_watermark_offsets(pointer, topic, partition, &low, &high, timeout.milliseconds)
        try KafkaError.check(result, "could not read the offsets of \(topic) [\(partition)]")
        return KafkaWatermarks(low: low, high: high)
    }
}

extension Duration {
    /// The duration in whole milliseconds, clamped to what librdkafka's `int` timeouts hold.
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let total = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }

    /// The duration in seconds for messages, such as `5 s` or `0.25 s`.
    var secondsDescription: String {
        let milliseconds = Int(self.milliseconds)
        if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000) s" }
        return "\(Double(milliseconds) / 1_000) s"
    }
}

/// Runs blocking librdkafka work on a Dispatch thread so that it never stalls Swift's cooperative pool.
func runBlocking<Result: Sendable>(
    on queue: DispatchQueue = .global(),
    _ work: @escaping @Sendable () throws -> Result
) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        queue.async { continuation.resume(with: Swift.Result { try work() }) }
    }
}

extension String {
    /// Decodes the text that librdkafka wrote into an error buffer.
    init(nullTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
