/// What one statement of a script did: for `POST /api/sql` and `kibitz sql`.
public struct StatementResult: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable {
        case tableCreated = "table_created"
        case viewCreated = "view_created"
        case jobStarted = "job_started"
        /// A bare SELECT: its result is a temporary view, named in `name`.
        case queryStarted = "query_started"
        case tableDropped = "table_dropped"
        case viewDropped = "view_dropped"
        /// CREATE ... IF NOT EXISTS of an existing object, DROP ... IF EXISTS of a missing one.
        case unchanged
        /// SHOW, DESCRIBE, SET: a small table of text.
        case rows
        /// EXPLAIN.
        case plan
    }

    public var kind: Kind
    /// The statement as written.
    public var statement: String
    /// The object created, dropped or started.
    public var name: String?
    /// A sentence saying what happened.
    public var message: String
    /// For `rows`: the column names and the rows, as text.
    public var columns: [String]?
    public var rows: [[String?]]?
    /// For `plan`.
    public var plan: String?

    public init(
        kind: Kind,
        statement: String,
        name: String? = nil,
        message: String,
        columns: [String]? = nil,
        rows: [[String?]]? = nil,
        plan: String? = nil
    ) {
        self.kind = kind
        self.statement = statement
        self.name = name
        self.message = message
        self.columns = columns
        self.rows = rows
        self.plan = plan
    }
}
