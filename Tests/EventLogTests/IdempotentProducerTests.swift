import EventLog
import KafkaProtocol
import NIOCore
import Testing

@Suite struct IdempotentProducerTests {
    static let configuration = EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)

    @Test func duplicatesOutOfOrderSequencesAndFencedEpochs() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)

        try partition.append(TestBatches.batch(records: 2))  // offsets 0...1, not idempotent
        let first = try partition.append(TestBatches.batch(records: 3, producerId: 7, epoch: 0, sequence: 0))
        let second = try partition.append(TestBatches.batch(records: 2, producerId: 7, epoch: 0, sequence: 3))
        #expect(first.baseOffset == 2)
        #expect(second.baseOffset == 5)

        // A retry of an acknowledged batch: success with the original offsets, nothing written.
        let retry = try partition.append(TestBatches.batch(records: 3, producerId: 7, epoch: 0, sequence: 0))
        #expect(retry.isDuplicate)
        #expect(retry.baseOffset == 2)
        #expect(retry.lastOffset == 4)
        #expect(partition.latestOffset == 7)

        #expect(throws: EventLogError.outOfOrderSequence(producerId: 7, expected: 5, received: 6)) {
            try partition.append(TestBatches.batch(producerId: 7, epoch: 0, sequence: 6))
        }
        #expect(throws: EventLogError.outOfOrderSequence(producerId: 7, expected: 0, received: 5)) {
            try partition.append(TestBatches.batch(producerId: 7, epoch: 1, sequence: 5))
        }
        #expect(try partition.append(TestBatches.batch(producerId: 7, epoch: 1, sequence: 0)).baseOffset == 7)
        do {
            try partition.append(TestBatches.batch(producerId: 7, epoch: 0, sequence: 5))
            Issue.record("a fenced epoch was accepted")
        } catch {
            #expect(error == .invalidProducerEpoch(producerId: 7, current: 1, received: 0))
            #expect(error.kafkaErrorCode == 47)
        }
        // Another producer is independent, and may start anywhere.
        #expect(try partition.append(TestBatches.batch(producerId: 8, epoch: 3, sequence: 40)).baseOffset == 8)
        #expect(partition.latestOffset == 9)
        log.close()

        let reopened = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { reopened.close() }
        let again = try reopened.partition(topic: "events", partition: 0)
        let rebuilt = try again.append(TestBatches.batch(producerId: 7, epoch: 1, sequence: 0))
        #expect(rebuilt.isDuplicate)
        #expect(rebuilt.baseOffset == 7)
        #expect(throws: EventLogError.invalidProducerEpoch(producerId: 7, current: 1, received: 0)) {
            try again.append(TestBatches.batch(producerId: 7, epoch: 0, sequence: 5))
        }
        #expect(throws: EventLogError.outOfOrderSequence(producerId: 8, expected: 41, received: 42)) {
            try again.append(TestBatches.batch(producerId: 8, epoch: 3, sequence: 42))
        }
        #expect(try again.append(TestBatches.batch(producerId: 8, epoch: 3, sequence: 41)).baseOffset == 9)
    }

    @Test func onlyTheLastFiveBatchesAreRecognisedAsDuplicates() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        defer { log.close() }
        try log.createTopic("events", partitions: 1)
        let partition = try log.partition(topic: "events", partition: 0)
        for sequence in 0..<7 as Range<Int32> {
            try partition.append(TestBatches.batch(producerId: 1, epoch: 0, sequence: sequence))
        }
        #expect(try partition.append(TestBatches.batch(producerId: 1, epoch: 0, sequence: 2)).baseOffset == 2)
        #expect(throws: EventLogError.self) {
            try partition.append(TestBatches.batch(producerId: 1, epoch: 0, sequence: 1))
        }
    }

    @Test func producerStateIsRebuiltAfterACrashAndWithoutASnapshot() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let log = try EventLog(directory: directory.path, configuration: Self.configuration)
        try log.createTopic("events", partitions: 1, configuration: TopicConfiguration(segmentBytes: 1_000))
        let partition = try log.partition(topic: "events", partition: 0)
        // Producer 1 writes only into the first segments; producer 2 goes on into the last one.
        for sequence in 0..<8 as Range<Int32> {
            try partition.append(TestBatches.batch(producerId: 1, epoch: 4, sequence: sequence))
        }
        for sequence in 0..<20 as Range<Int32> {
            try partition.append(TestBatches.batch(producerId: 2, epoch: 0, sequence: sequence))
        }
        #expect(partition.segmentCount == 5)
        let crashed = directory.snapshot()
        defer { crashed.remove() }
        log.close()
        try FileManagerHelpers.remove(directory.path + "/topics/events/0/producer-state.json")

        for path in [crashed.path, directory.path] {
            let reopened = try EventLog(directory: path, configuration: Self.configuration)
            defer { reopened.close() }
            let again = try reopened.partition(topic: "events", partition: 0)
            #expect(try again.append(TestBatches.batch(producerId: 1, epoch: 4, sequence: 7)).baseOffset == 7)
            #expect(throws: EventLogError.invalidProducerEpoch(producerId: 1, current: 4, received: 3)) {
                try again.append(TestBatches.batch(producerId: 1, epoch: 3, sequence: 8))
            }
            #expect(try again.append(TestBatches.batch(producerId: 2, epoch: 0, sequence: 19)).isDuplicate)
            #expect(try again.append(TestBatches.batch(producerId: 2, epoch: 0, sequence: 20)).baseOffset == 28)
        }
    }
}
