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

    init(pipelineName: String, storage: any StreamStorage) {
        self.pipelineName = pipelineName
        self.storage = storage
    }

    /// Makes sure `topic` exists (one partition when it has to be created).
    func prepare(topic: String) throws {
        _ = try partitions(of: topic)
    }

    /// The topic's partitions as they are now: looked up for every checkpoint rather than kept, so
    /// that a sink topic deleted while the pipeline runs is created again instead of failing each
    /// append.
    private func partitions(of topic: String) throws -> [any PartitionLog] {
        try storage.partitionLogs(of: topic, creatingWith: 1)
    }

    /// The log of the partition a batch was encoded for.
    private func log(for batch: SinkBatch) throws -> any PartitionLog {
        let partitions = try partitions(of: batch.topic)
        guard Int(batch.partition) < partitions.count else {
            throw StreamsError.storage(
                "\(batch.topic) has \(partitions.count) partitions now, the checkpoint wrote to partition \(batch.partition)"
            )
        }
        return partitions[Int(batch.partition)]
    }

    /// Chooses each record's partition and encodes the records of each partition, tagged with
    /// `epoch`, into batches: what the checkpoint stores and `append` writes.
    ///
    /// A keyed record goes where Kafka's default partitioner puts its key (`KeyPartitioner`), as
    /// every other writer does; an unkeyed record goes by the same hash of its value, so a replay
    /// chooses the same partition. Partitions come in the order of their first record; each
    /// partition's records keep their order.
    func encode(_ records: [OutputRecord], epoch: Int64) throws -> [SinkBatch] {
        // Grouped by position, so that no record is copied (a retain of each of its parts) on the way.
        var groups: [PartitionOffset: [Int]] = [:]
        var order: [PartitionOffset] = []
        var partitionCounts: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let count = try partitionCounts[record.topic] ?? partitions(of: record.topic).count
            partitionCounts[record.topic] = count
            let partition = (record.key ?? record.value).withUnsafeBytes { bytes in
                KeyPartitioner.partition(forKey: bytes, partitionCount: Int32(clamping: max(1, count)))
            }
            let target = PartitionOffset(topic: record.topic, partition: partition, offset: 0)
            if groups[target] == nil { order.append(target) }
            groups[target, default: []].append(index)
        }
        var batches: [SinkBatch] = []
        for target in order {
            try encodeBatches(records, at: groups[target] ?? [], to: target, epoch: epoch, into: &batches)
        }
        return batches
    }

    /// The current end offset of every partition `batches` go to.
    func endOffsets(for batches: [SinkBatch]) throws -> [PartitionOffset] {
        var seen: Set<PartitionOffset> = []
        for batch in batches {
            let log = try log(for: batch)
            seen.insert(PartitionOffset(topic: batch.topic, partition: batch.partition, offset: log.latestOffset))
        }
        return seen.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Appends `batches` of `epoch`; with `startOffsets`, first skips the records already in each
    /// partition since that offset (the recovery path).
    func append(_ batches: [SinkBatch], epoch: Int64, skippingFrom startOffsets: [PartitionOffset]?) throws {
        var present: [PartitionOffset: Int] = [:]
        for batch in batches {
            let target = PartitionOffset(topic: batch.topic, partition: batch.partition, offset: 0)
            let log = try log(for: batch)
            if present[target] == nil {
                let start = startOffsets?.first { $0.topic == batch.topic && $0.partition == batch.partition }
                present[target] = try start.map { try countRecords(in: log, from: $0.offset, epoch: epoch) } ?? 0
            }
            let skipped = min(present[target] ?? 0, batch.recordCount)
            present[target] = (present[target] ?? 0) - skipped
            if skipped == batch.recordCount { continue }
            guard skipped == 0 else {
                // The log appends a batch whole or, after a torn write, not at all.
                throw StreamsError.storage("\(batch.topic)-\(batch.partition) holds part of a sink batch")
            }
            _ = try log.append(batch.bytes)
        }
    }

    /// Encodes the records at `positions`, in that order, into batches for `target`.
    private func encodeBatches(
        _ records: [OutputRecord],
        at positions: [Int],
        to target: PartitionOffset,
        epoch: Int64,
        into batches: inout [SinkBatch]
    ) throws {
        let headers = [
            RecordHeader(key: Self.pipelineHeader, value: ByteBuffer(string: pipelineName)),
            RecordHeader(key: Self.epochHeader, value: ByteBuffer(string: String(epoch))),
        ]
        var start = 0
        while start < positions.count {
            var size = 0
            var end = start
            while end < positions.count, end == start || size < Self.batchBytes {
                size += records[positions[end]].value.count + (records[positions[end]].key?.count ?? 0) + 64
                end += 1
            }
            let slice = positions[start..<end]
            let baseTimestamp = slice.lazy.map { records[$0].timestamp }.min() ?? 0
            let batch = RecordBatch(
                baseTimestamp: baseTimestamp,
                records: slice.enumerated().map { index, position in
                    Record(
                        timestampDelta: records[position].timestamp - baseTimestamp,
                        offsetDelta: Int32(index),
                        key: records[position].key.map { ByteBuffer(bytes: $0) },
                        value: ByteBuffer(bytes: records[position].value),
                        headers: headers
                    )
                }
            )
            var buffer = ByteBuffer()
            try batch.encode(into: &buffer)
            batches.append(
                SinkBatch(
                    topic: target.topic,
                    partition: target.partition,
                    recordCount: slice.count,
                    bytes: buffer
                )
            )
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
}
