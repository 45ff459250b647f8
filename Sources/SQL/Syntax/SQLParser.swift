/// Parses Flink SQL text into the syntax tree: statements, queries, expressions and types.
///
/// A recursive-descent parser over the tokens of `SQLLexer`, with one function per precedence
/// level for expressions. Anything outside the subset Kibitz runs is refused with
/// `SQLError.unsupported` naming the feature; anything else that does not parse is a
/// `SQLError.syntax` naming the token found, its line and column, and what was expected there.
public struct SQLParser {
    /// How deeply parentheses, subqueries, types and prefix operators may nest by default: deep
    /// enough for any real query, shallow enough that hostile text cannot exhaust the stack.
    public static let defaultMaximumNestingDepth = 100
    /// The deepest expression tree accepted, counting every operator of a chain.
    public static let maximumExpressionDepth = 250

    let tokens: [SQLToken]
    private let utf8: [UInt8]
    private let maximumNestingDepth: Int
    var position = 0
    /// What the parser tried at `position` and did not find, for the message of a syntax error.
    private var expected: [String] = []
    private var nestingDepth = 0

    private init(_ text: String, maximumNestingDepth: Int) throws(SQLError) {
        tokens = try SQLLexer.tokenize(text)
        utf8 = Array(text.utf8)
        self.maximumNestingDepth = maximumNestingDepth
    }

    /// The statements of a script, separated by semicolons; empty statements are skipped.
    ///
    /// Each statement keeps its own text (from its first token to its last, without the semicolon)
    /// and where it starts; locations in the trees are positions in the whole script.
    public static func parseScript(
        _ text: String,
        maximumNestingDepth: Int = defaultMaximumNestingDepth
    ) throws(SQLError) -> [ParsedStatement] {
        var parser = try SQLParser(text, maximumNestingDepth: maximumNestingDepth)
        var statements: [ParsedStatement] = []
        while true {
            while parser.consumeSymbol(";") {}
            if parser.current.kind == .endOfInput { return statements }
            let first = parser.current
            let statement = try parser.parseStatementBody()
            let last = parser.tokens[parser.position - 1]
            let statementText = String(decoding: parser.utf8[first.location.offset..<last.endOffset], as: UTF8.self)
            statements.append(ParsedStatement(statement: statement, text: statementText, at: first.location))
            if !parser.consumeSymbol(";") { try parser.expectEnd() }
        }
    }

    /// Exactly one statement, optionally followed by a semicolon.
    public static func parseStatement(
        _ text: String,
        maximumNestingDepth: Int = defaultMaximumNestingDepth
    ) throws(SQLError) -> SQLStatement {
        var parser = try SQLParser(text, maximumNestingDepth: maximumNestingDepth)
        let statement = try parser.parseStatementBody()
        _ = parser.consumeSymbol(";")
        try parser.expectEnd()
        return statement
    }

    /// One scalar expression, such as a computed column's or a filter typed by hand.
    public static func parseExpression(
        _ text: String,
        maximumNestingDepth: Int = defaultMaximumNestingDepth
    ) throws(SQLError) -> SQLExpression {
        var parser = try SQLParser(text, maximumNestingDepth: maximumNestingDepth)
        let expression = try parser.parseExpression()
        try parser.expectEnd()
        return expression
    }

    // MARK: Tokens

    var current: SQLToken { tokens[position] }

