/// A place in a statement's text: 1-based line and column (in characters), and the UTF-8 offset.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// Bytes from the start of the text, for slicing the original statement out of a script.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a text.
    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public var description: String { "line \(line), column \(column)" }
}
