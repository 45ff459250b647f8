import SQL
import Streams
import Testing

/// Rows are `[user, amount, {"ts": time}]`. The pipelines use an allowed out-of-orderness of -1 ms:
/// the configuration that matches Flink's `WATERMARK FOR ts AS ts` (see `WindowAggregation`).
@Suite struct WindowAggregationTests {
    private func aggregate(
        _ windowing: Windowing,
        outOfOrderness: Int64 = -1
    ) throws -> (
        OperatorHarness, OperatorHarness.Collected
    ) {
        let harness = OperatorHarness(outOfOrderness: outOfOrderness)
        let calls = [
            AggregateCall(try AggregateFunction(.count, argumentType: nil), argument: nil),
            AggregateCall(try AggregateFunction(.sum, argumentType: .integer), argument: { row in row[1] }),
        ]
        let output = harness.collect(
            try WindowAggregation.aggregate(
                harness.source("clicks", timeColumn: 2),
                key: { [$0[0]] },
                timeColumn: 2,
                windowing: windowing,
                aggregates: calls
            )
        )
        return (harness, output)
    }

    private func click(_ user: String, _ amount: Int, at time: Int64) -> String {
        #"["\#(user)", \#(amount), {"ts": \#(time)}]"#
    }

    /// Flink fires [0, 10 s) when its watermark reaches 9 999 ms: with `WATERMARK FOR ts AS ts`,
    /// when a row at 9 999 ms arrives, not at 9 998 ms.
    @Test func tumblingWindowFiresExactlyWhenFlinksWould() throws {
        let (harness, output) = try aggregate(.tumbling(.seconds(10)))
        harness.send("clicks", click("ann", 1, at: 1_000))
        harness.send("clicks", click("bob", 2, at: 2_000))
        harness.send("clicks", click("ann", 3, at: 9_998))
        #expect(output.lines.isEmpty)
        harness.send("clicks", click("ann", 4, at: 9_999))
        #expect(output.lines == ["+I[ann, @0, @10000, 3, 8]", "+I[bob, @0, @10000, 1, 2]"])
    }

    /// The same rows through PyFlink 2.3 (a CSV table with `WATERMARK FOR ts AS ts`,
    /// `pipeline.auto-watermark-interval` 0, TUMBLE of 10 s, COUNT(*) and SUM(id)): rows at 1 000,
    /// 9 999, 9 998 and 20 000 ms gave [0, 10 s) 2 rows, sum 3 (9 998 came after the window fired);
    /// rows at 1 000, 9 998, 9 997 and 20 000 ms gave 3 rows, sum 6.
    @Test func firingAndLatenessMatchPyFlink() throws {
        for (times, expected) in [
            ([1_000, 9_999, 9_998, 20_000], "+I[all, @0, @10000, 2, 3]"),
            ([1_000, 9_998, 9_997, 20_000], "+I[all, @0, @10000, 3, 6]"),
        ] {
            let (harness, output) = try aggregate(.tumbling(.seconds(10)))
            for (index, time) in times.enumerated() { harness.send("clicks", click("all", index + 1, at: Int64(time))) }
            harness.driver.finish()
            #expect(output.lines == [expected, "+I[all, @20000, @30000, 1, 4]"])
        }
    }

    /// Flink drops a row whose window end - 1 is at or below the watermark.
    @Test func lateRowsAreDroppedAndCounted() throws {
        let (harness, output) = try aggregate(.tumbling(.seconds(10)))
        harness.send("clicks", click("ann", 1, at: 10_000))  // watermark 10 000: [0, 10 s) is done
        harness.send("clicks", click("ann", 5, at: 9_999))
        #expect(harness.pipeline.counters.late == 1)
        harness.send("clicks", click("ann", 2, at: 10_001))
        harness.driver.finish()
        #expect(output.lines == ["+I[ann, @10000, @20000, 2, 3]"])
    }

    @Test func hopWindowsHoldARowInEveryWindowAndDropItOnceItsSliceFired() throws {
        let (harness, output) = try aggregate(.hopping(size: .seconds(10), advance: .seconds(5)))
        harness.send("clicks", click("ann", 1, at: 7_000))
        harness.send("clicks", click("ann", 2, at: 10_000))  // fires [0, 10 s)
        #expect(output.lines == ["+I[ann, @0, @10000, 1, 1]"])
        // [5 s, 15 s) is still open, but Flink drops the row: its slice [5 s, 10 s) has fired.
        harness.send("clicks", click("ann", 4, at: 8_000))
        #expect(harness.pipeline.counters.late == 1)
        harness.driver.finish()
        #expect(output.lines.dropFirst() == ["+I[ann, @5000, @15000, 2, 3]", "+I[ann, @10000, @20000, 1, 2]"])
    }

    @Test func cumulateWindowsGrowByStep() throws {
        let (harness, output) = try aggregate(.cumulative(size: .seconds(30), step: .seconds(10)))
        for (amount, time) in [(1, 1_000), (2, 15_000), (4, 25_000), (8, 31_000)] {
            harness.send("clicks", click("ann", amount, at: Int64(time)))
        }
        #expect(
            output.lines == ["+I[ann, @0, @10000, 1, 1]", "+I[ann, @0, @20000, 2, 3]", "+I[ann, @0, @30000, 3, 7]"]
        )
        harness.driver.finish()
        #expect(output.lines.count == 6)
        #expect(output.lines.last == "+I[ann, @30000, @60000, 1, 8]")
    }

    @Test func sessionWindowsCloseAfterTheGap() throws {
        let (harness, output) = try aggregate(.session(gap: .seconds(10)), outOfOrderness: 20_000)
        for (user, amount, time) in [
            ("ann", 1, 0), ("bob", 1, 1_000), ("ann", 2, 5_000), ("ann", 4, 30_000), ("ann", 8, 12_000),
        ] {
            harness.send("clicks", click(user, amount, at: Int64(time)))
        }
        harness.driver.finish()
        #expect(
            output.lines == [
                "+I[bob, @1000, @11000, 1, 1]", "+I[ann, @0, @22000, 3, 11]", "+I[ann, @30000, @40000, 1, 4]",
            ]
        )
    }

    @Test func updatesAndRowsWithoutTimeAreRefused() throws {
        let harness = OperatorHarness(outOfOrderness: -1)
        var refused: [SQLRow] = []
        let output = harness.collect(
            try WindowAggregation.aggregate(
                harness.source("clicks"),
                key: { _ in [] },
                timeColumn: 2,
                windowing: .tumbling(.seconds(1)),
                aggregates: [AggregateCall(try AggregateFunction(.count, argumentType: nil), argument: nil)],
                onError: { _, row in refused.append(row) }
            )
        )
        harness.send("clicks", #"["-U", "ann", 1, {"ts": 5}]"#)
        harness.send("clicks", #"["ann", 1, null]"#)
        harness.driver.finish()
        #expect(output.lines.isEmpty)
        #expect(refused.count == 2)
    }
}
