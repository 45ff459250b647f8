extension SQLParser {
    /// Whether the token at `index`, after any opening parentheses, starts a query.
    func isQueryStart(at index: Int) -> Bool {
        var index = index
        while index < tokens.count - 1, tokens[index].kind == .symbol, tokens[index].text == "(" { index += 1 }
        return ["SELECT", "VALUES", "WITH"].contains(tokens[index].keyword ?? "")
    }

    /// A query with its set operations, ORDER BY and LIMIT.
    mutating func parseQuery() throws(SQLError) -> SQLQuery {
        try enterNesting()
        defer { leaveNesting() }
        if isKeyword("WITH") { throw unsupported("WITH (common table expressions)") }
        let body = try parseUnionOrExcept()
        var orderBy: [OrderItem] = []
        if consumeKeyword("ORDER") {
            try expectKeyword("BY")
            orderBy = try parseOrderItems()
        }
        var limit: SQLExpression?
        if consumeKeyword("LIMIT") {
            let token = current
            _ = try expectInteger()
            limit = SQLExpression(.literal(.integer(token.text)), at: token.location)
        }
        if isKeyword("OFFSET") { throw unsupported("OFFSET") }
        if isKeyword("FETCH") { throw unsupported("FETCH (write LIMIT n)") }
        if orderBy.isEmpty && limit == nil { return body }
        return SQLQuery(body: body.body, orderBy: orderBy, limit: limit, at: body.location)
    }

    /// UNION and EXCEPT, left to right, over INTERSECT terms (INTERSECT binds tighter, as in Flink).
    private mutating func parseUnionOrExcept() throws(SQLError) -> SQLQuery {
        var left = try parseIntersect()
        while true {
            let operation: SetOperator
            if consumeKeyword("UNION") {
                operation = .union
            } else if consumeKeyword("EXCEPT") {
                operation = .except
            } else {
                return left
            }
            let isAll = try parseSetQuantifier()
            let right = try parseIntersect()
            left = SQLQuery(body: .setOperation(operation, isAll: isAll, left, right), at: left.location)
        }
    }

    private mutating func parseIntersect() throws(SQLError) -> SQLQuery {
        var left = try parseQueryPrimary()
        while consumeKeyword("INTERSECT") {
            let isAll = try parseSetQuantifier()
            let right = try parseQueryPrimary()
            left = SQLQuery(body: .setOperation(.intersect, isAll: isAll, left, right), at: left.location)
        }
        return left
    }

    /// `ALL` (true) or `DISTINCT`/nothing (false).
    private mutating func parseSetQuantifier() throws(SQLError) -> Bool {
        if consumeKeyword("ALL") { return true }
        _ = consumeKeyword("DISTINCT")
        return false
    }

    private mutating func parseQueryPrimary() throws(SQLError) -> SQLQuery {
        let start = current
        if isKeyword("SELECT") { return SQLQuery(body: .select(try parseSelect()), at: start.location) }
        if consumeKeyword("VALUES") {
            var rows: [[SQLExpression]] = []
            repeat {
                try expectSymbol("(")
                rows.append(try parseExpressionList())
                try expectSymbol(")")
            } while consumeSymbol(",")
            return SQLQuery(body: .values(rows), at: start.location)
        }
        if consumeSymbol("(") {
            let query = try parseQuery()
            try expectSymbol(")")
            return SQLQuery(body: .nested(query), at: start.location)
        }
        record("\"SELECT\"")
        if isKeyword("WITH") { throw unsupported("WITH (common table expressions)") }
        throw unexpected()
    }

    private mutating func parseSelect() throws(SQLError) -> SelectQuery {
        let start = advance()
        var isDistinct = false
        if consumeKeyword("DISTINCT") {
            isDistinct = true
        } else {
            _ = consumeKeyword("ALL")
        }
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while consumeSymbol(",")
        var select = SelectQuery(isDistinct: isDistinct, items: items, from: nil, at: start.location)
        if consumeKeyword("FROM") { select.from = try parseTableReference() }
        if consumeKeyword("WHERE") { select.whereClause = try parseExpression() }
        if consumeKeyword("GROUP") {
            try expectKeyword("BY")
            repeat {
                select.groupBy.append(try parseGroupingItem())
            } while consumeSymbol(",")
        }
        if consumeKeyword("HAVING") { select.having = try parseExpression() }
        if isKeyword("WINDOW") { throw unsupported("WINDOW clauses") }
        if isKeyword("QUALIFY") { throw unsupported("QUALIFY") }
        return select
    }

    private mutating func parseSelectItem() throws(SQLError) -> SelectItem {
        let start = current
        if consumeSymbol("*") { return .wildcard(qualifier: nil, at: start.location) }
        if isIdentifier && peek().isSymbol(".") && peek(2).isSymbol("*") {
            let qualifier = identifier(advance())
            advance()
            advance()
            return .wildcard(qualifier: qualifier, at: start.location)
        }
        let expression = try parseExpression()
        return .expression(expression, alias: try parseOptionalAlias())
    }

    /// `AS name`, or a bare name that is not a reserved word.
    mutating func parseOptionalAlias() throws(SQLError) -> Identifier? {
        if consumeKeyword("AS") { return try expectIdentifier() }
        return isIdentifier ? identifier(advance()) : nil
    }

    private mutating func parseGroupingItem() throws(SQLError) -> SQLExpression {
        if isKeyword("GROUPING") && peek().keyword == "SETS" { throw unsupported("GROUPING SETS") }
        if let word = current.keyword, word == "ROLLUP" || word == "CUBE", peek().isSymbol("(") {
            throw unsupported(word)
        }
        return try parseExpression()
    }

    /// `expression [ASC | DESC] [NULLS FIRST | NULLS LAST]`, separated by commas.
    mutating func parseOrderItems() throws(SQLError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            var item = OrderItem(expression: try parseExpression())
            if consumeKeyword("DESC") {
                item.isDescending = true
            } else {
                _ = consumeKeyword("ASC")
            }
            if consumeKeyword("NULLS") {
                if consumeKeyword("FIRST") {
                    item.nullsFirst = true
                } else {
                    try expectKeyword("LAST")
                    item.nullsFirst = false
                }
            }
            items.append(item)
        } while consumeSymbol(",")
        return items
    }

    // MARK: FROM

    /// Tables joined left to right: `JOIN ... ON`, `CROSS JOIN` and commas.
    mutating func parseTableReference() throws(SQLError) -> TableReference {
        var left = try parseTablePrimary()
        while true {
            if consumeSymbol(",") {
                left = .join(left, .cross, try parseTablePrimary(), on: nil)
                continue
            }
            if isKeyword("NATURAL") { throw unsupported("NATURAL JOIN") }
            if consumeKeyword("CROSS") {
                if isKeyword("APPLY") { throw unsupported("CROSS APPLY") }
                try expectKeyword("JOIN")
                left = .join(left, .cross, try parseTablePrimary(), on: nil)
                continue
            }
            guard let kind = try parseJoinKind() else { return left }
            let right = try parseTablePrimary()
            if isKeyword("USING") { throw unsupported("JOIN ... USING (write ON)") }
            try expectKeyword("ON")
            left = .join(left, kind, right, on: try parseExpression())
        }
    }

    /// The words before `JOIN` up to and including it, or nil when no join follows.
    private mutating func parseJoinKind() throws(SQLError) -> JoinKind? {
        if consumeKeyword("JOIN") { return .inner }
        let kind: JoinKind
        if consumeKeyword("INNER") {
            kind = .inner
        } else if consumeKeyword("LEFT") {
            kind = .left
        } else if consumeKeyword("RIGHT") {
            kind = .right
        } else if consumeKeyword("FULL") {
            kind = .full
        } else {
            return nil
        }
        if kind != .inner { _ = consumeKeyword("OUTER") }
        try expectKeyword("JOIN")
        return kind
    }

    private mutating func parseTablePrimary() throws(SQLError) -> TableReference {
        try enterNesting()
        defer { leaveNesting() }
        let start = current
        switch current.keyword {
        case "LATERAL": throw unsupported("LATERAL")
        case "UNNEST": throw unsupported("UNNEST")
        case "TABLE" where peek().isSymbol("("):
            return .windowFunction(try parseWindowTableFunction(), alias: try parseOptionalAlias())
        default: break
        }
        if isSymbol("(") {
            advance()
            if isQueryStart(at: position) {
                let query = try parseQuery()
                try expectSymbol(")")
                return .subquery(query, alias: try parseOptionalAlias())
            }
            let reference = try parseTableReference()
            try expectSymbol(")")
            return reference
        }
        if !isIdentifier {
            record("\"(\"")
            record("\"TABLE\"")
        }
        let name = try parseObjectName()
        if isSymbol("(") {
            throw unsupported("table function \(name) (only TUMBLE, HOP, CUMULATE and SESSION)", at: start)
        }
        if isKeyword("FOR") && peek().keyword == "SYSTEM_TIME" {
            throw unsupported("FOR SYSTEM_TIME AS OF (temporal joins)")
        }
        if isKeyword("MATCH_RECOGNIZE") { throw unsupported("MATCH_RECOGNIZE") }
        if isKeyword("TABLESAMPLE") { throw unsupported("TABLESAMPLE") }
        return .table(name, alias: try parseOptionalAlias())
    }
}
