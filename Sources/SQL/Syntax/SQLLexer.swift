/// Splits SQL text into tokens, skipping whitespace and comments.
///
/// Words keep the case they were written in (keywords are matched through `SQLToken.keyword`);
/// string literals and backquoted names come out unescaped. The last token is always `.endOfInput`,
/// located just past the text.
public struct SQLLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var offset = 0
    private var tokens: [SQLToken] = []

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The tokens of `text`, ending with `.endOfInput`.
    ///
    /// Throws a syntax error at an unterminated string, name or comment, or at a character that has
    /// no place in SQL outside quotes.
    public static func tokenize(_ text: String) throws(SQLError) -> [SQLToken] {
        var lexer = SQLLexer(text)
        try lexer.run()
        return lexer.tokens
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: offset) }

    private func scalar(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        let consumed = scalars[index]
        index += 1
        offset += UTF8.width(consumed)
        if consumed == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private mutating func run() throws(SQLError) {
        while let next = scalar() {
            let start = location
            if next.properties.isWhitespace {
                advance()
            } else if next == "-" && scalar(1) == "-" {
                while let character = scalar(), character != "\n" { advance() }
            } else if next == "/" && scalar(1) == "*" {
                try skipBlockComment(from: start)
            } else if next == "'" {
                try lexQuoted(quote: "'", kind: .string, from: start)
            } else if next == "`" {
                try lexQuoted(quote: "`", kind: .quotedIdentifier, from: start)
            } else if Self.isDigit(next) || (next == "." && scalar(1).map(Self.isDigit) == true) {
                lexNumber(from: start)
            } else if Self.isIdentifierStart(next) {
                var text = String.UnicodeScalarView()
                while let character = scalar(), Self.isIdentifierPart(character) {
                    text.append(character)
                    advance()
                }
                tokens.append(SQLToken(.word, String(text), at: start, endOffset: offset))
            } else {
                try lexSymbol(from: start)
            }
        }
        tokens.append(SQLToken(.endOfInput, "", at: location, endOffset: offset))
    }

    private mutating func skipBlockComment(from start: SourceLocation) throws(SQLError) {
        // Flink reads `/*+ ... */` as a hint that changes how a table is read; skipping it as a
        // comment would run the query differently from Flink.
        if scalar(2) == "+" { throw .unsupported("SQL hints (/*+ ... */)", at: start) }
        advance()
        advance()
        while scalar() != nil {
            if scalar() == "*" && scalar(1) == "/" {
                advance()
                advance()
                return
            }
            advance()
        }
        throw Self.lexicalError("comment not terminated: a */ is missing", at: start)
    }

    /// A `'string'` or a `` `name` ``: a doubled quote stands for the quote itself.
    private mutating func lexQuoted(
        quote: Unicode.Scalar,
        kind: SQLToken.Kind,
        from start: SourceLocation
    )
        throws(SQLError)
    {
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let character = scalar() else {
                let what = kind == .string ? "string literal" : "quoted name"
                throw Self.lexicalError("\(what) not terminated: a \(quote) is missing", at: start)
            }
            advance()
            if character == quote {
                guard scalar() == quote else { break }
                advance()
            }
            text.append(character)
        }
        if kind == .quotedIdentifier && text.isEmpty {
            throw Self.lexicalError("a quoted name cannot be empty", at: start)
        }
        tokens.append(SQLToken(kind, String(text), at: start, endOffset: offset))
    }

    /// `42`, `12.50`, `.5`, `1.5E-3`: an exponent makes it approximate, a point makes it decimal.
    private mutating func lexNumber(from start: SourceLocation) {
        var text = String.UnicodeScalarView()
        var kind = SQLToken.Kind.integer
        takeDigits(into: &text)
        if scalar() == "." {
            kind = .decimal
            text.append(".")
            advance()
            takeDigits(into: &text)
        }
        if let exponent = scalar(), exponent == "e" || exponent == "E" {
            let signed = scalar(1) == "+" || scalar(1) == "-"
            if let digit = scalar(signed ? 2 : 1), Self.isDigit(digit) {
                kind = .approximate
                text.append("E")
                advance()
                if signed {
                    text.append(scalar()!)
                    advance()
                }
                takeDigits(into: &text)
            }
        }
        tokens.append(SQLToken(kind, String(text), at: start, endOffset: offset))
    }

    private mutating func takeDigits(into text: inout String.UnicodeScalarView) {
        while let character = scalar(), Self.isDigit(character) {
            text.append(character)
            advance()
        }
    }

    private static let twoCharacterSymbols: Set<String> = ["<>", "<=", ">=", "!=", "||", "=>"]
    private static let oneCharacterSymbols: Set<Unicode.Scalar> = [
        "(", ")", ",", ";", ".", "*", "+", "-", "/", "%", "=", "<", ">", "[", "]",
    ]

    private mutating func lexSymbol(from start: SourceLocation) throws(SQLError) {
        let first = scalars[index]
        if let second = scalar(1) {
            let symbol = String(String.UnicodeScalarView([first, second]))
            if Self.twoCharacterSymbols.contains(symbol) {
                advance()
                advance()
                tokens.append(SQLToken(.symbol, symbol, at: start, endOffset: offset))
                return
            }
        }
        guard Self.oneCharacterSymbols.contains(first) else {
            let hint = first == "\"" ? " (strings are written in single quotes, names in backticks)" : ""
            throw Self.lexicalError("unexpected character '\(Character(first))'\(hint)", at: start)
        }
        advance()
        tokens.append(SQLToken(.symbol, String(Character(first)), at: start, endOffset: offset))
    }

    private static func lexicalError(_ problem: String, at location: SourceLocation) -> SQLError {
        .syntax("Lexical error at line \(location.line), column \(location.column): \(problem).", at: location)
    }

    private static func isDigit(_ character: Unicode.Scalar) -> Bool { ("0"..."9").contains(character) }

    private static func isIdentifierStart(_ character: Unicode.Scalar) -> Bool {
        character == "_" || ("a"..."z").contains(character) || ("A"..."Z").contains(character)
            || (!character.isASCII && character.properties.isAlphabetic)
    }

    private static func isIdentifierPart(_ character: Unicode.Scalar) -> Bool {
        isIdentifierStart(character) || isDigit(character)
            || (!character.isASCII && character.properties.numericType != nil)
    }
}
