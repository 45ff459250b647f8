extension SQLParser {
    /// The parameters of each windowing function, in positional order.
    private static func parameters(of kind: WindowTableFunction.Kind) -> [String] {
        switch kind {
        case .tumble: ["DATA", "TIMECOL", "SIZE", "OFFSET"]
        case .hop: ["DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"]
        case .cumulate: ["DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"]
        case .session: ["DATA", "TIMECOL", "GAP"]
        }
    }

    /// What one argument of a windowing function holds.
    private enum WindowArgument {
        case input(TableReference, partitionBy: [Identifier])
        case descriptor(Identifier)
        case expression(SQLExpression)
    }

    /// `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))`, with positional or named
    /// (`SIZE => ...`) arguments sorted into the function's fields.
    mutating func parseWindowTableFunction() throws(SQLError) -> WindowTableFunction {
        advance()
        try expectSymbol("(")
        let functionToken = current
        guard let kind = WindowTableFunction.Kind(rawValue: current.keyword ?? "") else {
            if current.kind == .word || current.kind == .quotedIdentifier {
                throw unsupported("table function \(current.text) (only TUMBLE, HOP, CUMULATE and SESSION)")
            }
            for name in ["TUMBLE", "HOP", "CUMULATE", "SESSION"] { record("\"\(name)\"") }
            throw unexpected()
        }
        advance()
        try expectSymbol("(")
        let parameters = Self.parameters(of: kind)
        var arguments: [String: (WindowArgument, SQLToken)] = [:]
        var positionalCount = 0
        var sawNamed = false
        repeat {
            let start = current
            let name: String
            if current.kind == .word, peek().isSymbol("=>") {
                name = current.keyword!
                advance()
                advance()
                guard parameters.contains(name) else {
                    throw .validation("\(kind.rawValue) has no parameter \(name)", at: start.location)
                }
                sawNamed = true
            } else {
                if sawNamed {
                    throw .validation(
                        "positional arguments of \(kind.rawValue) must come before named ones",
                        at: start.location
                    )
                }
                guard positionalCount < parameters.count else {
                    throw .validation(
                        "\(kind.rawValue) takes at most \(parameters.count) arguments",
                        at: start.location
                    )
                }
                name = parameters[positionalCount]
                positionalCount += 1
            }
            if arguments[name] != nil {
                throw .validation("the \(name) argument of \(kind.rawValue) is given twice", at: start.location)
            }
            arguments[name] = (try parseWindowArgument(), start)
        } while consumeSymbol(",")
        try expectSymbol(")")
        try expectSymbol(")")
        return try windowFunction(kind, arguments, at: functionToken)
    }

    private mutating func parseWindowArgument() throws(SQLError) -> WindowArgument {
        let input: TableReference
        if consumeKeyword("TABLE") {
            input = .table(try parseObjectName(), alias: nil)
        } else if isSymbol("(") && isQueryStart(at: position) {
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            input = .subquery(query, alias: nil)
        } else if isKeyword("DESCRIPTOR") && peek().isSymbol("(") {
            advance()
            advance()
            let column = try expectIdentifier()
            try expectSymbol(")")
            return .descriptor(column)
        } else {
            return .expression(try parseExpression())
        }
        var partitionBy: [Identifier] = []
        if consumeKeyword("PARTITION") {
            try expectKeyword("BY")
            partitionBy = isSymbol("(") ? try parseIdentifierList() : [try expectIdentifier()]
        }
        return .input(input, partitionBy: partitionBy)
    }

    private func windowFunction(
        _ kind: WindowTableFunction.Kind,
        _ arguments: [String: (WindowArgument, SQLToken)],
        at token: SQLToken
    ) throws(SQLError) -> WindowTableFunction {
        let required = Self.parameters(of: kind).filter { $0 != "OFFSET" }
        guard required.allSatisfy({ arguments[$0] != nil }) else {
            throw .validation(
                "\(kind.rawValue) needs its \(required.dropLast().joined(separator: ", ")) and \(required.last!) arguments",
                at: token.location
            )
        }
        guard case .input(let input, let partitionBy)? = arguments["DATA"]?.0 else {
            throw .validation(
                "the DATA argument of \(kind.rawValue) is TABLE name or a subquery",
                at: arguments["DATA"]!.1.location
            )
        }
        if !partitionBy.isEmpty && kind != .session {
            throw unsupported("PARTITION BY in a \(kind.rawValue) window", at: arguments["DATA"]!.1)
        }
        guard case .descriptor(let timeColumn)? = arguments["TIMECOL"]?.0 else {
            throw .validation(
                "the TIMECOL argument of \(kind.rawValue) is DESCRIPTOR(column)",
                at: arguments["TIMECOL"]!.1.location
            )
        }
        func expression(_ name: String) throws(SQLError) -> SQLExpression? {
            guard let (argument, start) = arguments[name] else { return nil }
            guard case .expression(let expression) = argument else {
                throw .validation("the \(name) argument of \(kind.rawValue) is an interval", at: start.location)
            }
            return expression
        }
        return WindowTableFunction(
            kind: kind,
            input: input,
            partitionBy: partitionBy,
            timeColumn: timeColumn,
            size: try expression("SIZE"),
            slide: try expression("SLIDE"),
            step: try expression("STEP"),
            gap: try expression("GAP"),
            offset: try expression("OFFSET"),
            at: token.location
        )
    }
}
