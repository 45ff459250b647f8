import SQL
import Streams
import Testing

@Suite struct MaterializedViewTests {
    private func view(maximumRowCount: Int? = nil) throws -> (OperatorHarness, MaterializedView) {
        let harness = OperatorHarness()
        let view = try MaterializedView.materialize(
            harness.source("rows"),
            name: "view",
            maximumRowCount: maximumRowCount
        )
        return (harness, view)
    }

    private func render(_ view: MaterializedView) -> [String] { view.rows.map(OperatorHarness.render) }

    @Test func appendOnlyRowsAreListedAsTheyCame() throws {
        let (harness, view) = try view()
        for json in [#"["b", 1]"#, #"["a", 2]"#, #"["b", 1]"#] { harness.send("rows", json) }
        #expect(render(view) == ["[b, 1]", "[a, 2]", "[b, 1]"])
    }

    @Test func updatesKeepTheRowsPlaceAndDeletesRemoveOneCopy() throws {
        let (harness, view) = try view()
        for json in [
            #"["a", 1]"#, #"["b", 1]"#, #"["-U", "a", 1]"#, #"["+U", "a", 2]"#, #"["-D", "b", 1]"#, #"["-D", "zz", 9]"#,
        ] {
            harness.send("rows", json)
        }
        #expect(render(view) == ["[a, 2]"])
    }

    @Test func theOldestRowsAreDroppedBeyondTheMaximumAndCounted() throws {
        let (harness, view) = try view(maximumRowCount: 2)
        for index in 1...5 { harness.send("rows", "[\(index)]") }
        #expect(render(view) == ["[4]", "[5]"])
        #expect(view.droppedRowCount == 3)
        harness.send("rows", #"["-D", 1]"#)  // dropped already: nothing changes
        #expect(view.rowCount == 2)
    }

    @Test func subscribersGetTheSnapshotThenEveryChange() async throws {
        let (harness, view) = try view(maximumRowCount: 2)
        harness.send("rows", #"["a"]"#)
        let (rows, changes) = view.subscribe()
        #expect(rows == [[.string("a")]])
        harness.send("rows", #"["b"]"#)
        harness.send("rows", #"["c"]"#)
        var received: [String] = []
        for await change in changes {
            received.append(OperatorHarness.render(change))
            if received.count == 3 { break }
        }
        #expect(received == ["+I[b]", "+I[c]", "-D[a]"])
    }

    /// The view's rows, order, dropped count and index come back from a checkpoint of the state
    /// store: a retraction and the maximum work on restored rows as on the originals.
    @Test func aCheckpointRestoreRebuildsTheView() throws {
        let (first, original) = try view(maximumRowCount: 3)
        for json in [#"["x"]"#, #"["a"]"#, #"["b"]"#, #"["a"]"#] { first.send("rows", json) }
        let checkpoint = try first.pipeline.state.snapshot()
        let (second, restored) = try view(maximumRowCount: 3)
        try second.pipeline.state.restore(checkpoint)
        #expect(restored.rows == original.rows)
        #expect(restored.droppedRowCount == 1)
        second.send("rows", #"["-D", "a"]"#)
        second.send("rows", #"["c"]"#)
        second.send("rows", #"["d"]"#)
        #expect(render(restored) == ["[b]", "[c]", "[d]"])
        #expect(restored.droppedRowCount == 2)
    }
}
