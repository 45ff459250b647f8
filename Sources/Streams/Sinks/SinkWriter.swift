import EventLog
import Foundation
import KafkaProtocol
import NIOCore

/// Appends a pipeline's staged records to their topics as RecordBatches, and after a crash appends
/// only those the topics do not hold yet.
///
/// Every record carries two headers, `kibitz.pipeline` and `kibitz.epoch`. Within one epoch the
/// records for one partition are appended in order, so after a crash the records of that epoch
/// already in the partition are a prefix of the checkpoint's list: the writer counts them (reading
/// from the offset the checkpoint noted before appending) and appends the rest.
struct SinkWriter {
    static let pipelineHeader = "kibitz.pipeline"
    static let epochHeader = "kibitz.epoch"
    /// Batches stay well below the default `max.message.bytes` of 1 MiB.
    static let batchBytes = 256 * 1024

    let pipelineName: String
    let storage: any StreamStorage
    private var partitionsByTopic: [String: [any PartitionLog]] = [:]

    init(pipelineName: String, storage: any StreamStorage) {
        self.pipelineName = pipelineName
        self.storage = storage
    }

    /// Makes sure `topic` exists (one partition when it has to be created).
    mutating func prepare(topic: String) throws {
        partitionsByTopic[topic] = try storage.partitionLogs(of: topic, creatingWith: 1)
    }

    private mutating func partitions(of topic: String) throws -> [any PartitionLog] {
        if let partitions = partitionsByTopic[topic] { return partitions }
        try prepare(topic: topic)
        return partitionsByTopic[topic] ?? []
    }

    /// Chooses each record's partition: by a stable hash of the key (the same in every process,
    /// unlike `Hasher`), or of the value for unkeyed records, so a replay chooses the same.
    mutating func assignPartitions(_ records: inout [OutputRecord]) throws {
        for index in records.indices {
            let count = try partitions(of: records[index].topic).count
            let hash = Self.stableHash(records[index].key ?? records[index].value)
            records[index].partition = Int32(truncatingIfNeeded: hash % UInt64(max(1, count)))
        }
    }

    /// The current end offset of every partition `records` go to.
    mutating func endOffsets(for records: [OutputRecord]) throws -> [PartitionOffset] {
        var seen: Set<PartitionOffset> = []
        for record in records {
            let partition = record.partition ?? 0
            let log = try partitions(of: record.topic)[Int(partition)]
            seen.insert(PartitionOffset(topic: record.topic, partition: partition, offset: log.latestOffset))
        }
        return seen.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Appends `records` (with partitions assigned) tagged with `epoch`; with `startOffsets`, first
    /// skips those already in each partition since that offset (the recovery path).
    mutating func append(_ records: [OutputRecord], epoch: Int64, skippingFrom startOffsets: [PartitionOffset]?) throws
    {
        var groups: [PartitionOffset: [OutputRecord]] = [:]
        var order: [PartitionOffset] = []
        for record in records {
            let target = PartitionOffset(topic: record.topic, partition: record.partition ?? 0, offset: 0)
            if groups[target] == nil { order.append(target) }
            groups[target, default: []].append(record)
        }
        for target in order {
            let log = try partitions(of: target.topic)[Int(target.partition)]
            var pending = groups[target] ?? []
            if let start = startOffsets?.first(where: { $0.topic == target.topic && $0.partition == target.partition })
            {
                let present = try countRecords(in: log, from: start.offset, epoch: epoch)
                pending.removeFirst(min(present, pending.count))
            }
            try appendBatches(pending, to: log, epoch: epoch)
        }
    }

    private func appendBatches(_ records: [OutputRecord], to log: any PartitionLog, epoch: Int64) throws {
        let headers = [
            RecordHeader(key: Self.pipelineHeader, value: ByteBuffer(string: pipelineName)),
            RecordHeader(key: Self.epochHeader, value: ByteBuffer(string: String(epoch))),
        ]
        var start = 0
        while start < records.count {
            var size = 0
            var end = start
            while end < records.count, end == start || size < Self.batchBytes {
                size += records[end].value.count + (records[end].key?.count ?? 0) + 64
                end += 1
            }
            let slice = records[start..<end]
            let baseTimestamp = slice.map(\.timestamp).min() ?? 0
            let batch = RecordBatch(
                baseTimestamp: baseTimestamp,
                records: slice.enumerated().map { index, record in
                    Record(
                        timestampDelta: record.timestamp - baseTimestamp,
                        offsetDelta: Int32(index),
                        key: record.key.map { ByteBuffer(bytes: $0) },
                        value: ByteBuffer(bytes: record.value),
                        headers: headers
                    )
                }
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            _ = try log.append(buffer)
            start = end
        }
    }

    /// How many records of this pipeline's `epoch` the partition holds from `offset` on.
    private func countRecords(in log: any PartitionLog, from offset: Int64, epoch: Int64) throws -> Int {
        let epochText = String(epoch)
        var position = max(offset, log.earliestOffset)
        var count = 0
        while position < log.latestOffset {
            let result = try log.read(from: position, maxBytes: 1 << 20)
            var iterator = RecordBatchIterator(result.records)
            var advanced = false
            while let batch = try iterator.next() {
                for record in batch.records where batch.offset(of: record) >= position {
                    let pipeline = record.headers.first { $0.key == Self.pipelineHeader }?.value
                    let recordEpoch = record.headers.first { $0.key == Self.epochHeader }?.value
                    if pipeline.map({ String(buffer: $0) }) == pipelineName,
                        recordEpoch.map({ String(buffer: $0) }) == epochText
                    {
                        count += 1
                    }
                }
                if let last = batch.records.last {
                    position = max(position, batch.offset(of: last) + 1)
                    advanced = true
                }
            }
            if !advanced { break }
        }
        return count
    }

    /// FNV-1a, 64 bits.
    static func stableHash(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
