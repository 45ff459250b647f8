import CRdKafka
import Foundation
import Locking

/// Produces messages to a Kafka cluster through librdkafka.
///
/// Use `send(_:)` to wait for each message's partition and offset, or `enqueue(_:)` to hand
/// messages over without waiting and `flush(timeout:)` to wait for all of them at the end.
/// A background thread serves librdkafka's delivery reports for as long as the producer lives.
/// Messages still queued when the producer is released can be lost, so call `flush(timeout:)` first.
/// Keyed messages without a partition go where the Java client's default partitioner puts them
/// (librdkafka's `murmur2_random`), unless the configuration names another `partitioner`.
public final class KafkaProducer: Sendable {
    private let handle: KafkaHandle
    private let tally: Locked<KafkaDeliveryStatistics>
    private let poller: Poller

    /// Connects a producer to the cluster of `configuration`.
    ///
    /// - Parameters:
    ///   - compression: the codec for record batches (librdkafka's `compression.codec`).
    ///   - acknowledgments: how many replicas must have a message before it counts as delivered.
    public init(
        configuration: KafkaConfiguration,
        compression: KafkaCompression = .none,
        acknowledgments: KafkaAcknowledgments = .all
    ) throws {
        let native = try configuration.makeNativeConfiguration(defaults: [
            ("compression.codec", compression.rawValue),
            ("acks", acknowledgments.rawValue),
            // The Java client's default, which Kibitz's own writers use too: a key lands on the
            // same partition whichever of them writes it (librdkafka's default hashes with CRC32).
            ("partitioner", "murmur2_random"),
        ])
        let tally = Locked(KafkaDeliveryStatistics())
        rd_kafka_conf_set_dr_msg_cb(native, deliveryReportCallback)
        rd_kafka_conf_set_opaque(native, Unmanaged.passUnretained(tally).toOpaque())
        let handle = try KafkaHandle(kind: RD_KAFKA_PRODUCER, configuration: native, callbackContext: tally)
        self.handle = handle
        self.tally = tally
        self.poller = Poller(handle: handle)
    }

    deinit {
        poller.stop()
    }

    /// Produces `message` and waits until the cluster acknowledges it or delivery fails.
    ///
    /// Waits while librdkafka's local queue is full. Fails after `message.timeout.ms` (5 minutes by
    /// default) when the cluster cannot be reached.
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        while true {
            let outcome = await withCheckedContinuation { (continuation: DeliveryWaiter.Continuation) in
                let context = Unmanaged.passRetained(DeliveryWaiter(continuation: continuation))
                do throws(KafkaError) {
                    try produce(message, context: context.toOpaque())
                } catch {
                    // librdkafka refused the message, so no delivery report will come for it.
                    context.release()
                    continuation.resume(returning: .failure(error))
                }
            }
            switch outcome {
            case .success(let report):
                return report
            case .failure(let error) where error.code == .queueFull:
                try await Task.sleep(for: .milliseconds(10))
            case .failure(let error):
                throw error
            }
        }
    }

    /// Produces `message` without waiting for its delivery; the outcome shows in `deliveryStatistics`.
    ///
    /// Blocks while librdkafka's local queue is full, so that a fast writer cannot run out of memory.
    public func enqueue(_ message: KafkaProducerMessage) throws {
        while true {
            do throws(KafkaError) {
                return try produce(message, context: nil)
            } catch  where error.code == .queueFull {
                rd_kafka_poll(handle.pointer, 100)
            }
        }
    }

    /// Waits until every message handed to this producer has been delivered or has failed.
    ///
    /// Throws `KafkaError.Code.timedOut` when messages are still outstanding after `timeout`.
    public func flush(timeout: Duration) async throws {
        let handle = handle
        try await runBlocking {
            let result = rd_kafka_flush(handle.pointer, timeout.milliseconds)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
                let outstanding = rd_kafka_outq_len(handle.pointer)
                throw KafkaError(
                    result,
                    message: "\(outstanding) messages still undelivered after \(timeout.secondsDescription)"
                )
            }
        }
    }

    /// Delivery outcomes of the messages produced with `enqueue(_:)` so far.
    public var deliveryStatistics: KafkaDeliveryStatistics {
        tally.withLock { $0 }
    }

    /// Asks the cluster for its brokers and topics.
    public func metadata(timeout: Duration) async throws -> KafkaClusterMetadata {
        let handle = handle
        return try await runBlocking { try handle.metadata(timeout: timeout) }
    }

    private func produce(_ message: KafkaProducerMessage, context: UnsafeMutableRawPointer?) throws(KafkaError) {
        let headers = message.headers.isEmpty ? nil : Self.makeHeaders(message.headers)
        let error: OpaquePointer? = message.topic.withCString { topic in
            Self.withOptionalBytes(message.key) { key in
                Self.withOptionalBytes(message.value) { value in
                    var fields = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 6)
                    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC
                    fields[0].u.cstr = topic
                    fields[1].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    fields[1].u.i = RD_KAFKA_MSG_F_COPY
                    fields[2].vtype = RD_KAFKA_VTYPE_OPAQUE
                    fields[2].u.ptr = context
                    fields[3].vtype = RD_KAFKA_VTYPE_PARTITION
                    fields[3].u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA
                    fields[4].vtype = RD_KAFKA_VTYPE_KEY
                    fields[4].u.mem.ptr = UnsafeMutableRawPointer(mutating: key?.baseAddress)
                    fields[4].u.mem.size = key?.count ?? 0
                    fields[5].vtype = RD_KAFKA_VTYPE_VALUE
                    // A null pointer means a null value to librdkafka, so an empty value needs a real address.
                    if let value {
                        fields[5].u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress ?? emptyBytes)
                        fields[5].u.mem.size = value.count
                    }
                    if let headers {
                        var field = rd_kafka_vu_t()
                        field.vtype = RD_KAFKA_VTYPE_HEADERS
                        field.u.headers = headers
                        fields.append(field)
                    }
                    return rd_kafka_produceva(handle.pointer, fields, fields.count)
                }
            }
        }
        if let error {
            // On failure the headers stay ours to free; on success librdkafka owns them.
            if let headers { rd_kafka_headers_destroy(headers) }
            let failure = KafkaError(consuming: error)
            throw KafkaError(code: failure.code, message: "could not produce to \(message.topic): \(failure.message)")
        }
    }

    /// Lends the bytes to `body`, or nil when there are none.
    private static func withOptionalBytes<Result>(
        _ bytes: [UInt8]?,
        _ body: (UnsafeRawBufferPointer?) -> Result
    ) -> Result {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer {
        let list = rd_kafka_headers_new(headers.count)!
        for header in headers {
            if let value = header.value {
                value.withUnsafeBytes { bytes in
                    _ = rd_kafka_header_add(list, header.name, -1, bytes.baseAddress ?? emptyBytes, bytes.count)
                }
            } else {
                _ = rd_kafka_header_add(list, header.name, -1, nil, 0)
            }
        }
        return list
    }
}

