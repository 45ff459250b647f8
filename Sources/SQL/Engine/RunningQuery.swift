import Foundation
import Locking
import Logging
import Streams

/// A continuous query that is running: a view (or a temporary one for a bare SELECT) keeping its
/// result up to date, or an INSERT INTO job writing to a table. Each is its own Streams pipeline
/// with its own checkpoints, so it restarts exactly where it stopped.
public final class RunningQuery: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// CREATE VIEW: durable, listed at /api/views.
        case view
        /// A bare SELECT: a view that is not kept across restarts.
        case temporary
        /// INSERT INTO: durable, writes to a table.
        case job
    }

    public let name: String
    public let kind: Kind
    /// The statement that created it.
    public let statement: String
    /// The result's columns (for a job, the rows it writes).
    public let columns: [PlanColumn]
    public let plan: PlanNode
    public let pipeline: Pipeline
    /// The current result of a view; nil for a job.
    public let view: MaterializedView?
    let runner: PipelineRunner
    /// The Parquet files of a job writing to a filesystem table, rolled beside the runner.
    let tableWriter: ParquetTableWriter?
    private let tableWriterTask = Locked<Task<Void, Never>?>(nil)
    private let task = Locked<Task<Void, Never>?>(nil)
    private let failure = Locked<String?>(nil)
    private let isStopped = Locked(false)

    init(
        name: String,
        kind: Kind,
        statement: String,
        columns: [PlanColumn],
        plan: PlanNode,
        pipeline: Pipeline,
        view: MaterializedView?,
        runner: PipelineRunner,
        tableWriter: ParquetTableWriter? = nil
    ) {
        self.name = name
        self.kind = kind
        self.statement = statement
        self.columns = columns
        self.plan = plan
        self.pipeline = pipeline
        self.view = view
        self.runner = runner
        self.tableWriter = tableWriter
    }

    /// Why the query stopped, if it failed (a storage error); nil while it runs.
    public var failureReason: String? { failure.withLock { $0 } }

    /// Whether every source is bounded and was read to its end: the result is final.
    public var hasFinishedInput: Bool { pipeline.hasFinishedInput }

    /// Starts processing on a task of its own, unless it was stopped already (a script dropped it
    /// while the script that made it was still starting its queries).
    func start(logger: Logger) {
        let (runner, failure, name) = (runner, failure, name)
        task.withLock { task in
            guard !isStopped.withLock({ $0 }) else { return }
            task = Task {
                do {
                    try await runner.run()
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    logger.error("SQL query stopped", metadata: ["query": "\(name)", "error": "\(error)"])
                }
            }
        }
        guard let tableWriter else { return }
        tableWriterTask.withLock { task in
            task = Task {
                do {
                    try await tableWriter.run()
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    logger.error("SQL job's files stopped", metadata: ["query": "\(name)", "error": "\(error)"])
                }
            }
        }
    }

    /// Stops processing after a last checkpoint and waits for it; a query being dropped
    /// (`discardingState`) takes none, since its checkpoints are removed next.
    func stop(discardingState: Bool = false) async {
        let running = task.withLock { task in
            isStopped.withLock { $0 = true }
            return task
        }
        guard let running else { return }
        if discardingState { runner.discardStateOnStop() }
        running.cancel()
        await running.value
        guard let tableWriter, let writing = tableWriterTask.withLock({ $0 }) else { return }
        writing.cancel()
        await writing.value
        // The last checkpoint's rows, staged as the runner stopped.
        do {
            try await tableWriter.roll()
        } catch {
            failure.withLock { $0 = "\(error)" }
        }
    }
}
