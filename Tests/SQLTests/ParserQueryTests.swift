import SQL
import Testing

@Suite struct ParserQueryTests {
    @Test func readsTheSelectList() throws {
        let query = try parsedQuery("SELECT DISTINCT *, m.*, a, b AS bee, c cee, `select` FROM moves m")
        let expected = SQLQuery.select(
            [
                .star, .wildcard(qualifier: Identifier("m"), at: .start), .item(.column("a")),
                .item(.column("b"), as: "bee"), .item(.column("c"), as: "cee"), .item(.column("select")),
            ],
            from: .named("moves", as: "m"),
            distinct: true
        )
        #expect(query == expected)
    }

    @Test func readsTheSeedQueryNestedOnce() throws {
        let query = try parsedQuery(
            """
            SELECT SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) AS one_move_games, COUNT(*) AS games
            FROM (SELECT game_id, COUNT(*) AS record_count FROM games GROUP BY game_id)
            """
        )
        let inner = SQLQuery.select(
            [.item(.column("game_id")), .item(.call("COUNT", .star), as: "record_count")],
            from: .named("games"),
            groupBy: [.column("game_id")]
        )
        let oneMove = SQLExpression(
            .caseWhen(
                operand: nil,
                branches: [
                    CaseBranch(
                        condition: .binary(.equal, .column("record_count"), .integer("1")),
                        result: .integer("1")
                    )
                ],
                otherwise: .integer("0")
            ),
            at: .start
        )
        let expected = SQLQuery.select(
            [.item(.call("SUM", oneMove), as: "one_move_games"), .item(.call("COUNT", .star), as: "games")],
            from: .subquery(inner, alias: nil)
        )
        #expect(query == expected)
    }

    @Test func readsWhereGroupByHavingOrderByAndLimit() throws {
        let query = try parsedQuery(
            "SELECT a, COUNT(*) FROM t WHERE b > 1 GROUP BY a HAVING COUNT(*) > 2 ORDER BY a DESC, 2 NULLS FIRST LIMIT 10"
        )
        let body = SQLQuery.select(
            [.item(.column("a")), .item(.call("COUNT", .star))],
            from: .named("t"),
            where: .binary(.greater, .column("b"), .integer("1")),
            groupBy: [.column("a")],
            having: .binary(.greater, .call("COUNT", .star), .integer("2"))
        )
        let expected = SQLQuery(
            body: body.body,
            orderBy: [
                OrderItem(expression: .column("a"), isDescending: true),
                OrderItem(expression: .integer("2"), nullsFirst: true),
            ],
            limit: .integer("10"),
            at: .start
        )
        #expect(query == expected)
    }

