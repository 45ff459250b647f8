import FastJSON
import Foundation
import Streams

/// Builds a logical plan into Streams operators on a pipeline: each node becomes the operator
/// that computes it, over a stream of `RowChange`s.
///
/// A row that fails at run time (an expression that divides by zero, a CAST that does not parse)
/// goes to the pipeline's dead-letter topic with the reason, as undecodable records do.
struct PlanCompiler {
    let pipeline: Pipeline
    /// The topic named in dead letters of rows that fail after decoding.
    let sourceDescription: String

    init(pipeline: Pipeline, plan: PlanNode) {
        self.pipeline = pipeline
        sourceDescription = plan.scannedTables.compactMap { table in
            if case .kafka(let options) = table.connector { options.topic } else { nil }
        }.joined(separator: ",")
    }

    /// The stream of changes of `node`'s result.
    func compile(_ node: PlanNode) throws(SQLError) -> Streams.Stream<RowChange> {
        switch node.operation {
        case .scan(let table):
            return try scan(table)
        case .values:
            throw .unsupported(
                "a query that reads no table (VALUES, SELECT without FROM): a continuous query needs a topic"
            )
        case .project(let expressions, _):
            let evaluators = expressions.map(\.evaluate)
            let report = errorReporter(columns: node.input.columns)
            return try compile(node.input).compactMap { change in
                var row: SQLRow = []
                row.reserveCapacity(evaluators.count)
                do throws(SQLError) {
                    for evaluate in evaluators { row.append(try evaluate(change.row)) }
                } catch {
                    report(error, change.row)
                    return nil
                }
                return RowChange(change.kind, row)
            }
        case .filter(let condition):
            let evaluate = condition.evaluate
            let report = errorReporter(columns: node.input.columns)
            return try compile(node.input).filter { change in
                do throws(SQLError) {
                    return try evaluate(change.row) == .boolean(true)
                } catch {
                    report(error, change.row)
                    return false
                }
            }
        case .windowAssignment(let window):
            return try assignWindows(window, over: compile(node.input))
        case .aggregate(let keyCount, let aggregates):
            let operation = GroupAggregateOperator(
                key: { Array($0.prefix(keyCount)) },
                aggregates: calls(aggregates),
                onError: errorReporter(columns: node.input.columns)
            )
            return try process(compile(node.input), with: operation)
        case .windowAggregate(let window, let keyCount, let aggregates):
            // Sessions are kept by the group key itself when it is the PARTITION BY.
            var sessionKey: ((SQLRow) -> SQLRow)?
            if case .session(_, let partitionKeys) = window.kind, partitionKeys != Array(0..<keyCount) {
                sessionKey = { row in partitionKeys.map { row[$0] } }
            }
            do {
                return try WindowAggregation.aggregate(
                    compile(node.input),
                    key: { Array($0.prefix(keyCount)) },
                    timeColumn: window.timeColumn,
                    windowing: try windowing(window),
                    aggregates: calls(aggregates),
                    sessionKey: sessionKey,
                    onError: errorReporter(columns: node.input.columns)
                )
            } catch let error as SQLError {
                throw error
            } catch {
                throw .execution("cannot build the window aggregate: \(error)")
            }
        case .rank(let rank):
            return try compileRank(rank, node: node)
        case .join(let join):
            return try compileJoin(join, node: node)
        case .union:
            return try compile(node.inputs[0]).merge(compile(node.inputs[1]))
        }
    }

    private func compileRank(_ rank: RankSpecification, node: PlanNode) throws(SQLError) -> Streams.Stream<RowChange> {
        guard let limit = rank.limit else { throw .unsupported("ROW_NUMBER() without a Top-N filter") }
        let partitionKeys = rank.partitionKeys
        let sortColumns = rank.sortKeys.map(\.column)
        let orders = rank.sortKeys.map { SortOrder(isDescending: $0.isDescending, nullsFirst: $0.nullsFirst) }
        let partitionKey: (SQLRow) -> SQLRow = { row in partitionKeys.map { row[$0] } }
        let sortKey: (SQLRow) -> SQLRow = { row in sortColumns.map { row[$0] } }
        let input = try compile(node.input)
        let ranked: Streams.Stream<RowChange>
        if let windowEnd = rank.windowEnd, node.input.isInsertOnly {
            ranked = try process(
                input,
                with: WindowRankOperator(
                    partitionKey: partitionKey,
                    sortKey: sortKey,
                    orders: orders,
                    limit: limit,
                    emitsRowNumber: rank.outputsRowNumber,
                    windowEndColumn: windowEnd,
                    onError: errorReporter(columns: node.input.columns)
                )
            )
        } else {
            ranked = try process(
                input,
                with: RankOperator(
                    partitionKey: partitionKey,
                    sortKey: sortKey,
                    orders: orders,
                    limit: limit,
                    emitsRowNumber: rank.outputsRowNumber,
                    isAppendOnly: node.input.isInsertOnly
                )
            )
        }
        guard !rank.outputsRowNumber, node.columns.count > node.input.columns.count else { return ranked }
        // The plan keeps a place for the row number that nothing reads: fill it.
        return ranked.map { change in
            var row = change.row
            row.append(.null)
            return RowChange(change.kind, row)
        }
    }

