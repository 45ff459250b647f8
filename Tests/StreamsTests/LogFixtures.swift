import EventLog
import Foundation
import KafkaProtocol
import NIOCore
import Streams

/// A fresh directory under the system's temporary directory, removed with the value.
final class ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "streams-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum LogFixtures {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    /// Appends each value as its own batch, as a producer without batching would.
    static func append(_ values: [String], to partition: any PartitionLog, timestamp: Int64 = 1_000) throws {
        for value in values {
            let batch = RecordBatch(
                baseTimestamp: timestamp,
                records: [Record(offsetDelta: 0, value: ByteBuffer(string: value))]
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            _ = try partition.append(buffer)
        }
    }

    /// Every record value of a topic, partition by partition, in offset order.
    static func values(of topic: String, in log: EventLog) throws -> [String] {
        var values: [String] = []
        for partition in try log.partitions(topic: topic) {
            var offset = partition.earliestOffset
            while offset < partition.latestOffset {
                let result = try partition.read(from: offset, maxBytes: 1 << 20)
                var iterator = RecordBatchIterator(result.records)
                while let batch = try iterator.next() {
                    for record in batch.records where batch.offset(of: record) >= offset {
                        values.append(record.value.map { String(buffer: $0) } ?? "null")
                        offset = batch.offset(of: record) + 1
                    }
                }
            }
        }
        return values
    }
}

/// Waits, polling, until `condition` holds or `seconds` pass; returns whether it held.
func eventually(seconds: Double = 20, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