    /// The token `distance` places ahead, or the end of input.
    func peek(_ distance: Int = 1) -> SQLToken { tokens[min(position + distance, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> SQLToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        expected.removeAll()
        return token
    }

    /// Notes an alternative tried at the current token, for the error message if none fits.
    mutating func record(_ alternative: String) { expected.append(alternative) }

    func isKeyword(_ keyword: String) -> Bool { current.keyword == keyword }

    func isSymbol(_ symbol: String) -> Bool { current.isSymbol(symbol) }

    /// Consumes the keyword if it is next; otherwise remembers that it was a possibility here.
    mutating func consumeKeyword(_ keyword: String) -> Bool {
        if isKeyword(keyword) {
            advance()
            return true
        }
        record("\"\(keyword)\"")
        return false
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        if isSymbol(symbol) {
            advance()
            return true
        }
        record("\"\(symbol)\"")
        return false
    }

    @discardableResult
    mutating func expectKeyword(_ keyword: String) throws(SQLError) -> SQLToken {
        let token = current
        guard consumeKeyword(keyword) else { throw unexpected() }
        return token
    }

    @discardableResult
    mutating func expectSymbol(_ symbol: String) throws(SQLError) -> SQLToken {
        let token = current
        guard consumeSymbol(symbol) else { throw unexpected() }
        return token
    }

    /// The end of the text; `<EOF>` joins what else was expected here.
    mutating func expectEnd() throws(SQLError) {
        guard current.kind == .endOfInput else {
            record("<EOF>")
            throw unexpected()
        }
    }

    /// Whether the current token ends a statement: a semicolon or the end of the text.
    var isAtStatementEnd: Bool { isSymbol(";") || current.kind == .endOfInput }

    /// A string literal's value.
    mutating func expectString() throws(SQLError) -> String {
        guard current.kind == .string else {
            record("<string literal>")
            throw unexpected()
        }
        return advance().text
    }

    /// A non-negative integer literal's value, such as a length or a precision.
    mutating func expectInteger() throws(SQLError) -> (value: Int, location: SourceLocation) {
        guard current.kind == .integer else {
            record("<integer>")
            throw unexpected()
        }
        let token = advance()
        guard let value = Int(token.text) else {
            throw .validation("the number \(token.text) is too large", at: token.location)
        }
        return (value, token.location)
    }

    // MARK: Names

    /// Words that cannot be names unless quoted in backticks: those that start or end clauses, so
    /// that a bare alias never swallows them. Flink reserves more; these are the ones the grammar
    /// needs, so that columns such as `event`, `result` or `value` work unquoted.
    static let reservedWords: Set<String> = [
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "CURRENT_DATE",
        "CURRENT_TIME", "CURRENT_TIMESTAMP", "DESC", "DISTINCT", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT",
        "EXISTS", "FALSE", "FETCH", "FOR", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER", "INSERT",
        "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOCALTIME",
        "LOCALTIMESTAMP", "MATCH_RECOGNIZE", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER",
        "OVER", "PARTITION", "RIGHT", "SELECT", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRUE", "UNION",
        "UNKNOWN", "UNNEST", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// Whether the current token can be a name: a backquoted name or a word that is not reserved.
    var isIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: true
        case .word: !Self.reservedWords.contains(current.keyword!)
        default: false
        }
    }

    func isReservedWord(_ token: SQLToken) -> Bool {
        token.keyword.map(Self.reservedWords.contains) ?? false
    }

    /// A name; a reserved word gets an error that says how to use it as one.
    mutating func expectIdentifier() throws(SQLError) -> Identifier {
        if isIdentifier { return identifier(advance()) }
        if isReservedWord(current) { throw reservedWordError() }
        record("<identifier>")
        throw unexpected()
    }

    /// A name where no keyword can stand, such as after a dot or in a ROW type: any word will do.
    mutating func expectAnyName() throws(SQLError) -> Identifier {
        guard current.kind == .word || current.kind == .quotedIdentifier else {
            record("<identifier>")
            throw unexpected()
        }
        return identifier(advance())
    }

    func identifier(_ token: SQLToken) -> Identifier {
        Identifier(token.text, isQuoted: token.kind == .quotedIdentifier, at: token.location)
    }

    /// `name` or `catalog.database.name`; after a dot any word is a name.
    mutating func parseObjectName() throws(SQLError) -> ObjectName {
        var parts = [try expectIdentifier()]
        while isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            advance()
            parts.append(identifier(advance()))
        }
        return ObjectName(parts)
    }

    /// `(a, b, c)`: a parenthesized list of names.
    mutating func parseIdentifierList() throws(SQLError) -> [Identifier] {
        try expectSymbol("(")
        var names = [try expectIdentifier()]
        while consumeSymbol(",") { names.append(try expectIdentifier()) }
        try expectSymbol(")")
        return names
    }

    // MARK: Nesting

    /// Counts one level of nesting; the caller leaves it with `leaveNesting()` in a `defer`.
    mutating func enterNesting() throws(SQLError) {
        nestingDepth += 1
        if nestingDepth > maximumNestingDepth {
            throw .syntax(
                "The statement nests deeper than \(maximumNestingDepth) levels at line \(current.location.line), "
                    + "column \(current.location.column).",
                at: current.location
            )
        }
    }

    mutating func leaveNesting() { nestingDepth -= 1 }

    // MARK: Errors

    /// A syntax error at the current token, naming it and what was tried there.
    func unexpected() -> SQLError {
        let token = current
        var message = "Encountered \"\(display(token))\" at \(token.location)."
        var alternatives: [String] = []
        for alternative in expected where !alternatives.contains(alternative) { alternatives.append(alternative) }
        if alternatives.count == 1 {
            message += " Was expecting \(alternatives[0])."
        } else if !alternatives.isEmpty {
            let shown = alternatives.prefix(8).joined(separator: ", ")
            message += " Was expecting one of: \(shown)\(alternatives.count > 8 ? ", ..." : ".")"
        }
        return .syntax(message, at: token.location)
    }

    /// A reserved word where a name or an expression belongs: the usual message, and how to use
    /// the word as a name.
    mutating func reservedWordError(expecting alternative: String = "<identifier>") -> SQLError {
        record(alternative)
        var error = unexpected()
        error.message +=
            " \"\(current.keyword!)\" is a reserved keyword: write it in backticks (`\(current.text)`) to use it as a name."
        return error
    }

    /// Flink SQL that Kibitz does not run, named, at the token that starts it.
    func unsupported(_ feature: String, at token: SQLToken? = nil) -> SQLError {
        .unsupported(feature, at: (token ?? current).location)
    }

    /// The token as written in the text, shortened if long.
    private func display(_ token: SQLToken) -> String {
        if token.kind == .endOfInput { return "<EOF>" }
        let written = String(decoding: utf8[token.location.offset..<token.endOffset], as: UTF8.self)
        return written.count > 40 ? String(written.prefix(37)) + "..." : written
    }
}
