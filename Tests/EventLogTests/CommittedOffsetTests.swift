import EventLog
import Testing

@Suite struct CommittedOffsetTests {
    @Test func committedOffsetsSurviveReopen() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let configuration = EventLog.Configuration(flushPolicy: .always, retentionCheckIntervalMilliseconds: nil)
        let games = TopicPartition(topic: "games", partition: 0)
        let moves = TopicPartition(topic: "moves", partition: 3)
        let longGroup = String(repeating: "group-", count: 60)
        do {
            let log = try EventLog(directory: directory.path, configuration: configuration)
            defer { log.close() }
            try log.commitOffsets(group: "dashboard", offsets: [games: CommittedOffset(offset: 10)])
            try log.commitOffsets(
                group: "dashboard",
                offsets: [moves: CommittedOffset(offset: 99, leaderEpoch: 2, metadata: "by worker 1")]
            )
            try log.commitOffsets(group: "dashboard", offsets: [games: CommittedOffset(offset: 12)])
            try log.commitOffsets(group: longGroup, offsets: [games: CommittedOffset(offset: 1)])
            try log.commitOffsets(group: "ümlaut group/with slash", offsets: [games: CommittedOffset(offset: 2)])
            try log.commitOffsets(group: "gone", offsets: [games: CommittedOffset(offset: 3)])
            try log.deleteCommittedOffsets(group: "gone")
        }
        let log = try EventLog(directory: directory.path, configuration: configuration)
        defer { log.close() }
        #expect(log.groupsWithCommittedOffsets() == ["dashboard", longGroup, "ümlaut group/with slash"].sorted())
        #expect(
            log.committedOffsets(group: "dashboard") == [
                games: CommittedOffset(offset: 12),
                moves: CommittedOffset(offset: 99, leaderEpoch: 2, metadata: "by worker 1"),
            ]
        )
        #expect(log.committedOffsets(group: longGroup) == [games: CommittedOffset(offset: 1)])
        #expect(log.committedOffsets(group: "nobody").isEmpty)
    }
}
