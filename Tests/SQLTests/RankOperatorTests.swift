import SQL
import Streams
import Testing

/// Rows are `[item, price]`, ranked by price descending within one partition, top 2.
@Suite struct RankOperatorTests {
    private func rank(rowNumber: Bool, appendOnly: Bool) throws -> (OperatorHarness, OperatorHarness.Collected) {
        let harness = OperatorHarness()
        let output = harness.collect(
            try harness.source("items").process(
                RankOperator(
                    partitionKey: { _ in [] },
                    sortKey: { [$0[1]] },
                    orders: [SortOrder(isDescending: true)],
                    limit: 2,
                    emitsRowNumber: rowNumber,
                    isAppendOnly: appendOnly
                )
            )
        )
        return (harness, output)
    }

    private let arrivals = [#"["a", 10]"#, #"["b", 20]"#, #"["c", 15]"#, #"["d", 5]"#, #"["e", 20]"#]

    @Test func withRowNumbersEveryRankWhoseRowChangedIsUpdated() throws {
        let (harness, output) = try rank(rowNumber: true, appendOnly: true)
        for json in arrivals { harness.send("items", json) }
        #expect(
            output.lines == [
                "+I[a, 10, 1]",
                "-U[a, 10, 1]", "+U[b, 20, 1]", "+I[a, 10, 2]",
                "-U[a, 10, 2]", "+U[c, 15, 2]",
                // d is not in the top 2: nothing. e ties with b and came later, so it ranks second.
                "-U[c, 15, 2]", "+U[e, 20, 2]",
            ]
        )
    }

    @Test func withoutRowNumbersRowsEnterAndLeave() throws {
        let (harness, output) = try rank(rowNumber: false, appendOnly: true)
        for json in arrivals { harness.send("items", json) }
        #expect(output.lines == ["+I[a, 10]", "+I[b, 20]", "-D[a, 10]", "+I[c, 15]", "-D[c, 15]", "+I[e, 20]"])
    }

    @Test func aRetractedRowGivesWayToTheNext() throws {
        let (harness, output) = try rank(rowNumber: true, appendOnly: false)
        for json in arrivals { harness.send("items", json) }
        let before = output.changes.count
        harness.send("items", #"["-D", "b", 20]"#)
        #expect(output.lines.dropFirst(before) == ["-U[b, 20, 1]", "+U[e, 20, 1]", "-U[e, 20, 2]", "+U[c, 15, 2]"])
        harness.send("items", #"["-D", "nothing", 1]"#)
        harness.send("items", #"["-D", "d", 5]"#)  // below the top 2: no change
        #expect(output.changes.count == before + 4)
        #expect(output.table == ["[c, 15, 2]", "[e, 20, 1]"])
    }

    @Test func partitionsRankApart() throws {
        let harness = OperatorHarness()
        let output = harness.collect(
            try harness.source("items").process(
                RankOperator(
                    partitionKey: { [$0[0]] },
                    sortKey: { [$0[2]] },
                    orders: [SortOrder()],
                    limit: 1,
                    emitsRowNumber: false,
                    isAppendOnly: true
                )
            )
        )
        for json in [#"["x", "a", 3]"#, #"["y", "b", 5]"#, #"["x", "c", 1]"#, #"["y", "d", null]"#] {
            harness.send("items", json)
        }
        // Ascending puts NULLs first, as Flink does by default.
        #expect(output.table == ["[x, c, 1]", "[y, d, NULL]"])
    }

    /// Window Top-N over window-aggregate rows `[window_start, window_end, item, count]`.
    @Test func windowTopNEmitsWhenTheWatermarkPassesTheWindowAndDropsLateRows() throws {
        let harness = OperatorHarness()
        let output = harness.collect(
            try harness.source("counts").process(
                WindowRankOperator(
                    partitionKey: { [$0[0], $0[1]] },
                    sortKey: { [$0[3]] },
                    orders: [SortOrder(isDescending: true)],
                    limit: 2,
                    emitsRowNumber: true,
                    windowEndColumn: 1
                )
            )
        )
        for (item, count) in [("a", 1), ("b", 7), ("c", 4)] {
            harness.send("counts", #"[{"ts": 0}, {"ts": 10000}, "\#(item)", \#(count)]"#)
        }
        harness.send("counts", #"[{"ts": 10000}, {"ts": 20000}, "z", 1]"#)
        harness.driver.advanceWatermark(to: 9_999)
        #expect(output.lines.isEmpty)
        harness.driver.advanceWatermark(to: 10_000)
        #expect(output.lines == ["+I[@0, @10000, b, 7, 1]", "+I[@0, @10000, c, 4, 2]"])
        harness.send("counts", #"[{"ts": 0}, {"ts": 10000}, "late", 9]"#)
        #expect(harness.pipeline.counters.late == 1)
        harness.driver.finish()
        #expect(output.lines.dropFirst(2) == ["+I[@10000, @20000, z, 1, 1]"])
    }

    @Test func windowTopNStateSurvivesACheckpointRestore() throws {
        func build() throws -> (OperatorHarness, OperatorHarness.Collected) {
            let harness = OperatorHarness()
            let output = harness.collect(
                try harness.source("counts").process(
                    WindowRankOperator(
                        partitionKey: { [$0[0], $0[1]] },
                        sortKey: { [$0[3]] },
                        orders: [SortOrder(isDescending: true)],
                        limit: 1,
                        emitsRowNumber: false,
                        windowEndColumn: 1
                    ),
                    name: "top"
                )
            )
            return (harness, output)
        }
        let (first, _) = try build()
        first.send("counts", #"[{"ts": 0}, {"ts": 10000}, "a", 3]"#)
        let (second, output) = try build()
        try second.pipeline.state.restore(try first.pipeline.state.snapshot())
        second.driver.advanceWatermark(to: 10_000)
        #expect(output.lines == ["+I[@0, @10000, a, 3]"])
    }
}