    private func compileJoin(_ join: JoinSpecification, node: PlanNode) throws(SQLError) -> Streams.Stream<RowChange> {
        let left = try compile(node.inputs[0])
        let right = try compile(node.inputs[1])
        let leftKeys = join.leftKeys
        let rightKeys = join.rightKeys
        var condition: ((SQLRow) throws(SQLError) -> Bool)?
        if let residual = join.residual {
            let evaluate = residual.evaluate
            condition = { row throws(SQLError) in try evaluate(row) == .boolean(true) }
        }
        let merged = JoinInput.merge(left: left, right: right)
        if let interval = join.interval {
            let operation = try IntervalJoinOperator(
                kind: join.kind,
                leftKey: { row in leftKeys.map { row[$0] } },
                rightKey: { row in rightKeys.map { row[$0] } },
                leftTimeColumn: interval.leftTime,
                rightTimeColumn: interval.rightTime,
                lowerBound: interval.lower,
                upperBound: interval.upper,
                rightWidth: node.inputs[1].columns.count,
                condition: condition,
                onError: errorReporter(columns: node.inputs[0].columns + node.inputs[1].columns)
            )
            return try process(merged, with: operation)
        }
        let operation = JoinOperator(
            kind: join.kind,
            leftKey: { row in leftKeys.map { row[$0] } },
            rightKey: { row in rightKeys.map { row[$0] } },
            leftWidth: node.inputs[0].columns.count,
            rightWidth: node.inputs[1].columns.count,
            condition: condition,
            onError: errorReporter(columns: node.inputs[0].columns + node.inputs[1].columns)
        )
        return try process(merged, with: operation)
    }

    /// The rows of a table's topic, decoded by its format, with metadata and computed columns.
    private func scan(_ table: CatalogTable) throws(SQLError) -> Streams.Stream<RowChange> {
        guard case .kafka(let options) = table.connector else {
            throw .unsupported("reading a '\(table.connector.name)' table")
        }
        let decoder = try TableRowDecoder(table: table, options: options)
        let timeColumn = table.watermark.flatMap { watermark in table.columns.firstIndex { $0.name == watermark.column }
        }
        let rows = pipeline.source(
            topics: [options.topic],
            decodingRecordsWith: { bytes, metadata throws(SQLError) -> SQLRow? in
                try decoder.decode(bytes, metadata: metadata)
            },
            eventTime: timeColumn.map { column in
                { row in
                    if case .timestamp(let milliseconds)? = row?[column] { return milliseconds }
                    return .min
                }
            },
            reading: options.reading
        )
        return rows.compactMap { row in row.map { RowChange(.insert, $0) } }
    }

    /// A row per window the row's time is in, with window_start, window_end and window_time added.
    private func assignWindows(
        _ window: PlannedWindow,
        over input: Streams.Stream<RowChange>
    ) throws(SQLError) -> Streams.Stream<RowChange> {
        let windowing = try windowing(window)
        if case .session = windowing {
            throw .unsupported("SESSION windows without an aggregate over them")
        }
        let timeColumn = window.timeColumn
        return input.flatMap { change -> [RowChange] in
            guard case .timestamp(let time) = change.row[timeColumn] else { return [] }
            return windowing.windows(containing: time).map { bounds in
                RowChange(
                    change.kind,
                    change.row + [.timestamp(bounds.start), .timestamp(bounds.end), .timestamp(bounds.end - 1)]
                )
            }
        }
    }

    private func windowing(_ window: PlannedWindow) throws(SQLError) -> Windowing {
        guard window.offset == 0 else { throw .unsupported("window offsets") }
        switch window.kind {
        case .tumble(let size): return .tumbling(size: .milliseconds(size))
        case .hop(let size, let slide): return .hopping(size: .milliseconds(size), advance: .milliseconds(slide))
        case .cumulate(let size, let step): return .cumulative(size: .milliseconds(size), step: .milliseconds(step))
        case .session(let gap, _): return .session(gap: .milliseconds(gap))
        }
    }

    private func calls(_ aggregates: [PlannedAggregate]) -> [AggregateCall] {
        aggregates.map { aggregate in AggregateCall(aggregate.function, argument: aggregate.argument.map(Self.reader)) }
    }

    /// What reads column `column` of a row, as an aggregate's argument.
    // A named function: a closure making a typed-throws closure crashes the 6.3 compiler.
    private static func reader(_ column: Int) -> (SQLRow) throws(SQLError) -> SQLValue {
        { row throws(SQLError) in row[column] }
    }

    private func process<Operation: StreamOperator>(
        _ input: Streams.Stream<Operation.Input>,
        with operation: Operation
    ) throws(SQLError)
        -> Streams.Stream<Operation.Output>
    {
        do {
            return try input.process(operation)
        } catch {
            throw .execution("cannot build the query's operators: \(error)")
        }
    }

    /// Dead-letters a row that failed, with the reason.
    /// Dead-letters a row that failed at run time, as a JSON object of `columns` (the columns of the
    /// rows the operator reports: its input's) with values as the HTTP API writes them.
    private func errorReporter(columns: [PlanColumn]) -> RowErrorHandler {
        let (pipeline, topic) = (pipeline, sourceDescription)
        return { error, row in
            var output: [UInt8] = [UInt8(ascii: "{")]
            for (index, value) in row.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                let column =
                    index < columns.count ? columns[index] : PlanColumn(name: "EXPR$\(index)", type: SQLType(.null))
                JSONOutput.appendQuoted(column.name, to: &output)
                output.append(UInt8(ascii: ":"))
                value.appendJSON(as: column.type, to: &output)
            }
            output.append(UInt8(ascii: "}"))
            pipeline.deadLetter(
                value: String(decoding: output, as: UTF8.self),
                reason: error.message,
                topic: topic,
                timestamp: Int64(Date().timeIntervalSince1970 * 1_000)
            )
        }
    }
}
