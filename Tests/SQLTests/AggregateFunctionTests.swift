import Foundation
import SQL
import Testing

@Suite struct AggregateFunctionTests {
    private let decimal = SQLType(.decimal(precision: 10, scale: 2))

    /// Checked in PyFlink 2.3 (`TableEnvironment.sql_query(...).get_schema()` over INT, BIGINT,
    /// DECIMAL(10, 2), DOUBLE, STRING, TINYINT, SMALLINT and FLOAT columns):
    /// COUNT(*), COUNT(i), COUNT(DISTINCT i): BIGINT NOT NULL; SUM(INT) INT, SUM(BIGINT) BIGINT,
    /// SUM(DECIMAL(10, 2)) DECIMAL(38, 2), SUM(DOUBLE) DOUBLE, SUM(DISTINCT INT) INT, SUM(TINYINT)
    /// TINYINT; AVG(INT) INT, AVG(BIGINT) BIGINT, AVG(DECIMAL(10, 2)) DECIMAL(38, 6),
    /// AVG(DECIMAL(10, 8)) DECIMAL(38, 8), AVG(DOUBLE) DOUBLE, SUM and AVG of SMALLINT SMALLINT and of
    /// FLOAT FLOAT; MIN(INT) INT, MAX(STRING) STRING, MIN(DECIMAL(10, 2)) DECIMAL(10, 2).
    @Test func resultTypesAreFlinks() throws {
        let cases: [(AggregateFunction.Kind, SQLType?, Bool, String)] = [
            (.count, nil, false, "BIGINT NOT NULL"),
            (.count, .integer, false, "BIGINT NOT NULL"),
            (.count, .integer, true, "BIGINT NOT NULL"),
            (.sum, .integer, false, "INT"),
            (.sum, .bigInt.notNull, false, "BIGINT"),
            (.sum, decimal, false, "DECIMAL(38, 2)"),
            (.sum, .double, false, "DOUBLE"),
            (.sum, .integer, true, "INT"),
            (.sum, SQLType(.tinyInt), false, "TINYINT"),
            (.average, .integer, false, "INT"),
            (.average, .bigInt, false, "BIGINT"),
            (.average, decimal, false, "DECIMAL(38, 6)"),
            (.average, SQLType(.decimal(precision: 10, scale: 8)), false, "DECIMAL(38, 8)"),
            (.average, .double, false, "DOUBLE"),
            (.average, SQLType(.smallInt), false, "SMALLINT"),
            (.average, SQLType(.float), false, "FLOAT"),
            (.minimum, .integer.notNull, false, "INT"),
            (.maximum, .string, false, "STRING"),
            (.minimum, decimal, false, "DECIMAL(10, 2)"),
        ]
        for (kind, argumentType, isDistinct, expected) in cases {
            let function = try AggregateFunction(kind, argumentType: argumentType, isDistinct: isDistinct)
            #expect(function.resultType.description == expected, "\(kind) of \(argumentType?.description ?? "*")")
        }
    }

