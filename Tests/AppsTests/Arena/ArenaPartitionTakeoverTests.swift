import Apps
import Testing

/// When the ETL takes up a partition, a topic deleted and created again under the warehouse is
/// told from the old one by the group's commit, never by offsets alone, and a crash at any step of
/// the restart neither loses nor doubles a game.
@Suite struct ArenaPartitionTakeoverTests {
    static let bothTables: [ArenaTable: Int64] = [.gameMeta: 1_253, .gamePodium: 1_253]
    static let oldFiles = ArenaPartitionFiles(reach: [0: bothTables])

    @Test func aFreshPartitionCommitsGenerationZeroBeforeWriting() {
        let takeover = ArenaPartitionTakeover(
            files: ArenaPartitionFiles(),
            committedOffset: nil,
            committedMetadata: "",
            logEnd: 40
        )
        #expect(takeover.generation == 0 && takeover.writtenThrough == nil && takeover.restart == nil)
        #expect(takeover.commitsFirst && takeover.commitMetadata == ArenaPartitionTakeover.metadata(generation: 0))
    }

    @Test func aLogThatGoesOnKeepsItsGenerationAndMark() {
        // A crash after writing and before committing: the commit lags the files, which count.
        for committedMetadata in ["", ArenaPartitionTakeover.metadata(generation: 0)] {
            let takeover = ArenaPartitionTakeover(
                files: Self.oldFiles,
                committedOffset: 800,
                committedMetadata: committedMetadata,
                logEnd: 5_000
            )
            // Commits from before generations (no metadata) are generation 0's: nothing to commit first.
            #expect(takeover.generation == 0 && takeover.writtenThrough == 1_253 && takeover.restart == nil)
            #expect(!takeover.commitsFirst)
        }
    }

    @Test func filesWithoutACommitMeanTheTopicStartedOverHoweverFarTheNewLogReaches() {
        // The new log may already reach past the old files' offsets: offsets alone would skip its games.
        for logEnd: Int64 in [0, 300, 1_253, 1_254, 90_000] {
            let takeover = ArenaPartitionTakeover(
                files: Self.oldFiles,
                committedOffset: nil,
                committedMetadata: "",
                logEnd: logEnd
            )
            #expect(takeover.generation == 1 && takeover.writtenThrough == nil && takeover.commitsFirst)
            #expect(takeover.restart == .init(previousGeneration: 0, previousReach: 1_253, logEnd: logEnd))
        }
    }

    @Test func aCommitPastTheLogsEndMeansTheTopicStartedOver() {
        let takeover = ArenaPartitionTakeover(
            files: Self.oldFiles,
            committedOffset: 1_254,
            committedMetadata: ArenaPartitionTakeover.metadata(generation: 0),
            logEnd: 1_000
        )
        #expect(takeover.generation == 1 && takeover.writtenThrough == nil && takeover.commitsFirst)
        #expect(takeover.restart?.previousReach == 1_253)
        // At the log's end exactly, the group has read everything: nothing started over.
        let atTheEnd = ArenaPartitionTakeover(
            files: Self.oldFiles,
            committedOffset: 1_254,
            committedMetadata: ArenaPartitionTakeover.metadata(generation: 0),
            logEnd: 1_254
        )
        #expect(atTheEnd.restart == nil && atTheEnd.generation == 0)
    }

    @Test func aCrashAtAnyStepOfARestartPicksTheSameNewGeneration() {
        // Crash before the commit naming generation 1: the same old files and no commit.
        let again = ArenaPartitionTakeover(
            files: Self.oldFiles,
            committedOffset: nil,
            committedMetadata: "",
            logEnd: 2_000
        )
        #expect(again.generation == 1 && again.writtenThrough == nil)

        // Crash after that commit, before generation 1's first file: the commit names it.
        let committed = ArenaPartitionTakeover(
            files: Self.oldFiles,
            committedOffset: 0,
            committedMetadata: again.commitMetadata,
            logEnd: 2_500
        )
        #expect(committed.generation == 1 && committed.writtenThrough == nil && committed.restart == nil)
        #expect(!committed.commitsFirst)

        // Crash after generation 1's files, before the commit that covers them: they count.
        var written = Self.oldFiles
        written.reach[1] = [.gameMeta: 900, .gamePodium: 870]
        let resumed = ArenaPartitionTakeover(
            files: written,
            committedOffset: 0,
            committedMetadata: again.commitMetadata,
            logEnd: 3_000
        )
        #expect(resumed.generation == 1 && resumed.writtenThrough == 870 && resumed.restart == nil)

        // Deleted once more: generation 2, whatever generation 0's offsets were.
        let twice = ArenaPartitionTakeover(files: written, committedOffset: nil, committedMetadata: "", logEnd: 10)
        #expect(twice.generation == 2 && twice.restart?.previousGeneration == 1 && twice.restart?.previousReach == 900)
    }

    @Test func unknownMetadataCountsAsGenerationZero() {
        for metadata in ["something else", "arena-etl warehouse generation -3", "arena-etl warehouse generation x"] {
            let takeover = ArenaPartitionTakeover(
                files: Self.oldFiles,
                committedOffset: 10,
                committedMetadata: metadata,
                logEnd: 2_000
            )
            #expect(takeover.generation == 0 && takeover.writtenThrough == 1_253 && !takeover.commitsFirst)
        }
    }
}
