import Foundation
import SQL
import Streams

/// A pipeline on Streams' test driver whose sources read SQL rows as JSON arrays, and whose
/// operator outputs are collected, for the operator tests.
///
/// A record is `["+I", value, ...]` (the change kind, then the row) or just `[value, ...]` for an
/// insert; `{"ts": n}` is a TIMESTAMP of n milliseconds.
final class OperatorHarness {
    let pipeline: Pipeline
    let driver: TestDriver

    /// `outOfOrderness`: the pipeline's allowed out-of-orderness in milliseconds.
    init(outOfOrderness: Int64 = 0) {
        pipeline = Pipeline(
            name: "sql-operators",
            configuration: PipelineConfiguration(allowedOutOfOrdernessMilliseconds: outOfOrderness)
        )
        driver = TestDriver(pipeline: pipeline)
    }

    /// The changes on `topic`; event time is the row's `timeColumn` when given, else the record's timestamp.
    func source(_ topic: String, timeColumn: Int? = nil) -> Streams.Stream<RowChange> {
        var eventTime: ((RowChange) -> Int64)?
        if let timeColumn {
            eventTime = { change in
                guard case .timestamp(let time) = change.row[timeColumn] else { return 0 }
                return time
            }
        }
        return pipeline.source(
            topics: [topic],
            decodingWith: { bytes in try Self.decode(Data(bytes)) },
            eventTime: eventTime
        )
    }

    /// Collects what `stream` emits.
    func collect(_ stream: Streams.Stream<RowChange>) -> Collected {
        let collected = Collected()
        let append: (RowChange, Int64) -> Void = { change, _ in collected.changes.append(change) }
        stream.forEach(append)
        return collected
    }

    /// Sends one JSON record to `topic`.
    func send(_ topic: String, _ json: String, timestamp: Int64 = 0) {
        driver.send(topic: topic, json: json, timestamp: timestamp)
    }

    /// What an operator emitted, in order.
    final class Collected {
        var changes: [RowChange] = []

        /// The changes as Flink prints them, `+I[a, 1]`, for compact expectations.
        var lines: [String] { changes.map(OperatorHarness.render) }

        /// The rows of the table the changes make, sorted by their text.
        var table: [String] {
            var counts: [SQLRow: Int] = [:]
            for change in changes { counts[change.row, default: 0] += change.kind.isAccumulate ? 1 : -1 }
            return counts.flatMap { row, count in Array(repeating: OperatorHarness.render(row), count: max(0, count)) }
                .sorted()
        }
    }

    static func render(_ change: RowChange) -> String {
        change.kind.description + render(change.row)
    }

    static func render(_ row: SQLRow) -> String {
        "[" + row.map(render).joined(separator: ", ") + "]"
    }

    static func render(_ value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let integer): "\(integer)"
        case .double(let double): "\(double)"
        case .decimal(let decimal): "\(decimal)"
        case .string(let string): string
        case .boolean(let boolean): "\(boolean)"
        case .timestamp(let time): "@\(time)"
        default: "\(value)"
        }
    }

    private static func decode(_ data: Data) throws -> RowChange {
        var values = try JSONDecoder().decode([TestValue].self, from: data)
        var kind = RowKind.insert
        if case .kind(let given) = values.first {
            kind = given
            values.removeFirst()
        }
        return RowChange(kind, values.map(\.value))
    }

    private enum TestValue: Decodable {
        case kind(RowKind)
        case value(SQLValue)

        private struct Timestamp: Decodable { var ts: Int64 }

        var value: SQLValue {
            switch self {
            case .kind(let kind): .string(kind.description)
            case .value(let value): value
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .value(.null)
            } else if let boolean = try? container.decode(Bool.self) {
                self = .value(.boolean(boolean))
            } else if let integer = try? container.decode(Int64.self) {
                self = .value(.integer(integer))
            } else if let double = try? container.decode(Double.self) {
                self = .value(.double(double))
            } else if let timestamp = try? container.decode(Timestamp.self) {
                self = .value(.timestamp(timestamp.ts))
            } else {
                let string = try container.decode(String.self)
                let kinds: [String: RowKind] = ["+I": .insert, "-U": .updateBefore, "+U": .updateAfter, "-D": .delete]
                self = kinds[string].map { TestValue.kind($0) } ?? TestValue.value(.string(string))
            }
        }
    }
}
