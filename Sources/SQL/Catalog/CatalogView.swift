/// A view of the catalog: a named query whose result Kibitz keeps up to date continuously.
public struct CatalogView: Sendable, Hashable {
    public var name: String
    /// The result's columns, as planned when the view was created.
    public var columns: [CatalogColumn]
    public var query: SQLQuery
    /// The CREATE VIEW statement, as written.
    public var statement: String

    public init(name: String, columns: [CatalogColumn], query: SQLQuery, statement: String) {
        self.name = name
        self.columns = columns
        self.query = query
        self.statement = statement
    }
}
