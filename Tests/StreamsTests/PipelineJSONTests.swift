import FastJSON
import Foundation
import NIOCore
import Streams
import Testing

/// Events reach pipelines through FastJSON: sources decode them, sinks encode window results.
@Suite struct PipelineJSONTests {
    /// A source type reading through `JSONObject` (FastJSONTests check it reads as `Decodable` does).
    struct Purchase: Codable, JSONObjectDecodable {
        var user: String
        var items: Int
        var ts: Int64

        init(json object: JSONObject) throws {
            user = try object.decode(String.self, forKey: "user")
            items = try object.decode(Int.self, forKey: "items")
            ts = try object.decode(Int64.self, forKey: "ts")
        }
    }

    @Test func sourcesDecodeConformingTypesAndDeadLetterWithTheSameReasons() throws {
        let pipeline = Pipeline(name: "purchases")
        let users = try pipeline.source("purchases", as: Purchase.self, eventTime: \.ts).keyBy(\.user).count().view()
        let driver = TestDriver(pipeline: pipeline)
        driver.send(topic: "purchases", json: #"{"user":"ann","amount":1,"items":1,"paid":true,"ts":1}"#)
        driver.send(topic: "purchases", json: "not json")
        driver.send(topic: "purchases", json: #"{"user":"bob","amount":1,"items":1,"paid":true}"#)
        driver.send(topic: "purchases", json: #"{"user":"bob","amount":1,"items":"1","paid":true,"ts":3}"#)
        driver.send(topic: "purchases", json: #"{"user":"ann","amount":1,"items":1,"paid":true,"ts":4}"#)
        #expect(users.values == ["ann": 2])
        let letters = driver.deadLetters
        #expect(letters.count == 3)
        #expect(letters.map(\.offset) == [1, 2, 3])
        #expect(letters[1].reason == "missing field ts")
        #expect(letters[2].reason == "field items: expected an integer")
    }

    @Test func sinksWriteWindowResultsAsTheEncodablePathDoes() throws {
        let pipeline = Pipeline(name: "results")
        let window = Window(start: -60_000, end: 0)
        let stream = pipeline.source("in", as: String.self)
        stream.map { WindowResult(key: $0, window: window, value: Int64($0.count)) }.sink(topic: "counts")
        stream.map { WindowResult(key: $0.count, window: window, value: Double($0.count) / 4) }.sink(topic: "ratios")
        stream.map { WindowResult(key: $0, window: window, value: $0.isEmpty ? nil : 1.5) }.sink(topic: "optional")
        stream.map { WindowResult(key: $0, window: window, value: [$0, $0]) }.sink(topic: "lists")
        let driver = TestDriver(pipeline: pipeline)
        let keys = ["g1", "", "caf\u{e9} \"q\" \\ \n\u{1}"]
        for key in keys {
            driver.send(topic: "in", json: String(decoding: try FastJSONEncoder().encode(key), as: UTF8.self))
        }
        let encoder = FastJSONEncoder()
        #expect(
            driver.output(topic: "counts").map(\.value)
                == (try keys.map { try encoder.encode(WindowResult(key: $0, window: window, value: Int64($0.count))) })
        )
        #expect(
            driver.output(topic: "ratios").map(\.value)
                == (try keys.map {
                    try encoder.encode(WindowResult(key: $0.count, window: window, value: Double($0.count) / 4))
                })
        )
        #expect(
            driver.output(topic: "optional").map(\.value)
                == (try keys.map {
                    try encoder.encode(WindowResult(key: $0, window: window, value: $0.isEmpty ? nil : 1.5))
                })
        )
        #expect(
            driver.output(topic: "lists").map(\.value)
                == (try keys.map { try encoder.encode(WindowResult(key: $0, window: window, value: [$0, $0])) })
        )
        #expect(
            driver.output(topic: "counts")[0].valueText
                == #"{"key":"g1","value":2,"window_end":0,"window_start":-60000}"#
        )
    }
}
