/// The tables and views known to the SQL engine, in one namespace as in Flink's default database.
///
/// Names are case-sensitive, as Flink's are. A value type: a script is applied to a copy, which
/// replaces the engine's only when every statement of it succeeded.
public struct SQLCatalog: Sendable, Hashable {
    public private(set) var tables: [String: CatalogTable] = [:]
    public private(set) var views: [String: CatalogView] = [:]
    /// The order in which objects were created: the order their statements are replayed after a restart.
    public private(set) var creationOrder: [String] = []

    public init() {}

    /// Whether a table or view is called `name`.
    public func contains(_ name: String) -> Bool { tables[name] != nil || views[name] != nil }

    /// Adds a table; an existing name is an error unless `ifNotExists` (then nothing changes).
    public mutating func add(
        _ table: CatalogTable,
        ifNotExists: Bool = false,
        at location: SourceLocation? = nil
    )
        throws(SQLError)
    {
        guard !contains(table.name) else {
            if ifNotExists && tables[table.name] != nil { return }
            throw .execution(alreadyExists(table.name), at: location)
        }
        tables[table.name] = table
        creationOrder.append(table.name)
    }

    /// Adds a view; an existing name is an error unless `ifNotExists` (then nothing changes).
    public mutating func add(
        _ view: CatalogView,
        ifNotExists: Bool = false,
        at location: SourceLocation? = nil
    )
        throws(SQLError)
    {
        guard !contains(view.name) else {
            if ifNotExists && views[view.name] != nil { return }
            throw .execution(alreadyExists(view.name), at: location)
        }
        views[view.name] = view
        creationOrder.append(view.name)
    }

    /// Removes a table. A view that reads it must be dropped first, as in a database with
    /// dependencies (Flink itself would leave the view broken).
    public mutating func dropTable(
        _ name: String,
        ifExists: Bool,
        at location: SourceLocation? = nil
    )
        throws(SQLError)
    {
        guard tables[name] != nil else {
            if ifExists { return }
            throw .validation("Table with identifier '\(name)' does not exist", at: location)
        }
        tables[name] = nil
        creationOrder.removeAll { $0 == name }
    }

    /// Removes a view.
    public mutating func dropView(
        _ name: String,
        ifExists: Bool,
        at location: SourceLocation? = nil
    )
        throws(SQLError)
    {
        guard views[name] != nil else {
            if ifExists { return }
            throw .validation("View with identifier '\(name)' does not exist", at: location)
        }
        views[name] = nil
        creationOrder.removeAll { $0 == name }
    }

    /// The statements that create every object, in creation order.
    public var statements: [String] {
        creationOrder.compactMap { tables[$0]?.statement ?? views[$0]?.statement }
    }

    private func alreadyExists(_ name: String) -> String {
        tables[name] != nil ? "Table '\(name)' already exists" : "View '\(name)' already exists"
    }
}
