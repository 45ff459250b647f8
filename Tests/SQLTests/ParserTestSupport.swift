import SQL

// Trees built by hand in the parser tests have no locations; these copies of parsed trees have
// every location set to the start, so that the two compare equal when their shapes do
// (`SQLExpression.withoutLocations` is the SQL target's own, which the planner uses too).

extension OrderItem {
    var withoutLocations: OrderItem {
        OrderItem(expression: expression.withoutLocations, isDescending: isDescending, nullsFirst: nullsFirst)
    }
}

extension SQLQuery {
    var withoutLocations: SQLQuery {
        let strippedBody: Body =
            switch body {
            case .select(let select): .select(select.withoutLocations)
            case .setOperation(let operation, let isAll, let left, let right):
                .setOperation(operation, isAll: isAll, left.withoutLocations, right.withoutLocations)
            case .values(let rows): .values(rows.map { $0.map(\.withoutLocations) })
            case .nested(let query): .nested(query.withoutLocations)
            }
        return SQLQuery(
            body: strippedBody,
            orderBy: orderBy.map(\.withoutLocations),
            limit: limit?.withoutLocations,
            at: .start
        )
    }
}

extension SelectQuery {
    var withoutLocations: SelectQuery {
        SelectQuery(
            isDistinct: isDistinct,
            items: items.map {
                switch $0 {
                case .expression(let expression, let alias): .expression(expression.withoutLocations, alias: alias)
                case .wildcard(let qualifier, _): .wildcard(qualifier: qualifier, at: .start)
                }
            },
            from: from?.withoutLocations,
            whereClause: whereClause?.withoutLocations,
            groupBy: groupBy.map(\.withoutLocations),
            having: having?.withoutLocations,
            at: .start
        )
    }
}

extension TableReference {
    var withoutLocations: TableReference {
        switch self {
        case .table: self
        case .subquery(let query, let alias): .subquery(query.withoutLocations, alias: alias)
        case .windowFunction(let function, let alias):
            .windowFunction(
                WindowTableFunction(
                    kind: function.kind,
                    input: function.input.withoutLocations,
                    partitionBy: function.partitionBy,
                    timeColumn: function.timeColumn,
                    size: function.size?.withoutLocations,
                    slide: function.slide?.withoutLocations,
                    step: function.step?.withoutLocations,
                    gap: function.gap?.withoutLocations,
                    offset: function.offset?.withoutLocations,
                    at: .start
                ),
                alias: alias
            )
        case .join(let left, let kind, let right, let condition):
            .join(left.withoutLocations, kind, right.withoutLocations, on: condition?.withoutLocations)
        }
    }
}

extension SQLStatement {
    var withoutLocations: SQLStatement {
        switch self {
        case .createTable(var table):
            table.columns = table.columns.map { column in
                guard case .computed(let expression) = column.kind else { return column }
                return TableColumn(
                    name: column.name,
                    kind: .computed(expression.withoutLocations),
                    comment: column.comment
                )
            }
            table.watermark = table.watermark.map {
                WatermarkDefinition(column: $0.column, expression: $0.expression.withoutLocations)
            }
            table.options = table.options.map { TableOption(key: $0.key, value: $0.value, at: .start) }
            return .createTable(table)
        case .createView(var view):
            view.query = view.query.withoutLocations
            return .createView(view)
        case .explain(let statement): return .explain(statement.withoutLocations)
        case .query(let query): return .query(query.withoutLocations)
        case .insert(var insert):
            insert.query = insert.query.withoutLocations
            return .insert(insert)
        case .dropTable, .dropView, .showTables, .showViews, .describe, .set: return self
        }
    }
}

// MARK: Parsing without locations

func parsedExpression(_ text: String) throws -> SQLExpression {
    try SQLParser.parseExpression(text).withoutLocations
}

func parsedStatement(_ text: String) throws -> SQLStatement {
    try SQLParser.parseStatement(text).withoutLocations
}

func parsedQuery(_ text: String) throws -> SQLQuery? {
    guard case .query(let query) = try parsedStatement(text) else { return nil }
    return query
}

/// The error of parsing `text` as one statement, or nil if it parses.
func statementParseError(_ text: String) -> SQLError? {
    do {
        _ = try SQLParser.parseStatement(text)
        return nil
    } catch {
        return error
    }
}

/// A test that cannot go on, with why.
struct ParserTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Trees by hand, located at the start

extension SQLExpression {
    static func column(_ name: String, of qualifier: String? = nil) -> SQLExpression {
        SQLExpression(.column(qualifier: qualifier.map { Identifier($0) }, name: Identifier(name)), at: .start)
    }

    static func literal(_ value: SQLLiteral) -> SQLExpression { SQLExpression(.literal(value), at: .start) }

    static func integer(_ digits: String) -> SQLExpression { .literal(.integer(digits)) }

    static func string(_ value: String) -> SQLExpression { .literal(.string(value)) }

    static func interval(_ text: String, _ unit: TimeUnit, to end: TimeUnit? = nil) -> SQLExpression {
        .literal(.interval(text, unit, to: end))
    }

    static func binary(_ operation: BinaryOperator, _ left: SQLExpression, _ right: SQLExpression) -> SQLExpression {
        SQLExpression(.binary(operation, left, right), at: .start)
    }

    static func unary(_ operation: UnaryOperator, _ operand: SQLExpression) -> SQLExpression {
        SQLExpression(.unary(operation, operand), at: .start)
    }

    static func call(
        _ name: String,
        _ arguments: SQLExpression...,
        distinct: Bool = false,
        over: WindowSpecification? = nil
    ) -> SQLExpression {
        SQLExpression(
            .function(FunctionCall(name: Identifier(name), arguments: arguments, isDistinct: distinct, over: over)),
            at: .start
        )
    }

    static func unit(_ unit: TimeUnit) -> SQLExpression { SQLExpression(.timeUnit(unit), at: .start) }

    static let star = SQLExpression(.star, at: .start)

    static func field(_ base: SQLExpression, _ name: String) -> SQLExpression {
        SQLExpression(.fieldAccess(base, field: Identifier(name)), at: .start)
    }
}

extension SelectItem {
    static func item(_ expression: SQLExpression, as alias: String? = nil) -> SelectItem {
        .expression(expression, alias: alias.map { Identifier($0) })
    }

    static let star = SelectItem.wildcard(qualifier: nil, at: .start)
}

extension TableReference {
    static func named(_ parts: String..., as alias: String? = nil) -> TableReference {
        .table(ObjectName(parts.map { Identifier($0) }), alias: alias.map { Identifier($0) })
    }
}

extension SQLQuery {
    static func select(
        _ items: [SelectItem],
        from: TableReference? = nil,
        where condition: SQLExpression? = nil,
        groupBy: [SQLExpression] = [],
        having: SQLExpression? = nil,
        distinct: Bool = false
    ) -> SQLQuery {
        let select = SelectQuery(
            isDistinct: distinct,
            items: items,
            from: from,
            whereClause: condition,
            groupBy: groupBy,
            having: having,
            at: .start
        )
        return SQLQuery(body: .select(select), at: .start)
    }
}

extension ObjectName {
    static func named(_ parts: String...) -> ObjectName { ObjectName(parts.map { Identifier($0) }) }
}
