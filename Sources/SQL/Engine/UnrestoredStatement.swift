/// A statement of the catalog file that did not come back at start (its table's columns changed, a
/// function it used is gone): kept in the file and shown, so that nothing is lost silently.
public struct UnrestoredStatement: Sendable, Hashable {
    /// The table, view or job it made.
    public var name: String
    /// `table`, `view` or `job`.
    public var kind: String
    public var statement: String
    /// Why it failed.
    public var error: String
}