/// A valid address for zero bytes, since librdkafka reads a null pointer as a null value.
nonisolated(unsafe) private let emptyBytes = UnsafeRawPointer(
    UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
)

/// Carries an async `send` across librdkafka's delivery report callback.
private final class DeliveryWaiter {
    typealias Continuation = CheckedContinuation<Result<KafkaDeliveryReport, KafkaError>, Never>
    let continuation: Continuation

    init(continuation: Continuation) {
        self.continuation = continuation
    }
}

/// Polls a producer on its own thread, which is where librdkafka runs delivery report callbacks.
private final class Poller: Sendable {
    private let stopped = Locked(false)

    init(handle: KafkaHandle) {
        let stopped = stopped
        // The thread keeps the handle alive until it has stopped polling it.
        let thread = Thread {
            while !stopped.withLock({ $0 }) {
                rd_kafka_poll(handle.pointer, 100)
            }
        }
        thread.name = "kafka-producer-poller"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
    }
}

/// Called by librdkafka on the polling thread, once for every produced message.
private func deliveryReportCallback(
    handle: OpaquePointer?,
    message: UnsafePointer<rd_kafka_message_t>?,
    opaque: UnsafeMutableRawPointer?
) {
    guard let message = message?.pointee else { return }
    let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
    let failure = KafkaError.optional(message.err).map { error in
        KafkaError(code: error.code, message: "could not deliver to \(topic) [\(message.partition)]: \(error.message)")
    }
    if let context = message._private {
        let waiter = Unmanaged<DeliveryWaiter>.fromOpaque(context).takeRetainedValue()
        if let failure {
            waiter.continuation.resume(returning: .failure(failure))
        } else {
            let offset = message.offset >= 0 ? message.offset : nil
            let report = KafkaDeliveryReport(topic: topic, partition: message.partition, offset: offset)
            waiter.continuation.resume(returning: .success(report))
        }
        return
    }
    guard let opaque else { return }
    let tally = Unmanaged<Locked<KafkaDeliveryStatistics>>.fromOpaque(opaque).takeUnretainedValue()
    tally.withLock { statistics in
        if let failure {
            statistics.failed += 1
            if statistics.firstError == nil { statistics.firstError = failure }
        } else {
            statistics.delivered += 1
        }
    }
}
