import SQL
import Testing

@Suite struct ExpressionTypeTests {
    typealias B = Build

    @Test func literalsAreTypedAsCalciteTypesThem() throws {
        #expect(try ExpressionCompiler.type(B.integer(7)) == SQLType.integer.notNull)
        #expect(try ExpressionCompiler.type(B.integer(3_000_000_000)) == SQLType.bigInt.notNull)
        #expect(
            try ExpressionCompiler.type(B.decimal("12.50"))
                == SQLType(.decimal(precision: 4, scale: 2), isNullable: false)
        )
        #expect(try ExpressionCompiler.type(B.double("1.5E3")) == SQLType.double.notNull)
    }

    @Test func arithmeticWidensAndDecimalFollowsFlinksRules() throws {
        let bigint = B.cast(B.integer(1), .bigInt)
        #expect(try ExpressionCompiler.type(B.binary(.add, B.integer(1), bigint)).kind == .bigInt)
        // Flink: 12.50 + 1.125 is 13.625 of DECIMAL(6, 3); 12.50 * 1.5 is 18.750; 1.0 / 3 has scale 12.
        #expect(
            try ExpressionCompiler.type(B.binary(.add, B.decimal("12.50"), B.decimal("1.125"))).kind
                == .decimal(precision: 6, scale: 3)
        )
        #expect(
            try ExpressionCompiler.type(B.binary(.multiply, B.decimal("12.50"), B.decimal("1.5"))).kind
                == .decimal(precision: 7, scale: 3)
        )
        #expect(
            try ExpressionCompiler.type(B.binary(.divide, B.decimal("1.0"), B.integer(3))).kind
                == .decimal(precision: 13, scale: 12)
        )
        #expect(try ExpressionCompiler.type(B.binary(.add, B.column("price"), B.double("1.0E0"))).kind == .double)
        #expect(try ExpressionCompiler.type(B.binary(.add, B.column("score"), B.integer(1))).isNullable)
    }

    @Test func typeErrorsNameTheOperatorTypesAndPlace() {
        let error = ExpressionCompiler.error(B.binary(.add, B.column("game_id", qualifier: "g"), B.integer(1)))
        #expect(error?.kind == .validation)
        #expect(error?.message == "Cannot apply '+' to arguments of type 'STRING' and 'INT'")
        #expect(error?.location == B.here)
        let comparison = ExpressionCompiler.error(B.binary(.equal, B.string("a"), B.integer(1)))
        #expect(comparison?.message == "Cannot apply '=' to arguments of type 'CHAR(1)' and 'INT'")
        let condition = #expect(throws: SQLError.self) {
            try ExpressionCompiler(scope: Sample.scope).compileCondition(B.column("score"))
        }
        #expect(condition?.message.contains("WHERE") == true)
    }

    @Test func columnsResolveByQualifiedOrBareNameAndExplainFailures() throws {
        #expect(try ExpressionCompiler.value(B.column("score")) == .integer(42))
        #expect(try ExpressionCompiler.value(B.column("game_id", qualifier: "m")) == .string("m1"))
        #expect(ExpressionCompiler.error(B.column("game_id"))?.message == "Column 'game_id' is ambiguous")
        let unknown = ExpressionCompiler.error(B.column("scroe"))
        #expect(unknown?.message == "Column 'scroe' not found in any table; did you mean 'score'?")
        #expect(unknown?.location == B.here)
        // `device.os` where device is a ROW column, not a table.
        #expect(try ExpressionCompiler.value(B.column("os", qualifier: "device")) == .string("ios"))
        #expect(try ExpressionCompiler.type(B.column("version", qualifier: "device")) == SQLType.integer)
    }

    @Test func caseAndCoalesceFindTheCommonType() throws {
        let branches = [CaseBranch(condition: B.boolean(true), result: B.integer(1))]
        let expression = SQLExpression(
            .caseWhen(operand: nil, branches: branches, otherwise: B.decimal("2.5")),
            at: B.here
        )
        #expect(try ExpressionCompiler.type(expression).kind == .decimal(precision: 11, scale: 1))
        #expect(try ExpressionCompiler.value(expression) == .decimal(1))
        #expect(
            try ExpressionCompiler.type(B.call("COALESCE", B.column("score"), B.integer(0))) == SQLType.integer.notNull
        )
        let mixed = SQLExpression(.caseWhen(operand: nil, branches: branches, otherwise: B.string("x")), at: B.here)
        #expect(ExpressionCompiler.error(mixed)?.kind == .validation)
    }

    @Test func aggregatesAndNondeterministicFunctionsAreRefused() {
        #expect(ExpressionCompiler.isAggregateFunction("sum"))
        #expect(!ExpressionCompiler.isAggregateFunction("upper"))
        #expect(
            ExpressionCompiler.error(B.call("SUM", B.column("score")))?.message
                == "Aggregate function 'SUM' is not allowed here"
        )
        let now = ExpressionCompiler.error(B.call("CURRENT_TIMESTAMP"))
        #expect(now?.kind == .unsupported)
        #expect(
            now?.message
                == "not supported: CURRENT_TIMESTAMP in a continuous query: results would depend on when rows are processed"
        )
        #expect(ExpressionCompiler.error(B.call("RAND"))?.kind == .unsupported)
        // Flink: "No match found for function signature foo(<NUMERIC>)".
        #expect(
            ExpressionCompiler.error(B.call("foo", B.integer(1)))?.message
                == "No match found for function signature foo(<NUMERIC>)"
        )
    }
}
