import Apps
import Foundation
import Streams
import Testing

/// The warehouse's file names are its memory: what they cover is never written twice.
@Suite struct ArenaWarehouseTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arena-\(UUID().uuidString)").path

    static func games() -> [ArenaFinishedGame] {
        var etl = ArenaPartitionETL(partition: 3, writtenThrough: nil)
        return ArenaRecords(seed: 5, games: 12).run(&etl).games
    }

    func files(_ table: ArenaTable) -> [String] {
        let root = "\(directory)/\(table.rawValue)"
        let dates = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return dates.flatMap { date in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(date)")) ?? []).map { "\(date)/\($0)" }
        }.sorted()
    }

    @Test func writesEachTableOnceAndRemembersHowFarItGot() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let games = Self.games()
        let warehouse = ArenaWarehouse(directory: directory)
        #expect(try warehouse.recover(partition: 3) == ArenaPartitionFiles())
        let report = try warehouse.write(games, partition: 3)
        #expect(report.rows[.gameMeta] == games.map(\.meta.count).reduce(0, +))
        #expect(report.rows[.gamePodium] == games.map(\.podium.count).reduce(0, +))
        let last = games.last!.cleanUpOffset
        let name = String(format: "part-3-%020lld-%020lld.parquet", games.first!.cleanUpOffset, last)
        #expect(files(.gameMeta) == ["date=2026-11-24/\(name)"])
        #expect(files(.gamePodium) == ["date=2026-11-24/\(name)"])

        // A new worker for the partition (after a crash or a rebalance) skips what is written.
        let successor = ArenaWarehouse(directory: directory)
        let recovered = try successor.recover(partition: 3)
        #expect(recovered.newestGeneration == 0 && recovered.writtenThrough(generation: 0) == last)
        #expect(try successor.recover(partition: 4).newestGeneration == nil)
        successor.resume(partition: 3, generation: 0, files: recovered)
        #expect(try successor.write(games, partition: 3).files.isEmpty)
        #expect(files(.gameMeta).count == 1)
    }

    @Test func aCrashBetweenTheTwoTablesWritesOnlyTheMissingOne() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let games = Self.games()
        try ArenaWarehouse(directory: directory).write(games, partition: 3)
        let podium = "\(directory)/game_podium"
        try FileManager.default.removeItem(atPath: podium)
        let leftover =
            "\(directory)/game_meta/date=2026-11-24/.part-3-00000000000000000001-00000000000000000002.parquet.1.2.tmp"
        _ = FileManager.default.createFile(atPath: leftover, contents: Data("partial".utf8))

        let warehouse = ArenaWarehouse(directory: directory)
        let recovered = try warehouse.recover(partition: 3)
        #expect(recovered.newestGeneration == 0 && recovered.writtenThrough(generation: 0) == nil)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        warehouse.resume(partition: 3, generation: 0, files: recovered)
        let report = try warehouse.write(games, partition: 3)
        #expect(report.rows[.gameMeta] == nil)
        #expect(report.rows[.gamePodium] == games.map(\.podium.count).reduce(0, +))
        #expect(files(.gameMeta).count == 1 && files(.gamePodium).count == 1)
    }

    /// A topic deleted and created again reuses offsets: its games go to a new generation's files,
    /// beside the old ones, and only that generation's marks count from then on.
    @Test func aNewGenerationWritesTheSameOffsetsAgainBesideTheOldFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let games = Self.games()
        try ArenaWarehouse(directory: directory).write(games, partition: 3)
        let oldNames = files(.gamePodium)
        let oldBytes = try oldNames.map { try Data(contentsOf: URL(fileURLWithPath: "\(directory)/game_podium/\($0)")) }

        let restarted = ArenaWarehouse(directory: directory)
        restarted.resume(partition: 3, generation: 1, files: try restarted.recover(partition: 3))
        #expect(restarted.generation(of: 3) == 1)
        let report = try restarted.write(games, partition: 3)
        #expect(report.rows[.gamePodium] == games.map(\.podium.count).reduce(0, +))
        let name = String(
            format: "part-3-g1-%020lld-%020lld.parquet",
            games.first!.cleanUpOffset,
            games.last!.cleanUpOffset
        )
        #expect(files(.gamePodium) == (oldNames + ["date=2026-11-24/\(name)"]).sorted())
        #expect(files(.gameMeta).count == 2)
        let keptBytes = try oldNames.map {
            try Data(contentsOf: URL(fileURLWithPath: "\(directory)/game_podium/\($0)"))
        }
        #expect(keptBytes == oldBytes)

        // A leftover of a crash in generation 1 is cleaned up like any other.
        let leftover =
            "\(directory)/game_meta/date=2026-11-24/.part-3-g1-00000000000000000001-00000000000000000002.parquet.1.2.tmp"
        _ = FileManager.default.createFile(atPath: leftover, contents: Data("partial".utf8))
        let successor = ArenaWarehouse(directory: directory)
        let both = try successor.recover(partition: 3)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(both.newestGeneration == 1)
        #expect(both.writtenThrough(generation: 0) == games.last!.cleanUpOffset)
        #expect(both.writtenThrough(generation: 1) == games.last!.cleanUpOffset)
        successor.resume(partition: 3, generation: 1, files: both)
        #expect(try successor.write(games, partition: 3).files.isEmpty)
        #expect(files(.gamePodium).count == 2)
    }

    @Test func namesThatAreNotTheWarehousesAreLeftAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = "\(directory)/game_meta/date=2026-11-24"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in [
            "part-3-g0-1-2.parquet", "part-3-gx-1-2.parquet", "part-3-1-2-3-4.parquet", "part-3-x.parquet",
            "part-30-1-2.parquet", "notes.txt",
        ] {
            _ = FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data())
        }
        #expect(try ArenaWarehouse(directory: directory).recover(partition: 3) == ArenaPartitionFiles())
    }

    @Test func gamesOnTwoDatesGoToTwoDirectories() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var games = Self.games()
        let midnight: Int64 = 1_795_564_800_000  // 2026-11-25T00:00:00Z
        for index in games.indices.suffix(4) { games[index].cleanedAt = midnight + Int64(index) }
        try ArenaWarehouse(directory: directory).write(games, partition: 3)
        #expect(files(.gamePodium).map { $0.prefix(15) } == ["date=2026-11-24", "date=2026-11-25"])
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01"), (Int64(-1), "1969-12-31"), (Int64(951_782_400_000), "2000-02-29"),
        (Int64(1_709_164_800_000), "2024-02-29"), (Int64(1_795_564_799_999), "2026-11-24"),
        (Int64(253_402_300_799_000), "9999-12-31"),
    ])
    func datesAreUTCDays(milliseconds: Int64, date: String) {
        #expect(UTCDate(milliseconds: milliseconds).description == date)
    }
}
