import EventLog
import Foundation
import KafkaProtocol
import Logging
import NIOCore
import Parquet
import Streams

/// Writes an INSERT INTO job's rows to a `'connector' = 'filesystem', 'format' = 'parquet'` table,
/// one directory per partition value, exactly once across crashes.
///
/// Two stages, each exactly-once on its own:
/// 1. The job's pipeline sinks its rows, as JSON, into the staging topic `sql.JOB.parquet` with
///    Streams' exactly-once sink: a checkpoint's rows are appended once its state is durable, and a
///    restart appends what the log misses (`PipelineRunner`).
/// 2. This writer rolls the staging topic's new rows into files, after each checkpoint (it wakes
///    every checkpoint interval) or every 'sink.rolling-policy.rollover-interval': for offsets
///    [committed, end) it writes one file per partition under a hidden staging name, records
///    `end` and the staging names in its manifest (`DATA_DIR/sql/sinks/JOB.json`, written
///    atomically), renames the files to `part-JOB-START-END.parquet` and clears the manifest's list.
///
/// After a kill -9, `recover()` finishes the renames the manifest lists and deletes staging files it
/// does not list (a roll cut short before its manifest: its rows are rolled again from `committed`).
/// A row is thus in exactly one visible file once its roll's manifest is written, and in none before.
final class ParquetTableWriter: Sendable {
    /// What survives a crash: the first staging offset not in a visible file, and the files of the
    /// last roll that may still wait for their rename.
    struct Manifest: Codable, Equatable {
        var committedOffset: Int64
        /// Staging paths relative to the table directory; each file's final name drops the leading
        /// dot and the `.pending` suffix.
        var pending: [String]
    }

    let job: String
    let layout: ParquetTableLayout
    let stagingTopic: String
    let manifestPath: String
    let rollIntervalMilliseconds: Int64
    private let format: JSONRowFormat
    private let storage: any StreamStorage
    private let logger: Logger

    /// The staging topic of job `job`.
    static func stagingTopic(job: String) -> String { "sql.\(job).parquet" }

    init(
        job: String,
        layout: ParquetTableLayout,
        dataDirectory: String,
        storage: any StreamStorage,
        rollIntervalMilliseconds: Int64,
        logger: Logger
    ) throws(SQLError) {
        self.job = job
        self.layout = layout
        stagingTopic = Self.stagingTopic(job: job)
        manifestPath = dataDirectory + "/sql/sinks/\(job).json"
        self.rollIntervalMilliseconds = max(1, rollIntervalMilliseconds)
        format = try JSONRowFormat(
            columns: layout.columns.map { SQLType.Field(name: $0.name, type: $0.type) },
            options: ["json.encode.decimal-as-plain-number": "true"]
        )
        self.storage = storage
        self.logger = logger
    }

    /// The staging record of a row.
    func stagingRecord(of row: SQLRow) -> Data {
        Data(format.encode(row))
    }

