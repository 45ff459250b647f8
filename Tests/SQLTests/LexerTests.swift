import SQL
import Testing

@Suite struct LexerTests {
    private func kinds(_ text: String) throws -> [SQLToken.Kind] { try SQLLexer.tokenize(text).map(\.kind) }

    private func texts(_ text: String) throws -> [String] { try SQLLexer.tokenize(text).dropLast().map(\.text) }

    @Test func splitsWordsLiteralsAndSymbols() throws {
        let tokens = try SQLLexer.tokenize("SELECT a, 'it''s', `odd``name` FROM t WHERE x >= 1.5E3")
        #expect(
            tokens.map(\.kind) == [
                .word, .word, .symbol, .string, .symbol, .quotedIdentifier, .word, .word, .word, .word, .symbol,
                .approximate, .endOfInput,
            ]
        )
        #expect(
            tokens.map(\.text) == [
                "SELECT", "a", ",", "it's", ",", "odd`name", "FROM", "t", "WHERE", "x", ">=", "1.5E3", "",
            ]
        )
        #expect(tokens[0].keyword == "SELECT")
        #expect(tokens[1].keyword == "A")
        #expect(tokens[3].keyword == nil)
    }

    @Test func readsNumbersOfEachKind() throws {
        #expect(
            try kinds("42 12.50 .5 1e3 1.5E-3 7.") == [
                .integer, .decimal, .decimal, .approximate, .approximate, .decimal, .endOfInput,
            ]
        )
        #expect(try texts("1.5E-3 2e+4") == ["1.5E-3", "2E+4"])
        // An E without digits is not an exponent: `1e` is the number 1 and the word e.
        #expect(try texts("1e") == ["1", "e"])
    }

    @Test func readsEveryOperator() throws {
        #expect(
            try texts("a=>b||c<>d!=e<=f>=g<h>i=j+k-l*m/n%o(p)[q];r.s") == [
                "a", "=>", "b", "||", "c", "<>", "d", "!=", "e", "<=", "f", ">=", "g", "<", "h", ">", "i", "=", "j",
                "+",
                "k", "-", "l", "*", "m", "/", "n", "%", "o", "(", "p", ")", "[", "q", "]", ";", "r", ".", "s",
            ]
        )
    }

    @Test func skipsWhitespaceAndComments() throws {
        let text = "SELECT -- a comment\n  a /* a\nblock */ , b-1 -- to the end"
        #expect(try texts(text) == ["SELECT", "a", ",", "b", "-", "1"])
    }

    @Test func locatesTokensByLineColumnAndOffset() throws {
        let tokens = try SQLLexer.tokenize("SELECT\n  'é', x\r\n\tFROM")
        #expect(tokens[1].location == SourceLocation(line: 2, column: 3, offset: 9))
        #expect(tokens[1].endOffset == 13)
        // Columns count characters, offsets count UTF-8 bytes.
        #expect(tokens[2].location == SourceLocation(line: 2, column: 6, offset: 13))
        #expect(tokens[3].location == SourceLocation(line: 2, column: 8, offset: 15))
        #expect(tokens[4].location == SourceLocation(line: 3, column: 2, offset: 19))
        #expect(tokens[5].kind == .endOfInput)
        #expect(tokens[5].location == SourceLocation(line: 3, column: 6, offset: 23))
    }

    @Test func keepsUnicodeNamesWhole() throws {
        #expect(try texts("SELECT größe, 名前") == ["SELECT", "größe", ",", "名前"])
    }

    @Test func refusesAnUnterminatedStringAtItsQuote() {
        #expect(
            throws: SQLError.syntax(
                "Lexical error at line 2, column 5: string literal not terminated: a ' is missing.",
                at: SourceLocation(line: 2, column: 5, offset: 11)
            )
        ) { try SQLLexer.tokenize("SELECT\nx = 'abc") }
    }

    @Test func refusesUnterminatedNamesAndComments() throws {
        let name = #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT `abc") }
        #expect(name?.location?.column == 8)
        let comment = #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT 1 /* never closed") }
        #expect(comment?.message.contains("comment not terminated") == true)
        #expect(comment?.location?.column == 10)
        #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT `` FROM t") }
    }

    @Test func refusesAStrayCharacterWhereItIs() {
        let error = #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT a # b") }
        #expect(error?.kind == .syntax)
        #expect(error?.location == SourceLocation(line: 1, column: 10, offset: 9))
        #expect(error?.message.contains("unexpected character '#'") == true)
        let quote = #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT \"a\"") }
        #expect(quote?.message.contains("names in backticks") == true)
    }

    @Test func refusesHintsRatherThanSkippingThem() {
        let error = #expect(throws: SQLError.self) { try SQLLexer.tokenize("SELECT * FROM t /*+ OPTIONS('a'='b') */") }
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "not supported: SQL hints (/*+ ... */)")
        #expect(error?.location?.column == 17)
    }
}
