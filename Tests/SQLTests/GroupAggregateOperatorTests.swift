import SQL
import Streams
import Testing

@Suite struct GroupAggregateOperatorTests {
    private func count() throws -> AggregateCall {
        AggregateCall(try AggregateFunction(.count, argumentType: nil), argument: nil)
    }

    private func column(_ index: Int) -> (SQLRow) throws(SQLError) -> SQLValue { { row in row[index] } }

    @Test func emitsInsertThenUpdatePairsAndDeleteWhenTheGroupEmpties() throws {
        let harness = OperatorHarness()
        let sum = AggregateCall(try AggregateFunction(.sum, argumentType: .integer), argument: column(1))
        let output = harness.collect(
            try harness.source("scores").process(
                GroupAggregateOperator(key: { [$0[0]] }, aggregates: [try count(), sum])
            )
        )
        harness.send("scores", #"["ann", 3]"#)
        harness.send("scores", #"["bob", 1]"#)
        harness.send("scores", #"["ann", 4]"#)
        harness.send("scores", #"["-D", "ann", 3]"#)
        harness.send("scores", #"["-D", "ann", 4]"#)
        #expect(
            output.lines == [
                "+I[ann, 1, 3]", "+I[bob, 1, 1]", "-U[ann, 1, 3]", "+U[ann, 2, 7]", "-U[ann, 2, 7]", "+U[ann, 1, 4]",
                "-D[ann, 1, 4]",
            ]
        )
    }

    @Test func ignoresRetractionsOfUnknownGroupsAndUnchangedResults() throws {
        let harness = OperatorHarness()
        let maximum = AggregateCall(try AggregateFunction(.maximum, argumentType: .integer), argument: column(1))
        let output = harness.collect(
            try harness.source("scores").process(GroupAggregateOperator(key: { [$0[0]] }, aggregates: [maximum]))
        )
        harness.send("scores", #"["-U", "nobody", 1]"#)
        harness.send("scores", #"["ann", 5]"#)
        harness.send("scores", #"["ann", 2]"#)  // MAX stays 5: Flink emits nothing
        harness.send("scores", #"["-U", "ann", 5]"#)  // the maximum leaves: the next one takes over
        #expect(output.lines == ["+I[ann, 5]", "-U[ann, 5]", "+U[ann, 2]"])
    }

    @Test func selectDistinctIsAGroupWithoutAggregates() throws {
        let harness = OperatorHarness()
        let output = harness.collect(
            try harness.source("events").process(GroupAggregateOperator(key: { [$0[0]] }, aggregates: []))
        )
        for json in [#"["a"]"#, #"["a"]"#, #"["b"]"#, #"["-D", "a"]"#, #"["-D", "a"]"#] { harness.send("events", json) }
        #expect(output.lines == ["+I[a]", "+I[b]", "-D[a]"])
    }

    /// Flink emits nothing for a global aggregate before its first row (checked in PyFlink: an
    /// empty input gives an empty result), then its one row.
    @Test func globalAggregateEmitsFromItsFirstRow() throws {
        let harness = OperatorHarness()
        let output = harness.collect(
            try harness.source("events").process(GroupAggregateOperator(key: { _ in [] }, aggregates: [try count()]))
        )
        harness.driver.advanceWatermark(to: 10_000)
        #expect(output.lines.isEmpty)
        harness.send("events", #"["x"]"#)
        harness.send("events", #"["y"]"#)
        #expect(output.lines == ["+I[1]", "-U[1]", "+U[2]"])
    }

    @Test func aRowWhoseArgumentFailsChangesNothing() throws {
        let harness = OperatorHarness()
        var failures: [SQLRow] = []
        let failing = AggregateCall(
            try AggregateFunction(.sum, argumentType: .integer),
            argument: { row throws(SQLError) in
                guard row[1] != .integer(0) else { throw SQLError(.execution, "division by zero") }
                return .integer(10 / (row[1] == .integer(2) ? 2 : 1))
            }
        )
        let output = harness.collect(
            try harness.source("events").process(
                GroupAggregateOperator(
                    key: { [$0[0]] },
                    aggregates: [try count(), failing],
                    onError: { _, row in failures.append(row) }
                )
            )
        )
        harness.send("events", #"["a", 2]"#)
        harness.send("events", #"["a", 0]"#)
        #expect(output.lines == ["+I[a, 1, 5]"])
        #expect(failures == [[.string("a"), .integer(0)]])
    }

    /// Seed 0's query by hand: `SELECT SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) FROM
    /// (SELECT game_id, COUNT(*) AS record_count FROM games GROUP BY game_id)`. When a game gets its
    /// second record, the inner -U retracts its 1 from the outer sum, so the sum stays right.
    @Test func nestedSeedQueryIsRightWhenAGameGetsItsSecondRecord() throws {
        let harness = OperatorHarness()
        let perGame = try harness.source("games").process(
            GroupAggregateOperator(key: { [$0[0]] }, aggregates: [try count()])
        )
        let singleRecord = AggregateCall(
            try AggregateFunction(.sum, argumentType: .integer.notNull),
            argument: { row in row[1] == .integer(1) ? .integer(1) : .integer(0) }
        )
        let inner = harness.collect(perGame)
        let outer = harness.collect(
            try perGame.process(GroupAggregateOperator(key: { _ in [] }, aggregates: [singleRecord]))
        )
        harness.send("games", #"["g1", "record-a"]"#)
        harness.send("games", #"["g2", "record-b"]"#)
        harness.send("games", #"["g1", "record-c"]"#)
        #expect(inner.lines == ["+I[g1, 1]", "+I[g2, 1]", "-U[g1, 1]", "+U[g1, 2]"])
        #expect(outer.lines == ["+I[1]", "-U[1]", "+U[2]", "-U[2]", "+U[1]"])
        #expect(outer.table == ["[1]"])
        harness.send("games", #"["g3", "record-d"]"#)
        #expect(outer.table == ["[2]"])
    }
}
