import Foundation
import NIOCore

/// Runs a pipeline over records given in code, without a log, a server or checkpoints: for fast
/// unit tests of pipelines (Kafka Streams' `TopologyTestDriver`).
///
/// Every record is processed at once; what the pipeline emits for its sinks and its dead-letter
/// topic is collected per topic.
public final class TestDriver {
    /// The pipeline under test.
    public let pipeline: Pipeline
    private var nextOffsets: [String: Int64] = [:]
    private var outputs: [String: [OutputRecord]] = [:]

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    /// Processes a record whose value is the given JSON text.
    public func send(
        topic: String,
        json: String,
        key: String? = nil,
        timestamp: Int64 = 0,
        partition: Int32 = 0
    ) {
        send(topic: topic, value: ByteBuffer(string: json), key: key, timestamp: timestamp, partition: partition)
    }

    /// Processes a record whose value is `value` encoded as JSON.
    public func send(
        topic: String,
        _ value: some Encodable,
        key: String? = nil,
        timestamp: Int64 = 0,
        partition: Int32 = 0
    ) throws {
        let bytes = try JSONEncoder().encode(value)
        send(topic: topic, value: ByteBuffer(bytes: bytes), key: key, timestamp: timestamp, partition: partition)
    }

    /// Processes a record with raw bytes as its value (nil: a tombstone).
    public func send(
        topic: String,
        value: ByteBuffer?,
        key: String? = nil,
        timestamp: Int64 = 0,
        partition: Int32 = 0
    ) {
        let name = "\(topic)-\(partition)"
        let offset = nextOffsets[name, default: 0]
        nextOffsets[name] = offset + 1
        pipeline.process(
            SourceRecord(
                topic: topic,
                partition: partition,
                offset: offset,
                timestamp: timestamp,
                key: key.map { ByteBuffer(string: $0) },
                value: value
            )
        )
        collect()
    }

    /// Moves the watermark to `watermark` (never back), closing the windows that end by then.
    public func advanceWatermark(to watermark: Int64) {
        pipeline.advanceWatermark(to: watermark)
        collect()
    }

    /// Closes every open window, as the end of input would.
    public func finish() {
        advanceWatermark(to: .max)
    }

    /// The records emitted to `topic` so far.
    public func output(topic: String) -> [OutputRecord] {
        outputs[topic] ?? []
    }

    /// The values emitted to `topic` so far, decoded from JSON.
    public func output<Value: Decodable>(topic: String, as type: Value.Type) throws -> [Value] {
        try output(topic: topic).map { try JSONDecoder().decode(type, from: $0.value) }
    }

    /// What went to the dead-letter topic so far.
    public var deadLetters: [DeadLetter] {
        (try? output(topic: pipeline.deadLetterTopic, as: DeadLetter.self)) ?? []
    }

    private func collect() {
        for record in pipeline.takeOutput() { outputs[record.topic, default: []].append(record) }
    }
}