    /// Recovers, then rolls new staged rows every interval until cancelled. The job's last rows
    /// are rolled by `roll()` once its runner has stopped, after its last checkpoint.
    func run() async throws {
        try recover()
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(rollIntervalMilliseconds))
            } catch {
                return
            }
            try await roll()
        }
    }

    // MARK: Rolling

    /// Writes the staged rows after the committed offset into files and commits them; false when
    /// there was nothing new.
    @discardableResult
    func roll() async throws -> Bool {
        var manifest = try loadManifest()
        guard let log = try storage.partitionLogs(of: stagingTopic, creatingWith: 1).first else { return false }
        let end = log.latestOffset
        guard end > manifest.committedOffset else { return false }
        // What is read must be durable: the files must never hold a row the log could lose.
        try await storage.waitUntilDurable()
        let name = "part-\(job)-\(manifest.committedOffset)-\(end).parquet"
        var writers: [String: ParquetWriter] = [:]
        var pending: [String] = []
        do {
            var buffered: [String: [[ParquetValue]]] = [:]
            try readRows(of: log, from: manifest.committedOffset, to: end) { row in
                buffered[layout.partitionDirectory(of: row), default: []].append(layout.parquetValues(of: row))
            } flush: {
                for (partition, rows) in buffered where !rows.isEmpty {
                    if writers[partition] == nil {
                        let directory = partition.isEmpty ? layout.directory : layout.directory + "/" + partition
                        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                        let staged = (partition.isEmpty ? "" : partition + "/") + ".\(name).pending"
                        writers[partition] = try ParquetWriter(
                            path: layout.directory + "/" + staged,
                            schema: layout.schema,
                            createdBy: "kibitz sql"
                        )
                        pending.append(staged)
                    }
                    try writers[partition]?.write(rows)
                }
                buffered = [:]
            }
            for writer in writers.values { try writer.close() }
        } catch {
            for writer in writers.values { writer.cancel() }
            throw SQLError.execution("cannot write table '\(layout.directory)': \(error)")
        }
        manifest = Manifest(committedOffset: end, pending: pending.sorted())
        try saveManifest(manifest)
        try publish(manifest.pending)
        manifest.pending = []
        try saveManifest(manifest)
        return true
    }

    /// Calls `body` with each staged row of offsets [start, end), and `flush` after each read.
    private func readRows(
        of log: any PartitionLog,
        from start: Int64,
        to end: Int64,
        _ body: (SQLRow) throws -> Void,
        flush: () throws -> Void
    ) throws {
        var position = max(start, log.earliestOffset)
        while position < end {
            var iterator = RecordBatchIterator(try log.read(from: position, maxBytes: 1 << 20).records)
            var advanced = false
            while let batch = try iterator.next() {
                for record in batch.records {
                    let offset = batch.offset(of: record)
                    guard offset >= position, offset < end, let value = record.value else { continue }
                    let row = try value.withUnsafeReadableBytes { try format.decode($0) }
                    if let row { try body(row) }
                }
                if let last = batch.records.last {
                    position = max(position, batch.offset(of: last) + 1)
                    advanced = true
                }
            }
            try flush()
            if !advanced { break }
        }
    }

    // MARK: Recovery

    /// Finishes the renames of a roll whose manifest was written, and deletes the staging files of
    /// rolls cut short before theirs.
    func recover() throws {
        var manifest = try loadManifest()
        try publish(manifest.pending)
        if !manifest.pending.isEmpty {
            manifest.pending = []
            try saveManifest(manifest)
        }
        let marker = ".part-\(job)-"
        guard let walker = FileManager.default.enumerator(atPath: layout.directory) else { return }
        for case let relative as String in walker {
            let file = (relative as NSString).lastPathComponent
            // The staging file itself, or the ParquetWriter's temporary file of one (".<staged>.PID.N.tmp").
            if file.hasPrefix(marker) || file.hasPrefix("." + marker) {
                try FileManager.default.removeItem(atPath: layout.directory + "/" + relative)
                logger.info("removed a staging file of an unfinished roll", metadata: ["file": "\(relative)"])
            }
        }
    }

    /// Renames staged files to their final names; a file already renamed is left as it is.
    private func publish(_ staged: [String]) throws {
        var directories: Set<String> = []
        for relative in staged {
            let stagedPath = layout.directory + "/" + relative
            let directory = (stagedPath as NSString).deletingLastPathComponent
            let stagedName = (stagedPath as NSString).lastPathComponent
            let finalPath = directory + "/" + String(stagedName.dropFirst().dropLast(".pending".count))
            if FileManager.default.fileExists(atPath: stagedPath) {
                guard rename(stagedPath, finalPath) == 0 else {
                    throw SQLError.execution("cannot rename \(stagedPath): \(String(cString: strerror(errno)))")
                }
                directories.insert(directory)
            } else if !FileManager.default.fileExists(atPath: finalPath) {
                throw SQLError.execution("the committed file \(finalPath) is missing and so is its staging file")
            }
        }
        for directory in directories { try Self.syncDirectory(directory) }
    }

    // MARK: Manifest

    private func loadManifest() throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            return Manifest(committedOffset: 0, pending: [])
        }
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Writes the manifest to a temporary file, syncs it and renames it into place.
    private func saveManifest(_ manifest: Manifest) throws {
        let directory = (manifestPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = manifestPath + ".tmp"
        let data = try JSONEncoder().encode(manifest)
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw SQLError.execution("cannot write \(temporary)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, manifestPath) == 0 else {
            throw SQLError.execution("cannot rename \(temporary): \(String(cString: strerror(errno)))")
        }
        try Self.syncDirectory(directory)
    }

    private static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SQLError.execution("cannot open \(directory)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SQLError.execution("cannot sync \(directory)") }
    }
}
