/// A name in SQL text: a table, a column, a function or an alias.
///
/// As in Flink, names are case-sensitive (keywords are not); a `quoted` name was written in
/// backticks and may be a keyword or hold any character.
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var isQuoted: Bool
    public var location: SourceLocation

    public init(_ value: String, isQuoted: Bool = false, at location: SourceLocation = .start) {
        self.value = value
        self.isQuoted = isQuoted
        self.location = location
    }

    public var description: String { value }

    /// Identifiers are the same name when their text is, wherever and however they were written.
    public static func == (left: Identifier, right: Identifier) -> Bool { left.value == right.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// A possibly qualified object name: `moves`, `default_database.moves`, `cat.db.moves`.
public struct ObjectName: Sendable, Hashable, CustomStringConvertible {
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) {
        precondition(!parts.isEmpty, "an object name has at least one part")
        self.parts = parts
    }

    /// The last part: the object's own name.
    public var name: Identifier { parts[parts.count - 1] }
    public var location: SourceLocation { parts[0].location }
    public var description: String { parts.map(\.value).joined(separator: ".") }
}
