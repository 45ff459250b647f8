import EventLog
import Foundation
import Logging
import Streams

/// Runs Flink SQL over the event log: keeps the catalog of tables and views, runs every view and
/// INSERT INTO job as a continuous query, and keeps all of it across restarts.
///
/// A script is all or nothing: its statements are checked and planned against a copy of the
/// catalog, and only when every one succeeded does the copy replace the catalog, are the dropped
/// queries stopped and the new ones started. Statements are serialized (an actor).
public actor SQLEngine {
    let storage: any StreamStorage
    let dataDirectory: String
    public let configuration: SQLEngineConfiguration
    let metrics: StreamsMetrics?
    let logger: Logger
    let catalogFile: CatalogFile

    /// The tables and views.
    public private(set) var catalog = SQLCatalog()
    /// INSERT INTO jobs by name, with their statements, in the order they were started.
    private var jobs: [(name: String, statement: String)] = []
    private var queries: [String: RunningQuery] = [:]
    /// Statements that failed to come back at start: kept in the file, so that nothing is lost.
    private var unrestored: [(entry: CatalogFile.Entry, error: String)] = []
    /// Whether the catalog file was read: no statement runs before, or saving would overwrite it.
    private var hasRestored = false
    /// Why the catalog file could not be read at start, if it could not.
    public private(set) var catalogError: String?
    private var nextTemporaryNumber = 1
    /// Whether a script runs, and the calls waiting for it to end.
    private var isBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(
        storage: any StreamStorage,
        dataDirectory: String,
        configuration: SQLEngineConfiguration = SQLEngineConfiguration(),
        metrics: StreamsMetrics? = nil,
        logger: Logger = Logger(label: "kibitz.sql")
    ) {
        self.storage = storage
        self.dataDirectory = dataDirectory
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        catalogFile = CatalogFile(dataDirectory: dataDirectory)
    }

    // MARK: Reading

    /// The running query (view, temporary view or job) called `name`.
    public func query(named name: String) -> RunningQuery? { queries[name] }

    /// The views and temporary views, by name.
    public var views: [RunningQuery] {
        queries.values.filter { $0.kind != .job }.sorted { $0.name < $1.name }
    }

    /// The INSERT INTO jobs.
    public var runningJobs: [RunningQuery] { jobs.compactMap { queries[$0.name] } }

    /// The statements of the catalog file that did not come back at start.
    public var unrestoredStatements: [UnrestoredStatement] {
        unrestored.map {
            UnrestoredStatement(
                name: $0.entry.name,
                kind: $0.entry.kind.rawValue,
                statement: $0.entry.sql,
                error: $0.error
            )
        }
    }

    // MARK: Lifecycle

    /// Brings back every table, view and job of the catalog file and starts the queries, once. A
    /// statement that no longer works is logged and kept in the file rather than lost; a file that
    /// cannot be read is set aside (so that the next change does not overwrite it) and SQL starts
    /// empty. Statements wait for it, since the HTTP server may answer before the service runs.
    public func restore() {
        guard !hasRestored else { return }
        hasRestored = true
        let entries: [CatalogFile.Entry]
        do {
            entries = try catalogFile.load()
        } catch {
            catalogError = error.message + catalogFile.setAside()
            logger.error("the SQL catalog could not be read; SQL starts empty", metadata: ["error": "\(catalogError!)"])
            return
        }
        removeUnusedCheckpoints(keeping: Set(entries.map(\.name)))
        for entry in entries {
            do {
                var working = WorkingSet(catalog: catalog, jobs: jobs)
                for parsed in try SQLParser.parseScript(entry.sql) {
                    _ = try apply(parsed, to: &working, jobName: entry.kind == .job ? entry.name : nil)
                }
                commit(working)
                for query in working.started { query.start(logger: logger) }
            } catch {
                logger.error(
                    "a SQL statement of the catalog did not come back; it stays in the catalog file",
                    metadata: ["name": "\(entry.name)", "error": "\(error)", "file": "\(catalogFile.path)"]
                )
                unrestored.append((entry, error.description))
            }
        }
    }

    /// Stops every query after a last checkpoint.
    public func shutdown() async {
        for query in queries.values { await query.stop() }
    }

    // MARK: Statements

    /// Runs a script of statements separated by semicolons, all or nothing; scripts run one at
    /// a time, in the order they came.
    public func execute(_ script: String) async throws(SQLError) -> [StatementResult] {
        await acquire()
        defer { release() }
        return try await executeAlone(script)
    }

    /// Waits until no other script runs: the actor lets another call in while a script waits for a
    /// dropped query's last checkpoint, which must not see the script half done.
    private func acquire() async {
        guard isBusy else {
            isBusy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            isBusy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    private func executeAlone(_ script: String) async throws(SQLError) -> [StatementResult] {
        restore()
        let statements = try SQLParser.parseScript(script)
        guard !statements.isEmpty else { throw .syntax("The script holds no statement", at: .start) }
        var working = WorkingSet(catalog: catalog, jobs: jobs)
        var results: [StatementResult] = []
        for statement in statements {
            results.append(try apply(statement, to: &working, jobName: nil))
        }
        guard working.catalog != catalog || working.jobs.map(\.name) != jobs.map(\.name) || !working.started.isEmpty
        else { return results }
        if working.catalog != catalog || working.jobs.map(\.name) != jobs.map(\.name) {
            // Saved before anything changes: what the caller is told matches what a restart brings.
            try catalogFile.save(entries(catalog: working.catalog, jobs: working.jobs))
        }
        let stopping = working.stopped.compactMap { queries[$0] }
        commit(working)
        // A dropped query writes its last checkpoint and loses it before a new query of the same
        // name starts (DROP VIEW v; CREATE VIEW v), and a new query starts from nothing even where
        // a crash left a checkpoint of its name behind.
        for query in stopping {
            await query.stop(discardingState: true)
            removeCheckpoint(of: query.name)
        }
        for query in working.started {
            removeCheckpoint(of: query.name)
            query.start(logger: logger)
        }
        trimTemporaryQueries()
        return results
    }

    /// Drops the view (or temporary view) `name`, as `DROP VIEW` does.
    public func dropView(named name: String) async throws(SQLError) {
        await acquire()
        defer { release() }
        if let query = queries[name], query.kind == .temporary {
            queries[name] = nil
            await query.stop(discardingState: true)
            removeCheckpoint(of: name)
            return
        }
        _ = try await executeAlone("DROP VIEW `\(name.replacingOccurrences(of: "`", with: "``"))`")
    }

    /// Stops the INSERT INTO job `name` and forgets it.
    public func stopJob(named name: String) async throws(SQLError) {
        await acquire()
        defer { release() }
        restore()
        guard let index = jobs.firstIndex(where: { $0.name == name }) else {
            throw .validation("No job named '\(name)'")
        }
        let removed = jobs.remove(at: index)
        do {
            try catalogFile.save(entries(catalog: catalog, jobs: jobs))
        } catch {
            jobs.insert(removed, at: index)
            throw error
        }
        if let query = queries.removeValue(forKey: name) {
            await query.stop(discardingState: true)
            removeCheckpoint(of: name)
        }
    }

    /// The catalog file's entries for a catalog and its jobs.
    private func entries(catalog: SQLCatalog, jobs: [(name: String, statement: String)]) -> [CatalogFile.Entry] {
        var entries: [CatalogFile.Entry] = []
        for name in catalog.creationOrder {
            if let table = catalog.tables[name] {
                entries.append(CatalogFile.Entry(kind: .table, name: name, sql: table.statement))
            } else if let view = catalog.views[name] {
                entries.append(CatalogFile.Entry(kind: .view, name: name, sql: view.statement))
            }
        }
        entries += jobs.map { CatalogFile.Entry(kind: .job, name: $0.name, sql: $0.statement) }
        return entries + unrestored.map(\.entry)
    }

    /// Makes `working` the engine's state; its new queries are known but not started yet.
    private func commit(_ working: WorkingSet) {
        for name in working.stopped { queries[name] = nil }
        catalog = working.catalog
        jobs = working.jobs
        for query in working.started { queries[query.name] = query }
    }

    /// Drops the oldest temporary views beyond the limit.
    private func trimTemporaryQueries() {
        // query_9 is older than query_10: shorter names first, then by name.
        let temporary = queries.values.filter { $0.kind == .temporary }.sorted {
            ($0.name.utf8.count, $0.name) < ($1.name.utf8.count, $1.name)
        }
        for query in temporary.dropLast(configuration.maximumTemporaryQueries) {
            queries[query.name] = nil
            Task {
                await query.stop(discardingState: true)
                removeCheckpoint(of: query.name)
            }
        }
    }

    /// Removes the checkpoints of queries that are neither in the catalog file nor running: the
    /// temporary views of an earlier run, a view whose drop a crash interrupted.
    private func removeUnusedCheckpoints(keeping names: Set<String>) {
        let directory = dataDirectory + "/streams"
        let prefix = Self.pipelineName("")
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where entry.hasPrefix(prefix) && !names.contains(String(entry.dropFirst(prefix.count))) {
            try? FileManager.default.removeItem(atPath: directory + "/" + entry)
        }
    }

    private func removeCheckpoint(of name: String) {
        let directory = PipelineRunner.checkpointDirectory(
            dataDirectory: dataDirectory,
            pipeline: Self.pipelineName(name)
        )
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The Streams pipeline of query `name`: its checkpoints and dead letters are named after it.
    static func pipelineName(_ name: String) -> String { "sql." + name }

    /// What a script changes, before it is committed.
    struct WorkingSet {
        var catalog: SQLCatalog
        var jobs: [(name: String, statement: String)]
        var started: [RunningQuery] = []
        var stopped: [String] = []
    }

    /// A name for the next temporary view.
    func nextTemporaryName() -> String {
        defer { nextTemporaryNumber += 1 }
        return "query_\(nextTemporaryNumber)"
    }

    /// How many queries would run after `working`.
    func queryCount(_ working: WorkingSet) -> Int {
        queries.count - working.stopped.count + working.started.count
    }
}
