import EventLog
import FastJSON
import Foundation
import KafkaClient
import Logging
import Streams

/// One member of the arena ETL consumer group: reads its share of `lib.server.lobby`, gathers each
/// game's records, and writes finished games to the warehouse.
///
/// Every `flushInterval` (or sooner when many rows wait) it writes the finished games, sends the
/// dead letters and waits for them to be acknowledged, and only then commits each partition's
/// `ArenaPartitionETL.committableOffset`. A crash anywhere in between makes the group read the
/// unfinished games again, and the warehouse's file names keep written games from doubling.
///
/// Each commit names the warehouse generation it belongs to; a topic deleted and created again
/// takes the commits with it, which is how the worker tells the new log from the old one (see
/// `ArenaPartitionTakeover`).
struct ArenaETLWorker {
    /// The topic dead letters go to.
    static let deadLetterTopic = ArenaPartitionETL.name + ".dead-letter"
    /// Finished rows that make a write due before the interval is up.
    static let rowsPerWrite = 50_000

    let index: Int
    let configuration: KafkaConfiguration
    let warehouse: ArenaWarehouse
    let flushInterval: Duration
    let statistics: ArenaWarehouseStatistics
    let logger: Logger
    /// How many times the worker took up a partition: it has read the topic when more than zero.
    private(set) var partitionsTaken = 0
    private let deadLetterWarnings = LogRateLimiter(interval: .seconds(10))

    private var partitions: [Int32: ArenaPartitionETL] = [:]
    private var finished: [Int32: [ArenaFinishedGame]] = [:]
    private var finishedRows = 0
    private var deadLetters: [DeadLetter] = []
    private var committed: [Int32: Int64] = [:]
    /// What each partition's processor had set aside at the last report to the statistics.
    private var reportedSetAside: [Int32: ArenaSetAside] = [:]
    private let deadLetterEncoder = EventJSON.makeEncoder()

    init(
        index: Int,
        configuration: KafkaConfiguration,
        warehouse: ArenaWarehouse,
        flushInterval: Duration,
        statistics: ArenaWarehouseStatistics,
        logger: Logger
    ) {
        self.index = index
        self.configuration = configuration
        self.warehouse = warehouse
        self.flushInterval = flushInterval
        self.statistics = statistics
        self.logger = logger
    }

    /// Consumes until the task is cancelled, then writes what is finished and leaves the group; or
    /// until `lib.server.lobby` is deleted under it, when it returns at once, writing nothing more, so
    /// that a fresh worker reads the topic from its start when it is created again.
    mutating func run() async throws {
        let consumer = try KafkaConsumer(
            configuration: configuration,
            groupID: ArenaPartitionETL.name,
            offsetReset: .earliest,
            commitsAutomatically: false
        )
        defer { try? consumer.close() }
        let producer = try KafkaProducer(configuration: configuration, acknowledgments: .all)
        try consumer.subscribe(to: [ArenaLogRecord.topic])
        let clock = ContinuousClock()
        var lastWrite = clock.now
        while !Task.isCancelled {
            let events = try await consumer.poll(upTo: 10_000, timeout: .milliseconds(20))
            for case .message(let message) in events where message.topic == ArenaLogRecord.topic {
                let partition = message.partition
                if partitions[partition] == nil || message.offset < partitions[partition]?.nextOffset ?? 0 {
                    // A partition new to this worker, or read again from the committed offset after a
                    // rebalance or from a topic created again: start over from what the warehouse holds.
                    try await take(partition, readingFrom: message.offset, consumer: consumer)
                }
                try receive(message)
            }
            if finishedRows >= Self.rowsPerWrite || clock.now - lastWrite >= flushInterval {
                guard try await writeAndCommit(consumer: consumer, producer: producer) else { return }
                lastWrite = clock.now
            }
        }
        try await writeAndCommit(consumer: consumer, producer: producer)
    }

    /// Takes up `partition` from what the warehouse holds, the group's committed offset and the log's
    /// end, noticing a topic that started over (see `ArenaPartitionTakeover`); commits first when the
    /// commit does not yet name the generation to write, so that no file is ever written without one.
    private mutating func take(_ partition: Int32, readingFrom offset: Int64, consumer: KafkaConsumer) async throws {
        reportSetAside(of: partition, retiring: true)
        finished[partition] = nil
        let topicPartition = KafkaTopicPartition(topic: ArenaLogRecord.topic, partition: partition)
        let files = try warehouse.recover(partition: partition)
        let committedPosition = try await consumer.committedPositions(of: [topicPartition], timeout: .seconds(10))
        let position = committedPosition[topicPartition] ?? nil
        let logEnd = try await consumer.watermarks(of: topicPartition, timeout: .seconds(10)).high
        let takeover = ArenaPartitionTakeover(
            files: files,
            committedOffset: position?.offset,
            committedMetadata: position?.metadata ?? "",
            logEnd: logEnd
        )
        if let restart = takeover.restart {
            logger.notice(
                "arena ETL: the topic started over (deleted and created again); its games go to a new warehouse generation",
                metadata: [
                    "topic": "\(ArenaLogRecord.topic)", "partition": "\(partition)",
                    "old_mark": "\(restart.previousReach)", "old_generation": "\(restart.previousGeneration)",
                    "committed_offset": "\(position.map { String($0.offset) } ?? "none")",
                    "new_end": "\(restart.logEnd)", "generation": "\(takeover.generation)",
                ]
            )
        }
        warehouse.resume(partition: partition, generation: takeover.generation, files: files)
        committed[partition] = position?.offset
        if takeover.commitsFirst {
            try consumer.commit([
                topicPartition: KafkaOffsetAndMetadata(offset: offset, metadata: takeover.commitMetadata)
            ])
            committed[partition] = offset
        }
        partitions[partition] = ArenaPartitionETL(partition: partition, writtenThrough: takeover.writtenThrough)
        partitionsTaken += 1
        logger.debug(
            "arena ETL took a partition",
            metadata: [
                "worker": "\(index)", "partition": "\(partition)", "generation": "\(takeover.generation)",
                "written-through": "\(takeover.writtenThrough ?? -1)",
            ]
        )
    }

