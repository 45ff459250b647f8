extension SQLParser {
    /// An expression, lowest precedence first: OR < AND < NOT < comparisons and predicates <
    /// `+ -` < `* / % ||` (as in Calcite, `||` binds like `*`) < unary `- +` < `[ ]` and `.field`.
    mutating func parseExpression() throws(SQLError) -> SQLExpression {
        try enterNesting()
        defer { leaveNesting() }
        let start = current.location
        let expression = try parseOr()
        try Self.checkDepth(of: expression, from: start)
        return expression
    }

    /// Refuses an expression whose tree is deeper than `maximumExpressionDepth`: a long chain of
    /// operators (`a + a + ...`, `x = 1 OR x = 2 OR ...`) nests as deep as it is long, and every
    /// later step (planning, evaluation) walks it recursively.
    private static func checkDepth(of expression: SQLExpression, from start: SourceLocation) throws(SQLError) {
        var pending = [(expression, 1)]
        while let (node, depth) = pending.popLast() {
            guard depth <= maximumExpressionDepth else {
                throw .syntax(
                    "The expression at line \(start.line), column \(start.column) nests more than"
                        + " \(maximumExpressionDepth) operators deep; split it, or use IN (...) for a long"
                        + " list of alternatives.",
                    at: start
                )
            }
            for child in node.children { pending.append((child, depth + 1)) }
        }
    }

    mutating func parseExpressionList() throws(SQLError) -> [SQLExpression] {
        var expressions = [try parseExpression()]
        while consumeSymbol(",") { expressions.append(try parseExpression()) }
        return expressions
    }

    private mutating func parseOr() throws(SQLError) -> SQLExpression {
        var left = try parseAnd()
        while isKeyword("OR") {
            advance()
            left = SQLExpression(.binary(.or, left, try parseAnd()), at: left.location)
        }
        return left
    }

    private mutating func parseAnd() throws(SQLError) -> SQLExpression {
        var left = try parseNot()
        while isKeyword("AND") {
            advance()
            left = SQLExpression(.binary(.and, left, try parseNot()), at: left.location)
        }
        return left
    }

    private mutating func parseNot() throws(SQLError) -> SQLExpression {
        guard isKeyword("NOT") else { return try parsePredicate() }
        let token = advance()
        try enterNesting()
        defer { leaveNesting() }
        return SQLExpression(.unary(.not, try parseNot()), at: token.location)
    }

    private static let comparisons: [String: BinaryOperator] = [
        "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater,
        ">=": .greaterOrEqual,
    ]

    /// Comparisons, `IS`, `BETWEEN`, `IN` and `LIKE`, applied left to right.
    private mutating func parsePredicate() throws(SQLError) -> SQLExpression {
        var left = try parseAdditive()
        while true {
            if current.kind == .symbol, let comparison = Self.comparisons[current.text] {
                advance()
                if let word = current.keyword, ["ANY", "SOME", "ALL"].contains(word) {
                    throw unsupported("quantified comparisons (\(word))")
                }
                left = SQLExpression(.binary(comparison, left, try parseAdditive()), at: left.location)
            } else if isKeyword("IS") {
                advance()
                left = try parseIsTest(of: left)
            } else if let predicate = Self.negatablePredicate(current.keyword)
                ?? (isKeyword("NOT") ? Self.negatablePredicate(peek().keyword) : nil)
            {
                let negated = isKeyword("NOT")
                if negated { advance() }
                left = try parseNegatablePredicate(predicate, of: left, negated: negated)
            } else {
                return left
            }
        }
    }

    private static func negatablePredicate(_ keyword: String?) -> String? {
        ["BETWEEN", "IN", "LIKE", "SIMILAR"].contains(keyword ?? "") ? keyword : nil
    }

    private mutating func parseIsTest(of operand: SQLExpression) throws(SQLError) -> SQLExpression {
        let negated = consumeKeyword("NOT")
        for test in [IsTest.null, .true, .false, .unknown] where consumeKeyword(test.rawValue) {
            return SQLExpression(.isTest(operand, test, negated: negated), at: operand.location)
        }
        if consumeKeyword("DISTINCT") {
            try expectKeyword("FROM")
            let distinct = SQLExpression(.binary(.isDistinctFrom, operand, try parseAdditive()), at: operand.location)
            return negated ? SQLExpression(.unary(.not, distinct), at: operand.location) : distinct
        }
        if isKeyword("JSON") { throw unsupported("IS JSON") }
        throw unexpected()
    }

    private mutating func parseNegatablePredicate(
        _ predicate: String,
        of operand: SQLExpression,
        negated: Bool
    ) throws(SQLError) -> SQLExpression {
        let token = advance()
        switch predicate {
        case "BETWEEN":
            if isKeyword("SYMMETRIC") { throw unsupported("BETWEEN SYMMETRIC") }
            _ = consumeKeyword("ASYMMETRIC")
            let low = try parseAdditive()
            try expectKeyword("AND")
            let high = try parseAdditive()
            return SQLExpression(.between(operand, low: low, high: high, negated: negated), at: operand.location)
        case "IN":
            try expectSymbol("(")
            if isQueryStart(at: position) { throw unsupported("IN (subquery)") }
            let list = try parseExpressionList()
            try expectSymbol(")")
            return SQLExpression(.inList(operand, list, negated: negated), at: operand.location)
        case "LIKE":
            let pattern = try parseAdditive()
            let escape = consumeKeyword("ESCAPE") ? try parseAdditive() : nil
            return SQLExpression(
                .like(operand, pattern: pattern, escape: escape, negated: negated),
                at: operand.location
            )
        default:
            throw unsupported("SIMILAR TO", at: token)
        }
    }

    private mutating func parseAdditive() throws(SQLError) -> SQLExpression {
        var left = try parseMultiplicative()
        while current.kind == .symbol,
            let operation = [BinaryOperator.add, .subtract].first(where: {
                $0.rawValue == current.text
            })
        {
            advance()
            left = SQLExpression(.binary(operation, left, try parseMultiplicative()), at: left.location)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(SQLError) -> SQLExpression {
        var left = try parseUnary()
        while current.kind == .symbol,
            let operation = [BinaryOperator.multiply, .divide, .modulo, .concatenate]
                .first(where: { $0.rawValue == current.text })
        {
            advance()
            left = SQLExpression(.binary(operation, left, try parseUnary()), at: left.location)
        }
        return left
    }

    private mutating func parseUnary() throws(SQLError) -> SQLExpression {
        guard current.kind == .symbol,
            let operation = [UnaryOperator.negate, .plus].first(where: {
                $0.rawValue == current.text
            })
        else { return try parsePostfix() }
        let token = advance()
        try enterNesting()
        defer { leaveNesting() }
        return SQLExpression(.unary(operation, try parseUnary()), at: token.location)
    }

    /// `x[key]` (the function ITEM) and `(x).field` after a primary.
    private mutating func parsePostfix() throws(SQLError) -> SQLExpression {
        var expression = try parsePrimary()
        while true {
            if isSymbol("[") {
                advance()
                let key = try parseExpression()
                try expectSymbol("]")
                let item = FunctionCall(
                    name: Identifier("ITEM", at: expression.location),
                    arguments: [expression, key]
                )
                expression = SQLExpression(.function(item), at: expression.location)
            } else if isSymbol(".") {
                advance()
                let field = try expectAnyName()
                expression = SQLExpression(.fieldAccess(expression, field: field), at: expression.location)
            } else {
                return expression
            }
        }
    }

    // MARK: Primaries

    /// Words that are calls without parentheses.
    private static let niladicFunctions: Set<String> = [
        "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME",
    ]

    private mutating func parsePrimary() throws(SQLError) -> SQLExpression {
        let token = current
        let literal: SQLLiteral
        switch token.kind {
        case .integer: literal = .integer(token.text)
        case .decimal: literal = .decimal(token.text)
        case .approximate: literal = .double(token.text)
        case .string: literal = .string(token.text)
        case .quotedIdentifier: return try parseColumnReference()
        case .word: return try parseWordPrimary()
        case .symbol where token.text == "(":
            if isQueryStart(at: position + 1) { throw unsupported("scalar subqueries") }
            advance()
            let expression = try parseExpression()
            if isSymbol(",") { throw unsupported("row constructors in parentheses (write ROW(...))") }
            try expectSymbol(")")
            return expression
        default:
            record("<expression>")
            throw unexpected()
        }
        advance()
        return SQLExpression(.literal(literal), at: token.location)
    }

    private mutating func parseWordPrimary() throws(SQLError) -> SQLExpression {
        let token = current
        let word = token.keyword!
        let isCall = peek().isSymbol("(")
        switch word {
        case "NULL", "TRUE", "FALSE":
            advance()
            let literal: SQLLiteral = word == "NULL" ? .null : .boolean(word == "TRUE")
            return SQLExpression(.literal(literal), at: token.location)
        case "CASE": return try parseCase()
        case "INTERVAL": return try parseIntervalLiteral()
        case "EXISTS": throw unsupported("EXISTS subqueries")
        default: break
        }
        if Self.niladicFunctions.contains(word) {
            advance()
            return call(token, [])
        }
        if ["DATE", "TIME", "TIMESTAMP"].contains(word) && peek().kind == .string { return try parseTypedLiteral() }
        if ["ARRAY", "MAP"].contains(word) && peek().isSymbol("[") { return try parseConstructor() }
        if isCall {
            switch word {
            case "CAST", "TRY_CAST": return try parseCast()
            case "EXTRACT": return try parseExtract()
            case "FLOOR", "CEIL", "CEILING": return try parseFloorOrCeiling()
            case "TRIM": return try parseTrim()
            case "SUBSTRING": return try parseSubstring()
            case "POSITION": return try parsePosition()
            case "TIMESTAMPADD", "TIMESTAMPDIFF": return try parseTimestampArithmetic()
            // LEFT and RIGHT are join words, and Flink's string functions too.
            case "LEFT", "RIGHT": return try parseFunctionCall()
            default: break
            }
        }
        if Self.reservedWords.contains(word) { throw reservedWordError(expecting: "<expression>") }
        return isCall ? try parseFunctionCall() : try parseColumnReference()
    }

    /// `a`, `t.a`, and `t.a.f.g` as fields of the column `t.a`: the planner decides whether the
    /// first of two parts is a table or a ROW column.
    private mutating func parseColumnReference() throws(SQLError) -> SQLExpression {
        let first = identifier(advance())
        guard isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier else {
            return SQLExpression(.column(qualifier: nil, name: first), at: first.location)
        }
        advance()
        var expression = SQLExpression(.column(qualifier: first, name: identifier(advance())), at: first.location)
        while isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            advance()
            expression = SQLExpression(.fieldAccess(expression, field: identifier(advance())), at: first.location)
        }
        return expression
    }

    private func call(_ name: SQLToken, _ arguments: [SQLExpression]) -> SQLExpression {
        let function = FunctionCall(
            name: Identifier(name.keyword ?? name.text, at: name.location),
            arguments: arguments
        )
        return SQLExpression(.function(function), at: name.location)
    }

    /// `name([DISTINCT | ALL] arguments) [OVER (...)]`, or `name(*)`.
    private mutating func parseFunctionCall() throws(SQLError) -> SQLExpression {
        let nameToken = advance()
        advance()
        var function = FunctionCall(name: identifier(nameToken), arguments: [])
        if consumeKeyword("DISTINCT") {
            function.isDistinct = true
        } else {
            _ = consumeKeyword("ALL")
        }
        if isSymbol("*") && peek().isSymbol(")") {
            function.arguments = [SQLExpression(.star, at: advance().location)]
        } else if !isSymbol(")") {
            function.arguments = try parseExpressionList()
        }
        try expectSymbol(")")
        if isKeyword("FILTER") && peek().isSymbol("(") { throw unsupported("FILTER (WHERE ...) on aggregates") }
        if isKeyword("WITHIN") && peek().keyword == "GROUP" { throw unsupported("WITHIN GROUP") }
        if let word = current.keyword, word == "IGNORE" || word == "RESPECT", peek().keyword == "NULLS" {
            throw unsupported("\(word) NULLS")
        }
        if consumeKeyword("OVER") { function.over = try parseWindowSpecification() }
        return SQLExpression(.function(function), at: nameToken.location)
    }

    /// `(PARTITION BY ... ORDER BY ...)` after OVER; frames and named windows are refused.
    private mutating func parseWindowSpecification() throws(SQLError) -> WindowSpecification {
        if isIdentifier { throw unsupported("named windows (OVER name)") }
        try expectSymbol("(")
        var specification = WindowSpecification(partitionBy: [], orderBy: [])
        if consumeKeyword("PARTITION") {
            try expectKeyword("BY")
            specification.partitionBy = try parseExpressionList()
        }
        if consumeKeyword("ORDER") {
            try expectKeyword("BY")
            specification.orderBy = try parseOrderItems()
        }
        if let word = current.keyword, word == "ROWS" || word == "RANGE" {
            throw unsupported("OVER window frames (\(word) BETWEEN ...)")
        }
        try expectSymbol(")")
        return specification
    }

    private mutating func parseCase() throws(SQLError) -> SQLExpression {
        let start = advance()
        let operand = isKeyword("WHEN") ? nil : try parseExpression()
        var branches: [CaseBranch] = []
        while consumeKeyword("WHEN") {
            let condition = try parseExpression()
            try expectKeyword("THEN")
            branches.append(CaseBranch(condition: condition, result: try parseExpression()))
        }
        if branches.isEmpty { throw unexpected() }
        let otherwise = consumeKeyword("ELSE") ? try parseExpression() : nil
        try expectKeyword("END")
        return SQLExpression(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), at: start.location)
    }

    private mutating func parseCast() throws(SQLError) -> SQLExpression {
        let start = advance()
        advance()
        let value = try parseExpression()
        try expectKeyword("AS")
        let type = try parseType()
        try expectSymbol(")")
        return SQLExpression(.cast(value, type, isTry: start.keyword == "TRY_CAST"), at: start.location)
    }

    /// `DATE '2024-01-01'`, `TIME '10:00:00'`, `TIMESTAMP '2024-01-01 10:00:00.123'`: the
    /// precision of a time is its number of fractional digits, as in Calcite.
    private mutating func parseTypedLiteral() throws(SQLError) -> SQLExpression {
        let start = advance()
        let text = advance().text
        let fraction = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first
        let precision = fraction.map { $0.prefix { $0.isNumber }.count } ?? 0
        let kind: SQLType.Kind =
            switch start.keyword {
            case "DATE": .date
            case "TIME": .time(precision: precision)
            default: .timestamp(precision: precision)
            }
        return SQLExpression(.literal(.typed(kind, text)), at: start.location)
    }

    /// `INTERVAL [-]'5' SECOND`, `INTERVAL '1 10' DAY TO HOUR`; a sign before the quotes is moved
    /// into the text.
    private mutating func parseIntervalLiteral() throws(SQLError) -> SQLExpression {
        let start = advance()
        var isNegative = false
        if isSymbol("-") || isSymbol("+") { isNegative = advance().text == "-" }
        var text = try expectString()
        if isNegative { text = text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text }
        let (unit, end) = try parseIntervalQualifier()
        return SQLExpression(.literal(.interval(text, unit, to: end)), at: start.location)
    }

    /// `ARRAY[a, b]` and `MAP[key, value, ...]`, as calls of the functions ARRAY and MAP.
    private mutating func parseConstructor() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        let elements = isSymbol("]") ? [] : try parseExpressionList()
        try expectSymbol("]")
        return call(name, elements)
    }

    // MARK: Special forms

    /// `EXTRACT(unit FROM x)` → `EXTRACT(unit, x)`.
    private mutating func parseExtract() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        let unit = try parseTimeUnitArgument()
        try expectKeyword("FROM")
        let value = try parseExpression()
        try expectSymbol(")")
        return call(name, [unit, value])
    }

    /// `FLOOR(x TO unit)` → `FLOOR(x, unit)`; `FLOOR(x)` is an ordinary call.
    private mutating func parseFloorOrCeiling() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        var arguments = [try parseExpression()]
        if consumeKeyword("TO") {
            arguments.append(try parseTimeUnitArgument())
        } else {
            while consumeSymbol(",") { arguments.append(try parseExpression()) }
        }
        try expectSymbol(")")
        return call(name, arguments)
    }

    /// `TRIM([BOTH | LEADING | TRAILING] [characters] FROM x)` and `TRIM(x)` →
    /// `TRIM('BOTH', ' ', x)`: the side as a string, then the characters, then the value.
    private mutating func parseTrim() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        var side = SQLExpression(.literal(.string("BOTH")), at: name.location)
        var characters = SQLExpression(.literal(.string(" ")), at: name.location)
        var hasSide = false
        for word in ["BOTH", "LEADING", "TRAILING"] where isKeyword(word) {
            side = SQLExpression(.literal(.string(word)), at: advance().location)
            hasSide = true
            break
        }
        let value: SQLExpression
        if hasSide && consumeKeyword("FROM") {
            value = try parseExpression()
        } else {
            let first = try parseExpression()
            if consumeKeyword("FROM") {
                characters = first
                value = try parseExpression()
            } else if hasSide {
                throw unexpected()
            } else {
                value = first
            }
        }
        try expectSymbol(")")
        return call(name, [side, characters, value])
    }

    /// `SUBSTRING(x FROM start [FOR length])` → `SUBSTRING(x, start[, length])`.
    private mutating func parseSubstring() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        var arguments = [try parseExpression()]
        if consumeKeyword("FROM") {
            arguments.append(try parseExpression())
            if consumeKeyword("FOR") { arguments.append(try parseExpression()) }
        } else {
            while consumeSymbol(",") { arguments.append(try parseExpression()) }
        }
        try expectSymbol(")")
        return call(name, arguments)
    }

    /// `POSITION(needle IN haystack)` → `POSITION(needle, haystack)`.
    private mutating func parsePosition() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        // Below the predicates, so that IN is not read as a list.
        let needle = try parseAdditive()
        try expectKeyword("IN")
        let haystack = try parseExpression()
        try expectSymbol(")")
        return call(name, [needle, haystack])
    }

    /// `TIMESTAMPADD(unit, n, ts)` and `TIMESTAMPDIFF(unit, a, b)`, the unit as a time unit.
    private mutating func parseTimestampArithmetic() throws(SQLError) -> SQLExpression {
        let name = advance()
        advance()
        let unit = try parseTimeUnitArgument()
        try expectSymbol(",")
        let first = try parseExpression()
        try expectSymbol(",")
        let second = try parseExpression()
        try expectSymbol(")")
        return call(name, [unit, first, second])
    }

    private mutating func parseTimeUnitArgument() throws(SQLError) -> SQLExpression {
        let token = current
        return SQLExpression(.timeUnit(try parseTimeUnit(allowingPlural: false)), at: token.location)
    }
}
