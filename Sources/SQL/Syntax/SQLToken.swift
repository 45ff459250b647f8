/// One token of SQL text: a word, a quoted name, a literal or a symbol, with where it starts.
public struct SQLToken: Sendable, Hashable {
    /// What sort of token this is; `text` holds its content.
    public enum Kind: Sendable, Hashable {
        /// A keyword or an unquoted identifier, as written: `SELECT`, `game_id`.
        case word
        /// A name in backticks; `text` is the name without them, with doubled backticks undoubled.
        case quotedIdentifier
        /// A `'...'` literal; `text` is its value, with doubled quotes undoubled.
        case string
        /// Digits only: `42`.
        case integer
        /// Digits with a decimal point: `12.50`, `.5`.
        case decimal
        /// A number with an exponent: `1.5E3`.
        case approximate
        /// An operator or punctuation: `(`, `,`, `<=`, `||`, `=>`.
        case symbol
        /// The end of the text.
        case endOfInput
    }

    /// What sort of token this is.
    public var kind: Kind
    /// The word, name, value, digits or symbol; empty at the end of input.
    public var text: String
    /// Where the token starts.
    public var location: SourceLocation
    /// The UTF-8 offset just past the token, so that a statement's text can be cut out of a script.
    public var endOffset: Int
    /// A word in upper case, for matching keywords without regard to case; nil for other tokens.
    public let keyword: String?

    /// A token of `kind` holding `text`, from `location` up to the UTF-8 offset `endOffset`.
    public init(_ kind: Kind, _ text: String, at location: SourceLocation, endOffset: Int) {
        self.kind = kind
        self.text = text
        self.location = location
        self.endOffset = endOffset
        self.keyword = kind == .word ? text.uppercased() : nil
    }

    /// Whether this is the operator or punctuation `symbol`.
    public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
