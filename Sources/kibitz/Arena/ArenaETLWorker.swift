import Apps
import EventLog
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

    /// Consumes until the task is cancelled, then writes what is finished and leaves the group.
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
                try receive(message)
            }
            if finishedRows >= Self.rowsPerWrite || clock.now - lastWrite >= flushInterval {
                try await writeAndCommit(consumer: consumer, producer: producer)
                lastWrite = clock.now
            }
        }
        try await writeAndCommit(consumer: consumer, producer: producer)
    }

    private mutating func receive(_ message: KafkaMessage) throws {
        let partition = message.partition
        if partitions[partition] == nil || message.offset < partitions[partition]?.nextOffset ?? 0 {
            // A partition new to this worker, or read again from the committed offset after a
            // rebalance: start over from what the warehouse holds.
            reportSetAside(of: partition, retiring: true)
            finished[partition] = nil
            let writtenThrough = try warehouse.recover(partition: partition)
            partitions[partition] = ArenaPartitionETL(partition: partition, writtenThrough: writtenThrough)
            logger.debug(
                "arena ETL took a partition",
                metadata: [
                    "worker": "\(index)", "partition": "\(partition)", "written-through": "\(writtenThrough ?? -1)",
                ]
            )
        }
        switch partitions[partition]!.receive(offset: message.offset, key: message.key, value: message.value) {
        case .write(let game):
            finished[partition, default: []].append(game)
            finishedRows += game.meta.count + game.podium.count
        case .deadLetter(let letter):
            // Every letter is in the dead-letter topic and counted; the log gets a sample, so a flood
            // of bad records cannot flood it too.
            if let suppressed = deadLetterWarnings.admit("\(partition)") {
                logger.warning(
                    "arena record dead-lettered",
                    metadata: [
                        "partition": "\(partition)", "offset": "\(message.offset)", "reason": "\(letter.reason)",
                        "similar_messages_suppressed": "\(suppressed)",
                    ]
                )
            }
            deadLetters.append(letter)
        case nil:
            break
        }
    }

    private mutating func writeAndCommit(consumer: KafkaConsumer, producer: KafkaProducer) async throws {
        // A partition taken away in a rebalance is someone else's now: its games are left to them.
        let assigned = Set(try consumer.assignment().filter { $0.topic == ArenaLogRecord.topic }.map(\.partition))
        for partition in partitions.keys where !assigned.contains(partition) {
            reportSetAside(of: partition, retiring: true)
            partitions[partition] = nil
            finished[partition] = nil
            committed[partition] = nil
            warehouse.forget(partition: partition)
        }
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
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for (partition, state) in partitions {
            guard let offset = state.committableOffset, offset != committed[partition] else { continue }
            offsets[KafkaTopicPartition(topic: ArenaLogRecord.topic, partition: partition)] = offset
        }
        try consumer.commit(offsets)
        for (partition, offset) in offsets { committed[partition.partition] = offset }
        for partition in partitions.keys { reportSetAside(of: partition) }
        statistics.record(openGames: partitions.values.reduce(0) { $0 + $1.openGames }, worker: index)
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
