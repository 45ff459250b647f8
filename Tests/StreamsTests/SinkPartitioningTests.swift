import EventLog
import Foundation
import KafkaProtocol
import Streams
import Testing

@Suite struct SinkPartitioningTests {
    /// A sink must put a key where the apps' publishers and Kafka's default partitioner do, or
    /// records of one key written by different writers end up on different partitions.
    @Test func keyedSinkRecordsLandOnTheKafkaDefaultPartitionOfTheirKey() async throws {
        let directory = ScratchDirectory()
        let log = try EventLog(directory: directory.path, configuration: LogFixtures.configuration)
        defer { log.close() }
        try log.createTopic("clicks", partitions: 1)
        try log.createTopic("echo", partitions: 6)
        let users = (0..<60).map { "user-\($0)" } + ["", "Zoë ♞ 世界"]
        let clicks = users.enumerated().map { index, user in clickJSON(user, Int64(index) * 1_000) }
        try LogFixtures.append(clicks, to: try log.partition(topic: "clicks", partition: 0))

        let pipeline = Pipeline(
            name: "partitioning",
            configuration: PipelineConfiguration(checkpointIntervalMilliseconds: 0)
        )
        pipeline.source("clicks", as: Click.self, eventTime: \.ts).sink(topic: "echo", key: \.user)
        let runner = PipelineRunner(
            pipeline: pipeline,
            storage: log,
            checkpointDirectory: PipelineRunner.checkpointDirectory(
                dataDirectory: log.directory,
                pipeline: "partitioning"
            )
        )
        let task = Task { try await runner.run() }
        let written = await eventually { (try? LogFixtures.values(of: "echo", in: log).count) == users.count }
        task.cancel()
        try await task.value
        #expect(written)

        var placed: [String: Int32] = [:]
        for (number, partition) in try log.partitions(topic: "echo").enumerated() {
            let result = try partition.read(from: partition.earliestOffset, maxBytes: 1 << 20)
            var iterator = RecordBatchIterator(result.records)
            while let batch = try iterator.next() {
                for record in batch.records {
                    placed[record.key.map { String(buffer: $0) } ?? "no key"] = Int32(number)
                }
            }
        }
        #expect(placed.count == users.count)
        for user in users {
            #expect(placed[user] == KeyPartitioner.partition(forKey: Array(user.utf8), partitionCount: 6), "\(user)")
        }
        #expect(Set(placed.values).count > 1, "the keys should spread over the partitions")
    }
}