    @Test func refusesArgumentsTheFunctionDoesNotTake() {
        #expect(throws: SQLError.self) { try AggregateFunction(.sum, argumentType: .string) }
        #expect(throws: SQLError.self) { try AggregateFunction(.average, argumentType: nil) }
        #expect(throws: SQLError.self) {
            try AggregateFunction(.maximum, argumentType: SQLType(.array(element: .integer)))
        }
    }

    private func fold(_ function: AggregateFunction, _ values: [SQLValue], retracting: [SQLValue] = []) -> SQLValue {
        var accumulator = function.initialAccumulator
        for value in values { function.accumulate(&accumulator, value) }
        for value in retracting { function.retract(&accumulator, value) }
        return function.result(accumulator)
    }

    /// Results as PyFlink printed them: AVG(1, 2) = 1 and AVG(-1, -2) = -1 (integer division toward
    /// zero), AVG of DECIMAL(10, 2) 1, 2, 2 = 1.666667, SUM of no non-null value NULL.
    @Test func resultsAreFlinks() throws {
        let average = try AggregateFunction(.average, argumentType: .integer)
        #expect(fold(average, [.integer(1), .integer(2)]) == .integer(1))
        #expect(fold(average, [.integer(-1), .integer(-2)]) == .integer(-1))
        let decimalAverage = try AggregateFunction(.average, argumentType: decimal)
        #expect(
            fold(decimalAverage, [1, 2, 2].map { .decimal(Decimal($0)) }) == .decimal(Decimal(string: "1.666667")!)
        )
        let sum = try AggregateFunction(.sum, argumentType: .integer)
        #expect(fold(sum, [.null, .null]) == .null)
        #expect(fold(sum, [.integer(3), .null, .integer(4)]) == .integer(7))
        #expect(
            fold(sum, [.integer(Int64(Int32.max)), .integer(1)]) == .integer(Int64(Int32.min)),
            "INT wraps as in Java"
        )
        let count = try AggregateFunction(.count, argumentType: .integer)
        #expect(fold(count, [.integer(1), .null, .integer(1)]) == .integer(2))
        #expect(fold(try AggregateFunction(.count, argumentType: nil), [.null, .null]) == .integer(2))
        #expect(
            fold(try AggregateFunction(.maximum, argumentType: .string), [.string("b"), .string("c"), .string("a")])
                == .string("c")
        )
    }

    @Test func retractingTheMinimumFindsTheNext() throws {
        let minimum = try AggregateFunction(.minimum, argumentType: .integer)
        #expect(fold(minimum, [3, 1, 2, 1].map { .integer($0) }, retracting: [.integer(1)]) == .integer(1))
        #expect(
            fold(minimum, [3, 1, 2, 1].map { .integer($0) }, retracting: [.integer(1), .integer(1)]) == .integer(2)
        )
        #expect(fold(minimum, [.integer(3)], retracting: [.integer(3)]) == .null)
        let sum = try AggregateFunction(.sum, argumentType: .double)
        #expect(fold(sum, [.double(1.5), .double(2)], retracting: [.double(1.5), .double(2)]) == .null)
    }

    @Test func distinctAggregatesCountEachValueOnceUntilItsLastRetraction() throws {
        let countDistinct = try AggregateFunction(.count, argumentType: .string, isDistinct: true)
        let names: [SQLValue] = ["a", "b", "a", "a"].map { .string($0) }
        #expect(fold(countDistinct, names) == .integer(2))
        #expect(fold(countDistinct, names, retracting: [.string("a"), .string("a")]) == .integer(2))
        #expect(fold(countDistinct, names, retracting: [.string("a"), .string("a"), .string("a")]) == .integer(1))
        let sumDistinct = try AggregateFunction(.sum, argumentType: .integer, isDistinct: true)
        #expect(fold(sumDistinct, [2, 2, 3].map { .integer($0) }) == .integer(5))
        #expect(fold(sumDistinct, [2, 2, 3].map { .integer($0) }, retracting: [.integer(2)]) == .integer(5))
    }

    @Test func mergedAccumulatorsEqualOneFold() throws {
        let functions = [
            try AggregateFunction(.count, argumentType: .integer, isDistinct: true),
            try AggregateFunction(.sum, argumentType: .integer, isDistinct: true),
            try AggregateFunction(.average, argumentType: .integer),
            try AggregateFunction(.maximum, argumentType: .integer),
        ]
        let first: [SQLValue] = [1, 2, 2].map { .integer($0) }
        let second: [SQLValue] = [2, 5].map { .integer($0) }
        for function in functions {
            var left = function.initialAccumulator
            var right = function.initialAccumulator
            for value in first { function.accumulate(&left, value) }
            for value in second { function.accumulate(&right, value) }
            #expect(function.result(function.merge(left, right)) == fold(function, first + second), "\(function.kind)")
        }
    }
}
