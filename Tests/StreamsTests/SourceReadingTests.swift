import EventLog
import FastJSON
import Foundation
import Streams
import Testing

/// Flink's `scan.startup.mode` and `scan.bounded.mode` on the runner: where a first run starts,
/// and a bounded source that stops at the end it had when the pipeline first ran.
@Suite struct SourceReadingTests {
    struct Built {
        let pipeline: Pipeline
        let counts: LatestByKeyView<String, Int64>
        let windows: RecentEventsView<WindowResult<String, Int64>>
    }

    static func build(_ reading: SourceReading) throws -> Built {
        let pipeline = Pipeline(
            name: "reading",
            configuration: PipelineConfiguration(
                allowedOutOfOrdernessMilliseconds: 0,
                checkpointIntervalMilliseconds: 0
            )
        )
        let decode = FastJSONDecoder().decoding(Click.self)
        let clicks = pipeline.source(topics: ["clicks"], decodingWith: decode, eventTime: \.ts, reading: reading)
        let counts = try clicks.keyBy(\.user).count().view()
        let windows = try clicks.keyBy(\.user).window(.tumbling(.seconds(10))).count().lastEvents(100)
        return Built(pipeline: pipeline, counts: counts, windows: windows)
    }

    static func run(
        _ built: Built,
        on log: EventLog,
        until condition: @escaping () -> Bool
    ) async throws -> Bool {
        let runner = PipelineRunner(pipeline: built.pipeline, log: log)
        let task = Task { try await runner.run() }
        let reached = await eventually(condition)
        task.cancel()
        try await task.value
        return reached
    }

    @Test func aBoundedSourceStopsAtItsFirstEndAndClosesEveryWindow() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        try log.createTopic("clicks", partitions: 1)
        let partition = try log.partition(topic: "clicks", partition: 0)
        try LogFixtures.append([clickJSON("a", 1_000), clickJSON("a", 2_000), clickJSON("b", 15_000)], to: partition)

        let first = try Self.build(SourceReading(isBounded: true))
        #expect(!first.pipeline.hasFinishedInput)
        #expect(try await Self.run(first, on: log) { first.pipeline.hasFinishedInput })
        // The watermark went to the end of time: the window of b's only click closed too.
        #expect(first.windows.events.map { "\($0.key)@\($0.window.start)=\($0.value)" } == ["a@0=2", "b@10000=1"])

        // Records appended after the first run are beyond the bound, also after a restart.
        try LogFixtures.append([clickJSON("a", 3_000), clickJSON("c", 4_000)], to: partition)
        let second = try Self.build(SourceReading(isBounded: true))
        #expect(try await Self.run(second, on: log) { second.pipeline.hasFinishedInput })
        try await Task.sleep(for: .milliseconds(100))
        #expect(second.counts.values == ["a": 2, "b": 1])
    }

    @Test func anUnboundedSourceNeverFinishes() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        try log.createTopic("clicks", partitions: 1)
        try LogFixtures.append([clickJSON("a", 1_000)], to: try log.partition(topic: "clicks", partition: 0))
        let built = try Self.build(SourceReading())
        #expect(try await Self.run(built, on: log) { built.counts.values["a"] == 1 })
        #expect(!built.pipeline.hasFinishedInput)
        #expect(built.windows.events.isEmpty)
    }

    @Test func aFirstRunStartsAtTheLatestOffsetOrATimestamp() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        try log.createTopic("clicks", partitions: 1)
        let partition = try log.partition(topic: "clicks", partition: 0)
        try LogFixtures.append([clickJSON("old", 1_000)], to: partition, timestamp: 1_000)
        try LogFixtures.append([clickJSON("new", 5_000)], to: partition, timestamp: 5_000)

        let fromTime = try Self.build(SourceReading(start: .timestamp(4_000), isBounded: true))
        #expect(try await Self.run(fromTime, on: log) { fromTime.pipeline.hasFinishedInput })
        #expect(fromTime.counts.values == ["new": 1])

        let latest = try Self.build(SourceReading(start: .latest))
        let runner = PipelineRunner(
            pipeline: latest.pipeline,
            storage: log,
            checkpointDirectory: directory.path + "/latest"
        )
        let task = Task { try await runner.run() }
        try await Task.sleep(for: .milliseconds(200))
        try LogFixtures.append([clickJSON("later", 6_000)], to: partition, timestamp: 6_000)
        #expect(await eventually { latest.counts.values["later"] == 1 })
        task.cancel()
        try await task.value
        #expect(latest.counts.values == ["later": 1])
    }
}
