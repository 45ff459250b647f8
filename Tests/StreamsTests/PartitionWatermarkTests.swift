import EventLog
import Foundation
import Streams
import Testing

/// The watermark follows the slowest source partition that still has records to read, so a
/// backlog read one partition (or topic) at a time makes no row late, as Flink's per-partition
/// watermarks do.
@Suite struct PartitionWatermarkTests {
    @Test(arguments: [1, 2])
    func aBacklogReadPartitionByPartitionLosesNoRow(topics: Int) async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        let names = topics == 1 ? ["clicks"] : ["clicks", "more-clicks"]
        for name in names { try log.createTopic(name, partitions: topics == 1 ? 2 : 1) }
        // Every partition holds the same hour of clicks, ten seconds apart.
        let values = (0..<360).map { clickJSON("u\($0 % 3)", Int64($0) * 10_000) }
        for name in names {
            for partition in try log.partitions(topic: name) { try LogFixtures.append(values, to: partition) }
        }
        let pipeline = Pipeline(
            name: "partition-watermarks",
            configuration: PipelineConfiguration(
                allowedOutOfOrdernessMilliseconds: 0,
                checkpointIntervalMilliseconds: 0
            )
        )
        let clicks = pipeline.source(topics: names, as: Click.self, eventTime: { $0.ts })
        let minutes = try clicks.keyBy { _ in "all" }.window(.tumbling(.seconds(60))).count().lastEvents(100)
        let runner = PipelineRunner(pipeline: pipeline, log: log)
        let task = Task { try await runner.run() }
        #expect(await eventually { pipeline.counters.eventsIn == 720 })
        task.cancel()
        try await task.value
        #expect(pipeline.counters.late == 0)
        // Every minute but the last (still open) closed with both partitions' twelve clicks.
        #expect(minutes.events.count == 59)
        #expect(minutes.events.allSatisfy { $0.value == 12 })
    }
}