    private mutating func receive(_ message: KafkaMessage) throws {
        let partition = message.partition
        switch partitions[partition]!.receive(offset: message.offset, key: message.key, value: message.value) {
        case .write(let game):
            finished[partition, default: []].append(game)
            finishedRows += game.meta.count + game.podium.count
        case .deadLetter(let letter):
            // Every letter is in the dead-letter topic and counted; the log gets a sample, so a flood
            // of bad records cannot flood it too.
            deadLetterWarnings.log(
                "arena record dead-lettered",
                level: .warning,
                kind: "\(partition)",
                metadata: ["partition": "\(partition)", "offset": "\(message.offset)", "reason": "\(letter.reason)"],
                to: logger
            )
            deadLetters.append(letter)
        case nil:
            break
        }
    }

    /// Writes the finished games and dead letters, then commits; returns false, having done
    /// neither, when the topic was deleted under the worker.
    @discardableResult
    private mutating func writeAndCommit(consumer: KafkaConsumer, producer: KafkaProducer) async throws -> Bool {
        // A partition taken away in a rebalance is someone else's now: its games are left to them.
        let assigned = Set(try consumer.assignment().filter { $0.topic == ArenaLogRecord.topic }.map(\.partition))
        for partition in partitions.keys where !assigned.contains(partition) {
            reportSetAside(of: partition, retiring: true)
            partitions[partition] = nil
            finished[partition] = nil
            committed[partition] = nil
            warehouse.forget(partition: partition)
        }
        // What was read since the last commit may be the new topic's, taken for the old one's: it is
        // dropped with the old topic's unwritten games, and read again by the next worker.
        guard try await partitionsWithoutCommit(consumer: consumer).isEmpty else { return false }
        for (partition, games) in finished where !games.isEmpty {
            let report = try warehouse.write(games, partition: partition)
            statistics.record(written: games, report: report)
        }
        finished.removeAll(keepingCapacity: true)
        finishedRows = 0
        if !deadLetters.isEmpty {
            for letter in deadLetters {
                try producer.enqueue(
                    KafkaProducerMessage(
                        topic: Self.deadLetterTopic,
                        key: nil,
                        value: Array(try deadLetterEncoder.encode(letter))
                    )
                )
            }
            let failedBefore = producer.deliveryStatistics.failed
            try await producer.flush(timeout: .seconds(30))
            let delivery = producer.deliveryStatistics
            guard delivery.failed == failedBefore else {
                // Committing now would lose the records whose letters were not delivered.
                throw delivery.firstError
                    ?? KafkaError(code: .messageTimedOut, message: "dead letters were not delivered")
            }
            statistics.record(deadLetters: deadLetters.count)
            deadLetters.removeAll()
        }
        var offsets: [KafkaTopicPartition: KafkaOffsetAndMetadata] = [:]
        for (partition, state) in partitions {
            guard let offset = state.committableOffset, offset != committed[partition] else { continue }
            offsets[KafkaTopicPartition(topic: ArenaLogRecord.topic, partition: partition)] = KafkaOffsetAndMetadata(
                offset: offset,
                metadata: ArenaPartitionTakeover.metadata(generation: warehouse.generation(of: partition))
            )
        }
        try consumer.commit(offsets)
        for (partition, position) in offsets { committed[partition.partition] = position.offset }
        for partition in partitions.keys { reportSetAside(of: partition) }
        statistics.record(openGames: partitions.values.reduce(0) { $0 + $1.openGames }, worker: index)
        return true
    }

    /// The partitions whose commit the group no longer has: the broker deleted it with the topic.
    ///
    /// librdkafka may not notice a topic that is deleted and created again within its metadata
    /// intervals, and goes on reading the new log from the old position as if it were the same; so
    /// before anything read since the last commit is written, every commit must still be there
    /// (`take` commits first, so each partition taken has one).
    private func partitionsWithoutCommit(consumer: KafkaConsumer) async throws -> [Int32] {
        let expected = committed.keys.map { KafkaTopicPartition(topic: ArenaLogRecord.topic, partition: $0) }
        guard !expected.isEmpty else { return [] }
        let positions = try await consumer.committedPositions(of: expected, timeout: .seconds(10))
        return expected.filter { (positions[$0] ?? nil) == nil }.map(\.partition)
    }

    /// Adds to the statistics what `partition`'s processor set aside since the last report. A
    /// processor about to be replaced or dropped reports as `retiring`, so that no count is lost
    /// with it and its successor counts from zero.
    private mutating func reportSetAside(of partition: Int32, retiring: Bool = false) {
        if let current = partitions[partition]?.setAside {
            let added = current.since(reportedSetAside[partition] ?? ArenaSetAside())
            if added != ArenaSetAside() { statistics.record(setAside: added) }
            reportedSetAside[partition] = current
        }
        if retiring { reportedSetAside[partition] = nil }
    }
}
