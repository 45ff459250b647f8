/// A column of a table in the catalog: read from the record, computed, or taken from the record's
/// metadata.
public struct CatalogColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A field of the record's value.
        case physical
        /// Computed from the other columns of the same row.
        case computed(SQLExpression)
        /// The record's `timestamp`, `partition`, `offset`, `topic` or `key`; a virtual one is not
        /// written by INSERT INTO.
        case metadata(key: String, isVirtual: Bool)
    }

    public var name: String
    public var type: SQLType
    public var kind: Kind

    public init(name: String, type: SQLType, kind: Kind = .physical) {
        self.name = name
        self.type = type
        self.kind = kind
    }
}
