import Foundation
import NIOCore
import Streams
import Testing

@Suite struct PipelineTests {
    @Test func statelessOperatorsFeedASink() throws {
        let pipeline = Pipeline(name: "clicks")
        pipeline.source("clicks", as: Click.self, eventTime: \.ts)
            .filter { $0.page != "robots.txt" }
            .flatMap { click in Array(repeating: click.user.uppercased(), count: Int(click.amount)) }
            .map { ["user": $0] }
            .sink(topic: "users")
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "clicks", json: clickJSON("ann", 1, amount: 2))
        driver.send(topic: "clicks", json: clickJSON("bob", 2, page: "robots.txt"))
        driver.send(topic: "clicks", json: clickJSON("cy", 3))
        #expect(
            try driver.output(topic: "users", as: [String: String].self).map { $0["user"]! } == ["ANN", "ANN", "CY"]
        )
        #expect(pipeline.counters.eventsIn == 3)
        #expect(pipeline.counters.eventsOut == 3)
    }

    @Test func undecodableRecordsGoToTheDeadLetterTopicAndProcessingContinues() throws {
        let pipeline = Pipeline(name: "clicks")
        let users = try pipeline.source("clicks", as: Click.self, eventTime: \.ts).keyBy(\.user).count().view()
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "clicks", json: clickJSON("ann", 1))
        driver.send(topic: "clicks", json: "not json")
        driver.send(topic: "clicks", json: #"{"user":"bob","page":"p","ts":3}"#)
        driver.send(topic: "clicks", value: nil)
        driver.send(topic: "clicks", json: clickJSON("ann", 4))
        #expect(users.values == ["ann": 2])
        let letters = driver.deadLetters
        #expect(letters.count == 3)
        #expect(letters[0].offset == 1 && letters[0].value == "not json" && letters[0].topic == "clicks")
        #expect(letters[1].reason == "missing field amount")
        #expect(letters[2].reason.contains("tombstone"))
        #expect(pipeline.counters.deadLettered == 3)
        #expect(driver.output(topic: "clicks.dead-letter").count == 3)
    }

    /// Why a "user,amount" line did not decode.
    struct CommaSeparatedFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads "user,amount" lines: a value format other than JSON, for a source's own decoder.
    static func commaSeparatedClick(_ bytes: UnsafeRawBufferPointer) throws -> Click {
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: ",")
        guard fields.count == 2, let amount = Double(fields[1]) else {
            throw CommaSeparatedFailure(description: "expected user,amount")
        }
        return Click(user: String(fields[0]), page: "", amount: amount, ts: 0)
    }

    @Test func aSourceDecodesWithItsOwnDecoderAndDeadLettersWhatItThrowsFor() throws {
        let pipeline = Pipeline(name: "csv")
        let recent = try pipeline.source(topics: ["clicks"], decodingWith: Self.commaSeparatedClick, eventTime: nil)
            .lastEvents(5)
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "clicks", value: ByteBuffer(string: "ann,2"), timestamp: 1_000)
        driver.send(topic: "clicks", value: ByteBuffer(string: "{\"user\":\"bob\"}"), timestamp: 2_000)
        driver.send(topic: "clicks", value: ByteBuffer(string: "cy,3"), timestamp: 3_000)
        #expect(recent.events.map(\.user) == ["ann", "cy"])
        #expect(recent.events.map(\.amount) == [2, 3])
        // Without an event-time function the record's timestamp is the event time.
        #expect(pipeline.maximumEventTime == 3_000)
        #expect(driver.deadLetters.map(\.reason) == ["expected user,amount"])
        #expect(driver.deadLetters.map(\.offset) == [1])
    }

    @Test func readsSeveralTopicsIntoOneStream() throws {
        let pipeline = Pipeline(name: "merge")
        let recent = try pipeline.source("a", "b", as: Click.self, eventTime: \.ts).lastEvents(2)
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "a", json: clickJSON("1", 1))
        driver.send(topic: "b", json: clickJSON("2", 2))
        driver.send(topic: "a", json: clickJSON("3", 3))
        driver.send(topic: "c", json: clickJSON("4", 4))
        #expect(recent.events.map(\.user) == ["2", "3"])
    }

    @Test func viewsPublishChangesAsAsyncSequences() async throws {
        let pipeline = Pipeline(name: "views")
        let clicks = pipeline.source("clicks", as: Click.self, eventTime: \.ts)
        let totals = try clicks.keyBy(\.user).aggregate(.sum(\.amount))
        let table = totals.view()
        let top = totals.top(2, by: { $0 })
        let recent = try clicks.lastEvents(3)
        let tableChanges = table.changes()
        let topChanges = top.changes()
        let recentChanges = recent.changes()
        let driver = TestDriver(pipeline: pipeline)
        for (user, amount) in [("ann", 5.0), ("bob", 1), ("cy", 3), ("bob", 9)] {
            driver.send(topic: "clicks", json: clickJSON(user, 1, amount: amount))
        }
        #expect(table.values == ["ann": 5, "bob": 10, "cy": 3])
        #expect(top.entries.map(\.key) == ["bob", "ann"])
        #expect(recent.events.map(\.user) == ["bob", "cy", "bob"])

        var tableIterator = tableChanges.makeAsyncIterator()
        #expect(await tableIterator.next() == TableChange(key: "ann", value: 5))
        var topIterator = topChanges.makeAsyncIterator()
        #expect(await topIterator.next()?.map(\.key) == ["ann"])
        var recentIterator = recentChanges.makeAsyncIterator()
        #expect(await recentIterator.next()?.user == "ann")
    }

    @Test func latestValuePerKeyWithRemovalsAndAStreamTableJoin() throws {
        let pipeline = Pipeline(name: "join")
        let profiles = try pipeline.source("profiles", as: UserProfile.self, eventTime: \.ts)
            .keyBy(\.user)
            .latest(removingWhen: { $0.country.isEmpty })
        let countries = profiles.view()
        pipeline.source("clicks", as: Click.self, eventTime: \.ts)
            .join(profiles, on: \.user) { click, profile in CountryClick(user: click.user, country: profile?.country) }
            .sink(topic: "enriched")
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "profiles", json: #"{"user":"ann","country":"fr","ts":1}"#)
        driver.send(topic: "clicks", json: clickJSON("ann", 2))
        driver.send(topic: "profiles", json: #"{"user":"ann","country":"de","ts":3}"#)
        driver.send(topic: "clicks", json: clickJSON("ann", 4))
        driver.send(topic: "clicks", json: clickJSON("bob", 5))
        driver.send(topic: "profiles", json: #"{"user":"ann","country":"","ts":6}"#)
        driver.send(topic: "clicks", json: clickJSON("ann", 7))
        #expect(
            try driver.output(topic: "enriched", as: CountryClick.self) == [
                CountryClick(user: "ann", country: "fr"), CountryClick(user: "ann", country: "de"),
                CountryClick(user: "bob", country: nil), CountryClick(user: "ann", country: nil),
            ]
        )
        #expect(countries.values.isEmpty)
    }

    /// A custom operator: emits a user's running click count every third click, with keyed state.
    final class EveryThirdClick: StreamOperator {
        var counts = KeyValueState<String, Int>()

        func open(state: StateStore, name: String) throws {
            counts = try state.keyValueState(named: name)
        }

        func process(_ input: Click, at timestamp: Int64, context: OperatorContext<String>) {
            let count = (counts[input.user] ?? 0) + 1
            counts[input.user] = count
            if count % 3 == 0 { context.emit("\(input.user):\(count)", at: timestamp) }
        }
    }

    @Test func customOperatorsKeepKeyedStateInTheStore() throws {
        let pipeline = Pipeline(name: "custom")
        let recent = try pipeline.source("clicks", as: Click.self, eventTime: \.ts)
            .process(EveryThirdClick(), name: "every-third")
            .lastEvents(10)
        let driver = TestDriver(pipeline: pipeline)
        for index in 0..<7 { driver.send(topic: "clicks", json: clickJSON(index % 2 == 0 ? "ann" : "bob", 1)) }
        #expect(recent.events == ["ann:3", "bob:3"])
        #expect(pipeline.state.names.contains("every-third"))
    }
}
