/// Why a SQL statement was refused or failed, with where in its text when that is known.
///
/// Every refusal goes through this one type, so that the HTTP API, `kibitz sql` and the tests see
/// the same message, line and column.
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The text is not SQL of the dialect: a syntax error.
        case syntax
        /// Valid syntax that refers to something unknown or mistyped: a column, a table, a type.
        case validation
        /// Flink SQL that Kibitz does not run; the message starts with "not supported: ".
        case unsupported
        /// A statement that was valid but could not be carried out (a topic that cannot be read,
        /// a view that already exists).
        case execution
    }

    public var kind: Kind
    /// A sentence for a person; for `.unsupported` it starts with "not supported: ".
    public var message: String
    /// Where in the statement text, if the error belongs to a place in it.
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message =
            kind == .unsupported && !message.hasPrefix("not supported: ") ? "not supported: " + message : message
        self.location = location
    }

    /// A syntax error at `location`.
    public static func syntax(_ message: String, at location: SourceLocation?) -> SQLError {
        SQLError(.syntax, message, at: location)
    }

    /// A reference to something unknown or of the wrong type.
    public static func validation(_ message: String, at location: SourceLocation? = nil) -> SQLError {
        SQLError(.validation, message, at: location)
    }

    /// A statement that was valid but could not be carried out.
    public static func execution(_ message: String, at location: SourceLocation? = nil) -> SQLError {
        SQLError(.execution, message, at: location)
    }

    /// Flink SQL outside the subset Kibitz runs.
    public static func unsupported(_ feature: String, at location: SourceLocation? = nil) -> SQLError {
        SQLError(.unsupported, feature, at: location)
    }

    public var description: String {
        guard let location else { return message }
        return "\(message) (line \(location.line), column \(location.column))"
    }
}
