import EventLog
import Foundation
import Streams
import Testing

@Suite struct MetricsTests {
    /// The value of the exposition line that starts with `prefix`, or nil.
    static func value(_ prefix: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }
            .flatMap { Double($0.dropFirst(prefix.count + 1)) }
    }

    @Test func exposesEventsLateDeadLettersLagCheckpointAgeAndLatencyInPrometheusFormat() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try log.createTopic("clicks", partitions: 1)
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        try LogFixtures.append(
            [clickJSON("ann", 100_000), clickJSON("bob", 200_000), "oops", clickJSON("cy", 1_000)],
            to: try log.partition(topic: "clicks", partition: 0),
            timestamp: now
        )
        let pipeline = Pipeline(
            name: "metrics",
            configuration: PipelineConfiguration(
                allowedOutOfOrdernessMilliseconds: 0,
                checkpointIntervalMilliseconds: 10
            )
        )
        try pipeline.source("clicks", as: Click.self, eventTime: \.ts)
            .keyBy(\.user).window(.tumbling(.seconds(10))).count().sink(topic: "counts")
        let metrics = StreamsMetrics()
        let runner = PipelineRunner(pipeline: pipeline, log: log, metrics: metrics)
        let task = Task { try await runner.run() }
        #expect(await eventually { pipeline.counters.eventsIn == 4 })
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        try await task.value

        let text = metrics.exposition()
        let labels = #"{pipeline="metrics"}"#
        #expect(Self.value("streams_events_in_total" + labels, in: text) == 4)
        #expect(Self.value("streams_events_late_total" + labels, in: text) == 1)
        #expect(Self.value("streams_events_dead_lettered_total" + labels, in: text) == 1)
        #expect(Self.value("streams_events_out_total" + labels, in: text) == 1)
        #expect(Self.value(#"streams_consumer_lag{pipeline="metrics",topic="clicks",partition="0"}"#, in: text) == 0)
        #expect((Self.value("streams_checkpoint_age_seconds" + labels, in: text) ?? -1) >= 0)
        #expect((Self.value("streams_checkpoints_total" + labels, in: text) ?? 0) >= 1)
        #expect(
            Self.value(#"streams_record_latency_milliseconds{pipeline="metrics",quantile="0.99"}"#, in: text) != nil
        )
        #expect(text.contains("# TYPE streams_events_in_total counter"))
    }
}
