import SQL
import Streams
import Testing

/// Left rows are `[id, {"ts": time}]`, right rows `[id, {"ts": time}, value]`:
/// `r.ts BETWEEN l.ts - INTERVAL '1' SECOND AND l.ts + INTERVAL '2' SECOND`.
@Suite struct IntervalJoinOperatorTests {
    private func join(_ kind: JoinKind) throws -> (OperatorHarness, OperatorHarness.Collected) {
        let harness = OperatorHarness()
        let joined = try JoinInput.merge(
            left: harness.source("left", timeColumn: 1),
            right: harness.source("right", timeColumn: 1)
        )
        .process(
            try IntervalJoinOperator(
                kind: kind,
                leftKey: { [$0[0]] },
                rightKey: { [$0[0]] },
                leftTimeColumn: 1,
                rightTimeColumn: 1,
                lowerBound: -1_000,
                upperBound: 2_000,
                rightWidth: 3
            ),
            name: "interval"
        )
        return (harness, harness.collect(joined))
    }

    @Test func joinsRowsWithinTheIntervalAndDropsStateOnceTheWatermarkPasses() throws {
        let (harness, output) = try join(.inner)
        harness.send("right", #"[1, {"ts": 9500}, "before"]"#)
        harness.send("left", #"[1, {"ts": 10000}]"#)
        harness.send("right", #"[1, {"ts": 12000}, "at the upper bound"]"#)
        harness.send("right", #"[1, {"ts": 12001}, "too late for it"]"#)
        #expect(output.lines == ["+I[1, @10000, 1, @9500, before]", "+I[1, @10000, 1, @12000, at the upper bound]"])
        harness.send("left", #"[2, {"ts": 15000}]"#)  // the watermark, 15 s, passes 10 s + 2 s
        harness.send("right", #"[1, {"ts": 11000}, "after the left row left state"]"#)
        #expect(output.changes.count == 2)
    }

    @Test func leftJoinPadsUnmatchedRowsWhenTheyLeaveState() throws {
        let (harness, output) = try join(.left)
        harness.send("left", #"[1, {"ts": 10000}]"#)
        harness.send("left", #"[2, {"ts": 10000}]"#)
        harness.send("right", #"[2, {"ts": 10500}, "x"]"#)
        #expect(output.lines == ["+I[2, @10000, 2, @10500, x]"])
        harness.send("left", #"[3, {"ts": 12001}]"#)  // watermark 12 001: 10 s + 2 s is past
        #expect(output.lines.dropFirst() == ["+I[1, @10000, NULL, NULL, NULL]"])
        harness.send("left", #"[4, {"ts": 1000}]"#)  // too late to wait: padded at once
        #expect(output.lines.last == "+I[4, @1000, NULL, NULL, NULL]")
        harness.driver.finish()
        #expect(output.lines.last == "+I[3, @12001, NULL, NULL, NULL]")
    }

    @Test func waitingRowsSurviveACheckpointRestore() throws {
        let (first, _) = try join(.left)
        first.send("left", #"[1, {"ts": 10000}]"#)
        first.send("left", #"[5, {"ts": 10000}]"#)
        let (second, output) = try join(.left)
        try second.pipeline.state.restore(try first.pipeline.state.snapshot())
        second.send("right", #"[1, {"ts": 11000}, "y"]"#)
        second.driver.finish()
        // The restored rows wait again: one is matched, the other is padded when it leaves state.
        #expect(output.lines == ["+I[1, @10000, 1, @11000, y]", "+I[5, @10000, NULL, NULL, NULL]"])
    }

    @Test func refusesRightAndFullJoinsAndAnInvertedInterval() {
        #expect(throws: SQLError.self) {
            try IntervalJoinOperator(
                kind: .full,
                leftKey: { $0 },
                rightKey: { $0 },
                leftTimeColumn: 0,
                rightTimeColumn: 0,
                lowerBound: 0,
                upperBound: 1,
                rightWidth: 1
            )
        }
        #expect(throws: SQLError.self) {
            try IntervalJoinOperator(
                kind: .inner,
                leftKey: { $0 },
                rightKey: { $0 },
                leftTimeColumn: 0,
                rightTimeColumn: 0,
                lowerBound: 5,
                upperBound: 1,
                rightWidth: 1
            )
        }
    }
}
