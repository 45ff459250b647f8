import SQL

/// The body of `POST /api/sql`.
struct SQLStatementRequest: Decodable {
    /// One or more statements separated by semicolons.
    var sql: String
}

/// The answer of `POST /api/sql`: what each statement did.
struct SQLStatementResponse: Encodable {
    var results: [StatementResult]
}
