import SQL
import Streams
import Testing

/// Left rows are `[id, name]`, right rows `[id, amount]`, joined on id.
@Suite struct JoinOperatorTests {
    private func join(
        _ kind: JoinKind,
        condition: ((SQLRow) throws(SQLError) -> Bool)? = nil
    ) throws -> (OperatorHarness, OperatorHarness.Collected) {
        let harness = OperatorHarness()
        let joined = try JoinInput.merge(left: harness.source("left"), right: harness.source("right")).process(
            JoinOperator(
                kind: kind,
                leftKey: { [$0[0]] },
                rightKey: { [$0[0]] },
                leftWidth: 2,
                rightWidth: 2,
                condition: condition
            )
        )
        return (harness, harness.collect(joined))
    }

    @Test func innerJoinForwardsTheInputsKinds() throws {
        let (harness, output) = try join(.inner)
        harness.send("left", #"[1, "a"]"#)
        harness.send("right", #"[2, 5]"#)
        harness.send("right", #"[1, 10]"#)
        harness.send("right", #"["-U", 1, 10]"#)
        harness.send("right", #"["+U", 1, 11]"#)
        harness.send("left", #"["-D", 1, "a"]"#)
        #expect(output.lines == ["+I[1, a, 1, 10]", "-U[1, a, 1, 10]", "+U[1, a, 1, 11]", "-D[1, a, 1, 11]"])
    }

    @Test func leftJoinRetractsThePaddedRowAtTheFirstMatchAndRestoresItAfterTheLast() throws {
        let (harness, output) = try join(.left)
        harness.send("left", #"[1, "a"]"#)
        harness.send("right", #"[1, 10]"#)
        harness.send("right", #"[1, 20]"#)
        harness.send("right", #"["-D", 1, 10]"#)
        harness.send("right", #"["-D", 1, 20]"#)
        #expect(
            output.lines == [
                "+I[1, a, NULL, NULL]",
                "-D[1, a, NULL, NULL]", "+I[1, a, 1, 10]",
                "+I[1, a, 1, 20]",
                "-D[1, a, 1, 10]",
                "-D[1, a, 1, 20]", "+I[1, a, NULL, NULL]",
            ]
        )
    }

    @Test func rightAndFullJoinsPadTheirOuterSides() throws {
        let (right, rightOutput) = try join(.right)
        right.send("right", #"[2, 5]"#)
        right.send("left", #"[2, "b"]"#)
        right.send("left", #"["-D", 2, "b"]"#)
        #expect(
            rightOutput.lines == [
                "+I[NULL, NULL, 2, 5]", "-D[NULL, NULL, 2, 5]", "+I[2, b, 2, 5]", "-D[2, b, 2, 5]",
                "+I[NULL, NULL, 2, 5]",
            ]
        )

        let (full, fullOutput) = try join(.full)
        full.send("left", #"[1, "a"]"#)
        full.send("right", #"[2, 5]"#)
        full.send("right", #"[1, 7]"#)
        full.send("left", #"["-U", 1, "a"]"#)
        full.send("left", #"["+U", 1, "z"]"#)
        #expect(fullOutput.table == ["[1, z, 1, 7]", "[NULL, NULL, 2, 5]"])
        #expect(
            fullOutput.changes.allSatisfy { $0.kind == .insert || $0.kind == .delete },
            "outer joins emit +I and -D"
        )
    }

    @Test func duplicateRowsJoinOncePerCopy() throws {
        let (harness, output) = try join(.inner)
        harness.send("left", #"[1, "a"]"#)
        harness.send("left", #"[1, "a"]"#)
        harness.send("right", #"[1, 10]"#)
        harness.send("left", #"["-D", 1, "a"]"#)
        #expect(output.table == ["[1, a, 1, 10]"])
    }

    @Test func nullKeysMatchNothingAndTheConditionFiltersMatches() throws {
        let (harness, output) = try join(.left, condition: { row in row[3] != .integer(0) })
        harness.send("left", #"[null, "x"]"#)
        harness.send("right", #"[null, 3]"#)
        harness.send("left", #"[1, "a"]"#)
        harness.send("right", #"[1, 0]"#)  // fails the condition: a stays padded
        #expect(output.table == ["[1, a, NULL, NULL]", "[NULL, x, NULL, NULL]"])
    }
}
