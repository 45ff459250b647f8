import EventLog
import Foundation
import KafkaProtocol
import NIOCore

/// Fills one-partition topics of an embedded log from JSON-lines files, one record per line.
///
/// Loading stands for producers having filled the topics earlier, so no benchmark times it.
enum TopicLoader {
    /// The lines of the file at `path`, without their line feeds.
    static func lines(ofFile path: String) throws -> [ArraySlice<UInt8>] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return bytes.split(separator: UInt8(ascii: "\n"))
    }

    /// Creates `topic` with one partition and appends `lines` to it in batches of a thousand records.
    static func load(_ lines: [ArraySlice<UInt8>], into topic: String, of log: EventLog) throws {
        try log.createTopic(topic, partitions: 1)
        let partition = try log.partition(topic: topic, partition: 0)
        var index = 0
        while index < lines.count {
            let end = min(index + 1_000, lines.count)
            let batch = RecordBatch(
                baseTimestamp: 1_700_000_000_000,
                records: (index..<end).map { position in
                    Record(offsetDelta: Int32(position - index), value: ByteBuffer(bytes: lines[position]))
                }
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            _ = try partition.append(buffer)
            index = end
        }
    }

    /// An empty log in `directory` that never flushes on its own, as the benchmarks use it.
    static func scratchLog(in directory: ScratchDirectory) throws -> EventLog {
        try EventLog(
            directory: directory.path,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
    }
}
