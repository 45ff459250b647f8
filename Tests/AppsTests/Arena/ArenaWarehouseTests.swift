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
        #expect(try warehouse.recover(partition: 3) == nil)
        let report = try warehouse.write(games, partition: 3)
        #expect(report.rows[.gameMeta] == games.map(\.meta.count).reduce(0, +))
        #expect(report.rows[.gamePodium] == games.map(\.podium.count).reduce(0, +))
        let last = games.last!.cleanUpOffset
        let name = String(format: "part-3-%020lld-%020lld.parquet", games.first!.cleanUpOffset, last)
        #expect(files(.gameMeta) == ["date=2026-11-24/\(name)"])
        #expect(files(.gamePodium) == ["date=2026-11-24/\(name)"])

        // A new worker for the partition (after a crash or a rebalance) skips what is written.
        let successor = ArenaWarehouse(directory: directory)
        #expect(try successor.recover(partition: 3) == last)
        #expect(try successor.recover(partition: 4) == nil)
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
        #expect(try warehouse.recover(partition: 3) == nil)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        let report = try warehouse.write(games, partition: 3)
        #expect(report.rows[.gameMeta] == nil)
        #expect(report.rows[.gamePodium] == games.map(\.podium.count).reduce(0, +))
        #expect(files(.gameMeta).count == 1 && files(.gamePodium).count == 1)
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
