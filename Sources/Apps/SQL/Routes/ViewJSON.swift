import FastJSON
import Foundation
import SQL

/// The JSON of a view's answers, written by hand rather than by an encoder: row objects are keyed
/// by the view's column names, which the snake_case key strategy of the other answers would change,
/// and each value is written as its SQL type says (DECIMAL as exact text, timestamps in UTC).
struct ViewJSON {
    private(set) var bytes: [UInt8] = []

    /// `{"name": ..., "columns": [...], "rows": [...], "finished": ..., ...}` of a view now.
    static func answer(for query: RunningQuery) -> [UInt8] {
        var json = ViewJSON()
        let rows = query.view?.rows ?? []
        json.object { json in
            json.summary(of: query)
            json.key("rows")
            json.rows(rows, columns: query.columns)
        }
        return json.bytes
    }

    /// The list of views and jobs, with what did not come back at the last start.
    static func list(
        views: [RunningQuery],
        jobs: [RunningQuery],
        unrestored: [UnrestoredStatement],
        catalogError: String?
    ) -> [UInt8] {
        var json = ViewJSON()
        json.object { json in
            json.key("views")
            json.array(views) { json, view in json.object { $0.summary(of: view) } }
            json.key("jobs")
            json.array(jobs) { json, job in json.object { $0.summary(of: job) } }
            json.key("unrestored")
            json.array(unrestored) { json, statement in
                json.object { json in
                    json.field("name", statement.name)
                    json.field("kind", statement.kind)
                    json.field("statement", statement.statement)
                    json.field("error", statement.error)
                }
            }
            if let catalogError { json.field("catalog_error", catalogError) }
        }
        return json.bytes
    }

    /// A live channel's first message: the whole result.
    static func snapshot(of query: RunningQuery, rows: [SQLRow]) -> String {
        var json = ViewJSON()
        json.object { json in
            json.field("type", "snapshot")
            json.summary(of: query)
            json.key("rows")
            json.rows(rows, columns: query.columns)
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// A live channel's later message: the changes since the last one, in order.
    static func changes(_ changes: [RowChange], of query: RunningQuery) -> String {
        var json = ViewJSON()
        json.object { json in
            json.field("type", "changes")
            json.progress(of: query)
            json.key("changes")
            json.array(changes) { json, change in
                json.object { json in
                    json.field("kind", change.kind.description)
                    json.key("row")
                    json.row(change.row, columns: query.columns)
                }
            }
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// A live channel's message between changes: how the query is doing, when that changed.
    static func status(of query: RunningQuery) -> String {
        var json = ViewJSON()
        json.object { json in
            json.field("type", "status")
            json.progress(of: query)
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private mutating func summary(of query: RunningQuery) {
        field("name", query.name)
        field("kind", query.kind.rawValue)
        field("statement", query.statement)
        progress(of: query)
        field("dead_letter_topic", query.pipeline.deadLetterTopic)
        key("columns")
        array(query.columns) { json, column in
            json.object { json in
                json.field("name", column.name)
                json.field("type", column.type.description)
            }
        }
        if let keys = query.plan.groupKeyColumns {
            key("group_key")
            array(keys) { json, column in json.string(query.columns[column].name) }
        }
    }

    /// The fields that change while a query runs.
    private mutating func progress(of query: RunningQuery) {
        field("status", query.failureReason == nil ? "running" : "failed")
        if let failure = query.failureReason { field("error", failure) }
        field("finished", query.hasFinishedInput)
        field("caught_up", query.pipeline.hasCaughtUp)
        field("row_count", query.view?.rowCount ?? 0)
        field("dropped_rows", Int(query.view?.droppedRowCount ?? 0))
        key("counters")
        object { json in
            json.field("rows_in", query.pipeline.counters.eventsIn)
            json.field("late_rows", query.pipeline.counters.late)
            json.field("dead_lettered", query.pipeline.counters.deadLettered)
        }
    }

    private mutating func rows(_ rows: [SQLRow], columns: [PlanColumn]) {
        array(rows) { json, row in json.row(row, columns: columns) }
    }

    private mutating func row(_ row: SQLRow, columns: [PlanColumn]) {
        object { json in
            for (value, column) in zip(row, columns) {
                json.key(column.name)
                value.appendJSON(as: column.type, to: &json.bytes)
                json.needsComma = true
            }
        }
    }

    // MARK: Writing

    private var needsComma = false

    private mutating func object(_ body: (inout ViewJSON) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    private mutating func array<Element>(_ elements: [Element], _ body: (inout ViewJSON, Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements { body(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    private mutating func key(_ name: String) {
        separate()
        JSONOutput.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    private mutating func string(_ value: String) {
        separate()
        JSONOutput.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    private mutating func field(_ name: String, _ value: String) {
        key(name)
        JSONOutput.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    private mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    private mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
