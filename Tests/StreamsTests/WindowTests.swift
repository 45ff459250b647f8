import Streams
import Testing

@Suite struct WindowTests {
    typealias Count = WindowResult<String, Int64>

    private func countPipeline(
        _ windowing: Windowing,
        emit emission: WindowEmission = .onClose,
        lateness: Duration = .zero,
        outOfOrderness: Int64 = 0
    ) throws -> (Pipeline, TestDriver) {
        let pipeline = Pipeline(
            name: "windows",
            configuration: PipelineConfiguration(allowedOutOfOrdernessMilliseconds: outOfOrderness)
        )
        try pipeline.source("clicks", as: Click.self, eventTime: \.ts)
            .keyBy(\.user)
            .window(windowing, emit: emission, allowedLateness: lateness)
            .count()
            .sink(topic: "counts")
        return (pipeline, TestDriver(pipeline: pipeline))
    }

    @Test func tumblingWindowsEmitOnceWhenTheWatermarkPassesTheirEnd() throws {
        let (pipeline, driver) = try countPipeline(.tumbling(.seconds(60)), outOfOrderness: 5_000)
        for (user, time) in [("ann", 1_000), ("bob", 2_000), ("ann", 59_999), ("ann", 58_000), ("ann", 64_000)] {
            driver.send(topic: "clicks", json: clickJSON(user, Int64(time)))
        }
        #expect(driver.output(topic: "counts").isEmpty)
        driver.send(topic: "clicks", json: clickJSON("bob", 65_000))
        let closed = try driver.output(topic: "counts", as: Count.self)
        #expect(
            closed == [
                Count(key: "ann", window: Window(start: 0, end: 60_000), value: 3),
                Count(key: "bob", window: Window(start: 0, end: 60_000), value: 1),
            ]
        )
        // Event time 10 s is behind a watermark of 60 s: its window closed, so it is late.
        driver.send(topic: "clicks", json: clickJSON("ann", 10_000))
        #expect(pipeline.counters.late == 1)
        driver.finish()
        #expect(
            try driver.output(topic: "counts", as: Count.self).suffix(2) == [
                Count(key: "ann", window: Window(start: 60_000, end: 120_000), value: 1),
                Count(key: "bob", window: Window(start: 60_000, end: 120_000), value: 1),
            ]
        )
    }

    @Test func allowedLatenessKeepsWindowsOpenLonger() throws {
        let (pipeline, driver) = try countPipeline(.tumbling(.seconds(10)), lateness: .seconds(5))
        driver.send(topic: "clicks", json: clickJSON("ann", 1_000))
        driver.send(topic: "clicks", json: clickJSON("ann", 12_000))
        driver.send(topic: "clicks", json: clickJSON("ann", 2_000))  // late but within lateness
        driver.send(topic: "clicks", json: clickJSON("ann", 15_000))  // watermark 15 s closes [0, 10 s)
        driver.send(topic: "clicks", json: clickJSON("ann", 3_000))  // too late
        #expect(pipeline.counters.late == 1)
        #expect(
            try driver.output(topic: "counts", as: Count.self) == [
                Count(key: "ann", window: Window(start: 0, end: 10_000), value: 2)
            ]
        )
    }

    @Test func everyUpdateEmitsARunningResult() throws {
        let (_, driver) = try countPipeline(.tumbling(.seconds(10)), emit: .everyUpdate)
        for time in [1_000, 2_000, 11_000] { driver.send(topic: "clicks", json: clickJSON("ann", Int64(time))) }
        #expect(try driver.output(topic: "counts", as: Count.self).map(\.value) == [1, 2, 1])
    }

    @Test func hoppingWindowsCountAnEventInEveryWindowContainingIt() throws {
        let (_, driver) = try countPipeline(.hopping(size: .seconds(10), advance: .seconds(5)))
        driver.send(topic: "clicks", json: clickJSON("ann", 7_000))
        driver.finish()
        #expect(
            try driver.output(topic: "counts", as: Count.self).map(\.window) == [
                Window(start: 0, end: 10_000), Window(start: 5_000, end: 15_000),
            ]
        )
    }

    @Test func cumulativeWindowsGrowByStepFromAStartAlignedToTheirSize() throws {
        let windowing = Windowing.cumulative(size: .seconds(30), step: .seconds(10))
        #expect(
            windowing.windows(containing: 12_000) == [
                Window(start: 0, end: 20_000), Window(start: 0, end: 30_000),
            ]
        )
        #expect(windowing.windows(containing: 30_000) == [40, 50, 60].map { Window(start: 30_000, end: $0 * 1_000) })
        #expect(windowing.windows(containing: -1) == [Window(start: -30_000, end: 0)])
        let (_, driver) = try countPipeline(windowing, outOfOrderness: 60_000)
        for time in [1_000, 9_999, 10_000, 29_999, 31_000] {
            driver.send(topic: "clicks", json: clickJSON("ann", Int64(time)))
        }
        driver.finish()
        #expect(
            try driver.output(topic: "counts", as: Count.self).map {
                "\($0.window.start)-\($0.window.end): \($0.value)"
            } == [
                "0-10000: 2", "0-20000: 3", "0-30000: 4", "30000-40000: 1", "30000-50000: 1", "30000-60000: 1",
            ]
        )
    }

    @Test func sessionWindowsMergeBurstsAndCloseAfterTheGap() throws {
        let (_, driver) = try countPipeline(.session(gap: .seconds(10)), outOfOrderness: 30_000)
        for time in [0, 5_000, 30_000, 14_000, 45_000, 22_000] {
            driver.send(topic: "clicks", json: clickJSON("ann", Int64(time)))
        }
        driver.finish()
        // 0, 5 and 14 s chain into one session; 30 s starts another, which 22 s bridges to the first;
        // 45 s is more than the gap after 30 s and stays apart.
        #expect(
            try driver.output(topic: "counts", as: Count.self) == [
                Count(key: "ann", window: Window(start: 0, end: 40_000), value: 5),
                Count(key: "ann", window: Window(start: 45_000, end: 55_000), value: 1),
            ]
        )
    }

    @Test func sessionsOfManyKeysCloseInOrderOfTheirEnds() throws {
        // Each key's session closes at its own time: they close as the watermark passes each one,
        // in order of their ends, whatever order the keys arrived in.
        let (_, driver) = try countPipeline(.session(gap: .seconds(10)), outOfOrderness: 60_000)
        for (user, start) in [7, 3, 9, 1, 5, 8, 2, 6, 4, 0].enumerated() {
            driver.send(topic: "clicks", json: clickJSON("user\(user)", Int64(start) * 3_000))
        }
        #expect(driver.output(topic: "counts").isEmpty)
        driver.advanceWatermark(to: 17_000)
        #expect(try driver.output(topic: "counts", as: Count.self).map(\.window.end) == [10_000, 13_000, 16_000])
        driver.finish()
        let closed = try driver.output(topic: "counts", as: Count.self)
        #expect(closed.map(\.window.end) == (0..<10).map { Int64($0) * 3_000 + 10_000 })
        #expect(
            closed.map(\.key) == [
                "user9", "user3", "user6", "user1", "user8", "user4", "user7", "user0", "user5", "user2",
            ]
        )
        #expect(closed.allSatisfy { $0.value == 1 })
    }

    @Test func aggregationsOverWindows() throws {
        let pipeline = Pipeline(
            name: "aggregations",
            configuration: PipelineConfiguration(allowedOutOfOrdernessMilliseconds: 0)
        )
        let keyed = pipeline.source("clicks", as: Click.self, eventTime: \.ts).keyBy { _ in "all" }
        let window = keyed.window(.tumbling(.seconds(10)))
        try window.aggregate(.sum(\.amount)).map(\.value).sink(topic: "sum")
        try window.aggregate(.min(\.amount)).map(\.value).sink(topic: "min")
        try window.aggregate(.max(\.amount)).map(\.value).sink(topic: "max")
        try window.aggregate(.average(\.amount)).map(\.value).sink(topic: "average")
        try window.aggregate(.distinctCount(\.page)).map(\.value).sink(topic: "pages")
        try window.aggregate(.top(2, by: \.amount, id: \.user)).map { $0.value.map(\.id) }.sink(topic: "top")
        try window.aggregate(.fold("", { text, click in text += click.user })).map(\.value).sink(topic: "fold")
        let driver = TestDriver(pipeline: pipeline)
        for (user, page, amount) in [("a", "x", 2.0), ("b", "y", 8), ("c", "x", 5), ("b", "z", 1)] {
            driver.send(topic: "clicks", json: clickJSON(user, 1_000, page: page, amount: amount))
        }
        driver.finish()
        #expect(try driver.output(topic: "sum", as: Double.self) == [16])
        #expect(try driver.output(topic: "min", as: Double.self) == [1])
        #expect(try driver.output(topic: "max", as: Double.self) == [8])
        #expect(try driver.output(topic: "average", as: Double.self) == [4])
        #expect(try driver.output(topic: "pages", as: Int.self) == [3])
        #expect(try driver.output(topic: "top", as: [String].self) == [["b", "c"]])
        #expect(try driver.output(topic: "fold", as: String.self) == ["abcb"])
    }
}
