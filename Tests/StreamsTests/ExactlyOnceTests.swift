import EventLog
import Foundation
import Streams
import Testing

@Suite struct ExactlyOnceTests {
    /// The pipeline under test: a count per user (a view), the last events (a view), a tumbling
    /// count per user (a sink) and every event echoed (a sink with many records per checkpoint).
    struct Built {
        let pipeline: Pipeline
        let counts: LatestByKeyView<String, Int64>
        let recent: RecentEventsView<Click>
    }

    static func build() throws -> Built {
        let pipeline = Pipeline(
            name: "exactly-once",
            configuration: PipelineConfiguration(
                allowedOutOfOrdernessMilliseconds: 60_000,
                checkpointIntervalMilliseconds: 0,
                readSizeBytes: 2_000
            )
        )
        let clicks = pipeline.source("clicks", as: Click.self, eventTime: \.ts)
        let counts = try clicks.keyBy(\.user).count().view()
        let recent = try clicks.lastEvents(5)
        try clicks.keyBy(\.user).window(.tumbling(.seconds(10))).count().sink(topic: "counts", key: \.key)
        clicks.sink(topic: "echo", key: \.user)
        return Built(pipeline: pipeline, counts: counts, recent: recent)
    }

    static let eventsPerPartition = 400

    static func prepareInput(_ log: EventLog) throws {
        try log.createTopic("clicks", partitions: 2)
        for partition in 0..<Int32(2) {
            let values = (0..<eventsPerPartition).map { index in
                clickJSON("u\((index * 7 + Int(partition)) % 10)", Int64(index) * 1_000, page: "p\(partition)-\(index)")
            }
            try LogFixtures.append(values, to: try log.partition(topic: "clicks", partition: partition))
        }
    }

    struct Outcome: Equatable {
        var counts: [String: Int64]
        var recent: [String]
        var windowCounts: [String]
        var echo: [String]
    }

    /// Runs a fresh pipeline on `storage` until it has caught up with the input, then stops it cleanly.
    static func runToEnd(_ log: EventLog, storage: (any StreamStorage)? = nil) async throws -> Outcome {
        let built = try build()
        let runner = PipelineRunner(
            pipeline: built.pipeline,
            storage: storage ?? log,
            checkpointDirectory: PipelineRunner.checkpointDirectory(
                dataDirectory: log.directory,
                pipeline: "exactly-once"
            )
        )
        let task = Task { try await runner.run() }
        // The count view includes what the state restored, so it reaches the total exactly when
        // every event has been processed once.
        let caughtUp = await eventually { built.counts.values.values.reduce(0, +) >= Int64(2 * eventsPerPartition) }
        #expect(caughtUp)
        task.cancel()
        try await task.value
        return Outcome(
            counts: built.counts.values,
            recent: built.recent.events.map(\.page),
            windowCounts: try LogFixtures.values(of: "counts", in: log),
            echo: try LogFixtures.values(of: "echo", in: log)
        )
    }

    /// Runs until the storage fails on purpose; the runner's in-memory state is then abandoned.
    static func runUntilCrash(_ log: EventLog, storage: FailingStorage) async throws {
        let built = try build()
        let runner = PipelineRunner(
            pipeline: built.pipeline,
            storage: storage,
            checkpointDirectory: PipelineRunner.checkpointDirectory(
                dataDirectory: log.directory,
                pipeline: "exactly-once"
            )
        )
        let task = Task { () -> Bool in
            do {
                try await runner.run()
                return false
            } catch {
                return true
            }
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(20))
            task.cancel()
        }
        let crashed = await task.value
        timeout.cancel()
        #expect(crashed, "the storage never failed: the crash point is past the end of the input")
    }

    func crashFreeOutcome() async throws -> Outcome {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try Self.prepareInput(log)
        return try await Self.runToEnd(log)
    }

    @Test(arguments: [5, 17, 31])
    func crashWhileReadingThenRestartEqualsACrashFreeRun(reads: Int) async throws {
        let expected = try await crashFreeOutcome()
        #expect(expected.echo.count == 2 * Self.eventsPerPartition)
        #expect(Set(expected.echo).count == expected.echo.count)
        #expect(expected.counts.values.reduce(0, +) == Int64(2 * Self.eventsPerPartition))

        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try Self.prepareInput(log)
        try await Self.runUntilCrash(log, storage: FailingStorage(log: log, reads: reads))
        #expect(try LogFixtures.values(of: "echo", in: log).count < expected.echo.count)
        let restarted = try await Self.runToEnd(log)
        #expect(restarted == expected)
    }

    @Test(arguments: [2, 7, 15])
    func crashBetweenSinkAppendsThenRestartEqualsACrashFreeRun(appends: Int) async throws {
        let expected = try await crashFreeOutcome()
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try Self.prepareInput(log)
        try await Self.runUntilCrash(log, storage: FailingStorage(log: log, appends: appends))
        // A second crash during recovery itself must not hurt either.
        try await Self.runUntilCrash(log, storage: FailingStorage(log: log, reads: 5, appends: 2))
        let restarted = try await Self.runToEnd(log)
        #expect(restarted == expected)
    }

    @Test func checkpointsLiveUnderTheDataDirectory() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try Self.prepareInput(log)
        _ = try await Self.runToEnd(log)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/streams/exactly-once/checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/streams/exactly-once/checkpoint.tmp"))
    }

    @Test func aCheckpointOfTheEarlierFormatStopsTheRunnerInsteadOfStartingOver() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try Self.prepareInput(log)
        let checkpointDirectory = PipelineRunner.checkpointDirectory(
            dataDirectory: log.directory,
            pipeline: "exactly-once"
        )
        try FileManager.default.createDirectory(atPath: checkpointDirectory, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: checkpointDirectory + "/checkpoint.json"))
        let runner = PipelineRunner(
            pipeline: try Self.build().pipeline,
            storage: log,
            checkpointDirectory: checkpointDirectory
        )
        await #expect(throws: StreamsError.self) { try await runner.run() }
        #expect(try LogFixtures.values(of: "echo", in: log).isEmpty)
    }
}
