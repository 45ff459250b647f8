/// How a row changes a dynamic table, as in Flink's changelog: `+I`, `-U`, `+U`, `-D`.
public enum RowKind: UInt8, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A new row.
    case insert
    /// The old content of a row about to be updated (a retraction).
    case updateBefore
    /// The new content of an updated row.
    case updateAfter
    /// A row removed.
    case delete

    /// Whether the row is added to the table (`+I`, `+U`) rather than taken out (`-U`, `-D`).
    @inlinable
    public var isAccumulate: Bool { self == .insert || self == .updateAfter }

    /// Flink's short form: `+I`, `-U`, `+U`, `-D`.
    public var description: String {
        switch self {
        case .insert: "+I"
        case .updateBefore: "-U"
        case .updateAfter: "+U"
        case .delete: "-D"
        }
    }
}

/// One entry of a changelog stream: a row and how it changes the table.
public struct RowChange: Sendable, Hashable, Codable {
    public var kind: RowKind
    public var row: SQLRow

    public init(_ kind: RowKind, _ row: SQLRow) {
        self.kind = kind
        self.row = row
    }
}
