import Foundation
import Parquet
import Streams

/// The arena's `game_meta` and `game_podium` tables under `DATA_DIR/warehouse`, as gzip Parquet
/// files in `TABLE/date=YYYY-MM-DD/` directories (the date of each game's clean-up, UTC).
///
/// A file holds consecutive finished games of one partition and is named after it and the first and
/// last clean-up offsets it covers, `part-P-FIRST-LAST.parquet`. That name is the ETL's memory:
/// `recover(partition:)` reads the highest offset each table holds, and `write` skips games at or
/// below it, so a game delivered again after a crash or a rebalance never gets a second row. Files
/// appear atomically (`ParquetWriter` renames a synced file into place).
///
/// When the topic is deleted and created again, its offsets start over; the new games are written
/// as generation N, `part-P-gN-FIRST-LAST.parquet` (the files before any restart are generation 0),
/// and only the marks of the generation being written count. Old files keep their names and rows.
///
/// One writer per partition at a time, as a consumer group guarantees; one task uses an instance.
public final class ArenaWarehouse {
    /// What one `write` added.
    public struct WriteReport: Hashable, Sendable {
        public var files: [String] = []
        public var rows: [ArenaTable: Int] = [:]
    }

    public let directory: String
    private var writtenThrough: [Int32: [ArenaTable: Int64]] = [:]
    private var generations: [Int32: Int] = [:]

    /// The warehouse under `directory` (normally `DATA_DIR/warehouse`); it is created when first written.
    public init(directory: String) {
        self.directory = directory
    }

    /// Reads how far the files of `partition` reach, by generation, and deletes temporary files a
    /// crash left behind.
    public func recover(partition: Int32) throws -> ArenaPartitionFiles {
        var files = ArenaPartitionFiles()
        let prefix = "part-\(partition)-"
        for table in ArenaTable.allCases {
            for (dateDirectory, name) in try self.files(of: table) {
                if name.hasPrefix("." + prefix), name.hasSuffix(".tmp") {
                    try? FileManager.default.removeItem(atPath: "\(dateDirectory)/\(name)")
                    continue
                }
                guard name.hasPrefix(prefix), name.hasSuffix(".parquet"),
                    let (generation, last) = Self.generationAndLastOffset(
                        inName: name.dropFirst(prefix.count).dropLast(".parquet".count)
                    )
                else { continue }
                files.add(table, generation: generation, last: last)
            }
        }
        return files
    }

    /// Makes `write` add to `generation` of `partition`, skipping the games that its files hold.
    public func resume(partition: Int32, generation: Int, files: ArenaPartitionFiles) {
        generations[partition] = generation
        writtenThrough[partition] = files.reach[generation] ?? [:]
    }

    /// The generation `write` adds to for `partition`.
    public func generation(of partition: Int32) -> Int {
        generations[partition] ?? 0
    }

    /// Writes the games of `partition` (in clean-up order) that a table does not hold yet.
    @discardableResult
    public func write(_ games: [ArenaFinishedGame], partition: Int32) throws -> WriteReport {
        var report = WriteReport()
        for table in ArenaTable.allCases {
            let reach = writtenThrough[partition]?[table] ?? -1
            let pending = games.filter { $0.cleanUpOffset > reach }
            // One file per run of games on the same date, so every file covers consecutive offsets.
            var start = pending.startIndex
            while start < pending.endIndex {
                let date = UTCDate(milliseconds: pending[start].cleanedAt).description
                var end = start + 1
                while end < pending.endIndex, UTCDate(milliseconds: pending[end].cleanedAt).description == date {
                    end += 1
                }
                let run = pending[start..<end]
                let path = try writeFile(table, date: date, partition: partition, games: run)
                report.files.append(path)
                report.rows[table, default: 0] += run.reduce(0) { $0 + rowCount(of: $1, in: table) }
                writtenThrough[partition, default: [:]][table] = run.last!.cleanUpOffset
                start = end
            }
        }
        return report
    }

    /// Forgets a partition that moved to another worker; `recover` reads it afresh if it comes back.
    public func forget(partition: Int32) {
        writtenThrough[partition] = nil
        generations[partition] = nil
    }

    /// The directory of a table's files for one date.
    public func directory(of table: ArenaTable, date: String) -> String {
        "\(directory)/\(table.rawValue)/date=\(date)"
    }

    private func writeFile(
        _ table: ArenaTable,
        date: String,
        partition: Int32,
        games: ArraySlice<ArenaFinishedGame>
    ) throws -> String {
        let folder = directory(of: table, date: date)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let generation = generation(of: partition)
        let name =
            "part-\(partition)-" + (generation == 0 ? "" : "g\(generation)-")
            + String(format: "%020lld-%020lld.parquet", games.first!.cleanUpOffset, games.last!.cleanUpOffset)
        let path = "\(folder)/\(name)"
        switch table {
        case .gameMeta:
            let writer = try ParquetWriter(path: path, rowType: GameMetaRow.self)
            for game in games { try writer.write(game.meta) }
            try writer.close()
        case .gamePodium:
            let writer = try ParquetWriter(path: path, rowType: GamePodiumRow.self)
            for game in games { try writer.write(game.podium) }
            try writer.close()
        }
        return path
    }

    private func rowCount(of game: ArenaFinishedGame, in table: ArenaTable) -> Int {
        switch table {
        case .gameMeta: game.meta.count
        case .gamePodium: game.podium.count
        }
    }

    /// The generation and last offset in a file name after `part-P-`: `FIRST-LAST` (generation 0)
    /// or `gN-FIRST-LAST`.
    private static func generationAndLastOffset(inName name: Substring) -> (Int, Int64)? {
        let parts = name.split(separator: "-")
        switch parts.count {
        case 2:
            return Int64(parts[1]).map { (0, $0) }
        case 3 where parts[0].hasPrefix("g"):
            guard let generation = Int(parts[0].dropFirst()), generation > 0, let last = Int64(parts[2]) else {
                return nil
            }
            return (generation, last)
        default:
            return nil
        }
    }

    /// Every `(date directory, file name)` of a table.
    private func files(of table: ArenaTable) throws -> [(String, String)] {
        let tableDirectory = "\(directory)/\(table.rawValue)"
        let manager = FileManager.default
        guard manager.fileExists(atPath: tableDirectory) else { return [] }
        var files: [(String, String)] = []
        for dateFolder in try manager.contentsOfDirectory(atPath: tableDirectory) where dateFolder.hasPrefix("date=") {
            let path = "\(tableDirectory)/\(dateFolder)"
            files += try manager.contentsOfDirectory(atPath: path).map { (path, $0) }
        }
        return files
    }
}
