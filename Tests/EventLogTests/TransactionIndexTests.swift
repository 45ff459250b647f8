import EventLog
import KafkaProtocol
import NIOCore
import Testing

/// Open and aborted transactions of a partition: the last stable offset, the aborted list a
/// read_committed Fetch needs, fencing by markers, and all of it rebuilt after a crash.
@Suite struct TransactionIndexTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    @Test func markersDecideTransactionsAndSurviveACrashAndACleanRestart() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("ledger", partitions: 1, configuration: TopicConfiguration(segmentBytes: 600))
        let partition = try log.partition(topic: "ledger", partition: 0)
        // Producer 1's transaction (offsets 0-1) aborts; producer 2's (offset 2) stays open.
        try partition.append(TestBatches.batch(producerId: 1, epoch: 0, sequence: 0, transactional: true))
        try partition.append(TestBatches.batch(producerId: 1, epoch: 0, sequence: 1, transactional: true))
        try partition.append(TestBatches.batch(producerId: 2, epoch: 0, sequence: 0, transactional: true))
        try partition.append(TestBatches.batch())
        let abortAt = try partition.appendMarker(ControlRecord(kind: .abort), producerId: 1, producerEpoch: 0)
        #expect(abortAt == 4)
        #expect(partition.lastStableOffset == 2)
        #expect(partition.openTransactions == [2: 2])
        let expected = [TransactionIndex.AbortedTransaction(producerId: 1, firstOffset: 0, lastOffset: 4)]
        #expect(partition.abortedTransactions(overlapping: 0..<10) == expected)
        #expect(partition.abortedTransactions(overlapping: 5..<10).isEmpty)

        let crashed = directory.snapshot()
        defer { crashed.remove() }
        log.close()
        for path in [crashed.path, directory.path] {
            let reopened = try EventLog(directory: path, configuration: Self.configuration)
            defer { reopened.close() }
            let again = try reopened.partition(topic: "ledger", partition: 0)
            #expect(again.lastStableOffset == 2)
            #expect(again.abortedTransactions(overlapping: 0..<10) == expected)
            try again.appendMarker(ControlRecord(kind: .commit), producerId: 2, producerEpoch: 0)
            #expect(again.lastStableOffset == again.latestOffset)
            #expect(again.abortedTransactions(overlapping: 0..<10) == expected)
        }
    }

    @Test func aMarkerOfANewerEpochFencesTheOldProducer() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        try log.createTopic("ledger", partitions: 1)
        let partition = try log.partition(topic: "ledger", partition: 0)
        try partition.append(TestBatches.batch(producerId: 7, epoch: 0, sequence: 0, transactional: true))
        try partition.appendMarker(ControlRecord(kind: .abort), producerId: 7, producerEpoch: 1)
        #expect(throws: EventLogError.invalidProducerEpoch(producerId: 7, current: 1, received: 0)) {
            try partition.append(TestBatches.batch(producerId: 7, epoch: 0, sequence: 1, transactional: true))
        }
    }

    @Test func producersCannotWriteControlBatches() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        try log.createTopic("ledger", partitions: 1)
        let partition = try log.partition(topic: "ledger", partition: 0)
        let forged = ControlRecord(kind: .commit).batch(producerId: 1, producerEpoch: 0, timestamp: 0)
        #expect(throws: EventLogError.self) { try partition.append(forged) }
        #expect(partition.latestOffset == 0)
    }

    @Test func controlRecordsRoundTrip() {
        let batch = ControlRecord(kind: .abort, coordinatorEpoch: 9).batch(
            producerId: 3,
            producerEpoch: 2,
            timestamp: 5
        )
        #expect(ControlRecord(controlBatch: batch) == ControlRecord(kind: .abort, coordinatorEpoch: 9))
        #expect(ControlRecord(controlBatch: TestBatches.batch()) == nil)
    }
}