    @Test func readsJoinsOfEveryKind() throws {
        let on = SQLExpression.binary(.equal, .column("id", of: "a"), .column("id", of: "b"))
        let kinds: [(String, JoinKind)] = [
            ("JOIN", .inner), ("INNER JOIN", .inner), ("LEFT JOIN", .left), ("LEFT OUTER JOIN", .left),
            ("RIGHT JOIN", .right), ("RIGHT OUTER JOIN", .right), ("FULL JOIN", .full), ("FULL OUTER JOIN", .full),
        ]
        for (words, kind) in kinds {
            let query = try parsedQuery("SELECT * FROM x AS a \(words) y b ON a.id = b.id")
            #expect(
                query == .select([.star], from: .join(.named("x", as: "a"), kind, .named("y", as: "b"), on: on)),
                "\(words)"
            )
        }
        let cross = try parsedQuery("SELECT * FROM a CROSS JOIN b, c")
        #expect(
            cross
                == .select(
                    [.star],
                    from: .join(.join(.named("a"), .cross, .named("b"), on: nil), .cross, .named("c"), on: nil)
                )
        )
        let chained = try parsedQuery("SELECT * FROM a JOIN b ON a.id = b.id LEFT JOIN c ON TRUE")
        #expect(
            chained
                == .select(
                    [.star],
                    from: .join(
                        .join(.named("a"), .inner, .named("b"), on: on),
                        .left,
                        .named("c"),
                        on: .literal(.boolean(true))
                    )
                )
        )
        let parenthesized = try parsedQuery("SELECT * FROM (a JOIN b ON a.id = b.id)")
        #expect(parenthesized == .select([.star], from: .join(.named("a"), .inner, .named("b"), on: on)))
    }

    @Test func readsSetOperationsWithIntersectFirst() throws {
        let one = SQLQuery.select([.item(.integer("1"))])
        let two = SQLQuery.select([.item(.integer("2"))])
        let three = SQLQuery.select([.item(.integer("3"))])
        let query = try parsedQuery("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 1")
        let intersect = SQLQuery(body: .setOperation(.intersect, isAll: false, two, three), at: .start)
        let union = SQLQuery(body: .setOperation(.union, isAll: true, one, intersect), at: .start)
        #expect(query == SQLQuery(body: .setOperation(.except, isAll: false, union, one), at: .start))
        let ordered = try parsedQuery("(SELECT 1) UNION DISTINCT (SELECT 2) ORDER BY 1 LIMIT 1")
        let nestedOne = SQLQuery(body: .nested(one), at: .start)
        let nestedTwo = SQLQuery(body: .nested(two), at: .start)
        #expect(
            ordered
                == SQLQuery(
                    body: .setOperation(.union, isAll: false, nestedOne, nestedTwo),
                    orderBy: [OrderItem(expression: .integer("1"))],
                    limit: .integer("1"),
                    at: .start
                )
        )
    }

    @Test func readsTopN() throws {
        let query = try parsedQuery(
            """
            SELECT * FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY price DESC) AS rownum
              FROM bids
            ) WHERE rownum <= 3
            """
        )
        let rowNumber = SQLExpression.call(
            "ROW_NUMBER",
            over: WindowSpecification(
                partitionBy: [.column("window_start")],
                orderBy: [OrderItem(expression: .column("price"), isDescending: true)]
            )
        )
        let inner = SQLQuery.select([.star, .item(rowNumber, as: "rownum")], from: .named("bids"))
        #expect(
            query
                == .select(
                    [.star],
                    from: .subquery(inner, alias: nil),
                    where: .binary(.lessOrEqual, .column("rownum"), .integer("3"))
                )
        )
    }

    private func windowFunction(_ text: String) throws -> (WindowTableFunction, Identifier?)? {
        guard case .select(let select)? = try parsedQuery("SELECT * FROM \(text)")?.body,
            case .windowFunction(let function, let alias)? = select.from
        else { return nil }
        return (function, alias)
    }

    @Test func readsTumbleWithPositionalArguments() throws {
        let parsed = try windowFunction("TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) AS w")
        let expected = WindowTableFunction(
            kind: .tumble,
            input: .named("bids"),
            timeColumn: Identifier("bidtime"),
            size: .interval("10", .minute),
            at: .start
        )
        #expect(parsed?.0 == expected)
        #expect(parsed?.1 == Identifier("w"))
    }

    @Test func readsHopWithTheSizeLast() throws {
        let parsed = try windowFunction(
            "TABLE(HOP(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES, INTERVAL '1' MINUTE))"
        )
        #expect(
            parsed?.0
                == WindowTableFunction(
                    kind: .hop,
                    input: .named("bids"),
                    timeColumn: Identifier("bidtime"),
                    size: .interval("10", .minute),
                    slide: .interval("5", .minute),
                    offset: .interval("1", .minute),
                    at: .start
                )
        )
        #expect(parsed?.1 == nil)
    }

    @Test func readsCumulateWithStepThenSize() throws {
        let parsed = try windowFunction(
            "TABLE(CUMULATE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) w"
        )
        #expect(
            parsed?.0
                == WindowTableFunction(
                    kind: .cumulate,
                    input: .named("bids"),
                    timeColumn: Identifier("bidtime"),
                    size: .interval("10", .minute),
                    step: .interval("2", .minute),
                    at: .start
                )
        )
    }

    @Test func readsSessionOverAPartitionedInput() throws {
        let parsed = try windowFunction(
            "TABLE(SESSION(TABLE bids PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))"
        )
        #expect(
            parsed?.0
                == WindowTableFunction(
                    kind: .session,
                    input: .named("bids"),
                    partitionBy: [Identifier("item")],
                    timeColumn: Identifier("bidtime"),
                    gap: .interval("5", .minute),
                    at: .start
                )
        )
        let keys = try windowFunction(
            "TABLE(SESSION(TABLE bids PARTITION BY (item, bidder), DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))"
        )
        #expect(keys?.0.partitionBy == [Identifier("item"), Identifier("bidder")])
    }

    @Test func readsNamedArgumentsInAnyOrderAndASubqueryInput() throws {
        let parsed = try windowFunction(
            """
            TABLE(HOP(
              SIZE => INTERVAL '10' MINUTES, DATA => TABLE bids, SLIDE => INTERVAL '5' MINUTES,
              TIMECOL => DESCRIPTOR(bidtime)))
            """
        )
        #expect(parsed?.0.size == .interval("10", .minute))
        #expect(parsed?.0.slide == .interval("5", .minute))
        #expect(parsed?.0.input == .named("bids"))
        let subquery = try windowFunction(
            "TABLE(TUMBLE((SELECT * FROM bids WHERE price > 1), DESCRIPTOR(bidtime), INTERVAL '1' HOUR))"
        )
        let inner = SQLQuery.select(
            [.star],
            from: .named("bids"),
            where: .binary(.greater, .column("price"), .integer("1"))
        )
        #expect(subquery?.0.input == .subquery(inner, alias: nil))
        let mixed = try windowFunction("TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), SIZE => INTERVAL '1' HOUR))")
        #expect(mixed?.0.size == .interval("1", .hour))
    }

    @Test func refusesWindowArgumentsThatDoNotFit() {
        let cases = [
            "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime)))",
            "TABLE(TUMBLE(TABLE bids, bidtime, INTERVAL '1' HOUR))",
            "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '1' HOUR, INTERVAL '1' MINUTE, INTERVAL '1' SECOND))",
            "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), GAP => INTERVAL '1' HOUR))",
            "TABLE(TUMBLE(SIZE => INTERVAL '1' HOUR, TABLE bids, DESCRIPTOR(bidtime)))",
            "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '1' HOUR, OFFSET => INTERVAL '1' HOUR, OFFSET => INTERVAL '2' HOUR))",
        ]
        for text in cases {
            let error = statementParseError("SELECT * FROM \(text)")
            #expect(error?.kind == .validation, "\(text)")
            #expect(error?.location != nil)
        }
    }

    @Test func readsValuesAndNestedQueries() throws {
        #expect(
            try parsedQuery("VALUES (1), (2)")
                == SQLQuery(body: .values([[.integer("1")], [.integer("2")]]), at: .start)
        )
        let nested = try parsedQuery("((SELECT a FROM t))")
        let inner = SQLQuery.select([.item(.column("a"))], from: .named("t"))
        #expect(nested == SQLQuery(body: .nested(SQLQuery(body: .nested(inner), at: .start)), at: .start))
        let aliased = try parsedQuery("SELECT x.a FROM (SELECT a FROM t) AS x")
        #expect(aliased == .select([.item(.column("a", of: "x"))], from: .subquery(inner, alias: Identifier("x"))))
    }

    @Test func needsBackticksForReservedWordsButNotForCommonColumnNames() throws {
        let query = try parsedQuery("SELECT event, result, mode, color, piece, `from`, `to` FROM moves")
        #expect(
            query
                == .select(
                    ["event", "result", "mode", "color", "piece", "from", "to"].map { .item(.column($0)) },
                    from: .named("moves")
                )
        )
        let error = statementParseError("SELECT from, to FROM moves")
        #expect(error?.kind == .syntax)
        #expect(error?.location?.column == 8)
        #expect(error?.message.contains("reserved keyword: write it in backticks (`from`)") == true)
    }
}
