import Streams

/// Flink's window aggregation (`GROUP BY window_start, window_end, ...` over TUMBLE, HOP, CUMULATE
/// or SESSION) on Streams' window operator: one `Aggregation` folds every aggregate's accumulator,
/// and a window's rows leave, as inserts, when the watermark passes its end.
///
/// Each output row is the key values, then `window_start` and `window_end` as TIMESTAMPs, then the
/// aggregate results; its event time is `window_end - 1` (Flink's `window_time`).
///
/// Watermarks: Flink fires window [s, e) when its watermark reaches e - 1 and drops a row as late
/// when its window (slice) end - 1 is at or below the watermark; Streams' window operator closes a
/// window when the watermark reaches e and drops when e is at or below it. The two agree when the
/// Streams watermark is Flink's plus one. For `WATERMARK FOR ts AS ts - INTERVAL 'n' ...` Flink's
/// watermark is the largest `ts` less n, Streams' the largest event time less
/// `allowedOutOfOrdernessMilliseconds`: so the planner sets
/// `PipelineConfiguration.allowedOutOfOrdernessMilliseconds` to n in milliseconds minus 1 (-1 for a
/// watermark equal to the row time).
public enum WindowAggregation {
    /// The windowed aggregate of an insert-only stream.
    ///
    /// - Parameters:
    ///   - input: insert-only rows; anything else is handed to `onError`.
    ///   - key: the GROUP BY values besides window_start and window_end.
    ///   - timeColumn: the index of the row's time attribute (a TIMESTAMP), the event time.
    ///   - windowing: the windows; HOP's size and slide are Streams' size and advance.
    ///   - aggregates: the aggregate calls, in output order.
    ///   - name: a stable name for the state; numbered in declaration order when nil.
    ///   - sessionKey: for SESSION windows whose PARTITION BY is not the group key, what a row's
    ///     session is kept by (empty: one session stream for all rows); each session's rows are
    ///     then aggregated per group key. Nil: sessions per group key.
    ///   - onError: gets rows skipped because they are not inserts, have no time, or an argument failed.
    public static func aggregate(
        _ input: Stream<RowChange>,
        key: @escaping (SQLRow) -> SQLRow,
        timeColumn: Int,
        windowing: Windowing,
        aggregates: [AggregateCall],
        sessionKey: ((SQLRow) -> SQLRow)? = nil,
        name: String? = nil,
        onError: @escaping RowErrorHandler = { _, _ in }
    ) throws -> Stream<RowChange> {
        let timed = try input.process(
            WindowInputOperator(timeColumn: timeColumn, windowing: windowing, onError: onError),
            name: name.map { $0 + ".input" }
        )
        if let sessionKey {
            return try groupedWithinWindows(
                timed,
                windowKey: sessionKey,
                groupKey: key,
                windowing: windowing,
                aggregates: aggregates,
                name: name,
                onError: onError
            )
        }
        let aggregation = Aggregation<[SQLValue], [AggregateAccumulator], [SQLValue]>(
            initial: aggregates.initialAccumulators,
            add: { accumulators, arguments in aggregates.apply(arguments, to: &accumulators, isRetraction: false) },
            merge: aggregates.merge,
            result: aggregates.results
        )
        return try timed.compactMap { change -> Keyed<SQLRow, [SQLValue]>? in
            do throws(SQLError) {
                return Keyed(key: key(change.row), value: try aggregates.arguments(of: change.row))
            } catch {
                onError(error, change.row)
                return nil
            }
        }
        .keyBy(\.key)
        .mapValues(\.value)
        .window(windowing, emit: .onClose)
        .aggregate(aggregation, name: name)
        .map { result in
            RowChange(
                .insert,
                result.key + [.timestamp(result.window.start), .timestamp(result.window.end)] + result.value
            )
        }
    }

    /// Windows kept per `windowKey`, aggregated per `groupKey` inside each: one accumulator set
    /// per group in the window's accumulator, merged group by group when sessions merge.
    private static func groupedWithinWindows(
        _ timed: Stream<RowChange>,
        windowKey: @escaping (SQLRow) -> SQLRow,
        groupKey: @escaping (SQLRow) -> SQLRow,
        windowing: Windowing,
        aggregates: [AggregateCall],
        name: String?,
        onError: @escaping RowErrorHandler
    ) throws -> Stream<RowChange> {
        let aggregation = Aggregation<GroupedArguments, [SQLRow: [AggregateAccumulator]], [SQLRow: [SQLValue]]>(
            initial: [:],
            add: { groups, input in
                var accumulators = groups.removeValue(forKey: input.group) ?? aggregates.initialAccumulators
                aggregates.apply(input.arguments, to: &accumulators, isRetraction: false)
                groups[input.group] = accumulators
            },
            merge: { first, second in first.merging(second) { aggregates.merge($0, $1) } },
            result: { groups in groups.mapValues(aggregates.results) }
        )
        return try timed.compactMap { change -> Keyed<SQLRow, GroupedArguments>? in
            do throws(SQLError) {
                let arguments = GroupedArguments(
                    group: groupKey(change.row),
                    arguments: try aggregates.arguments(of: change.row)
                )
                return Keyed(key: windowKey(change.row), value: arguments)
            } catch {
                onError(error, change.row)
                return nil
            }
        }
        .keyBy(\.key)
        .mapValues(\.value)
        .window(windowing, emit: .onClose)
        .aggregate(aggregation, name: name)
        .flatMap { result in
            // Groups in key order, so that a restored run emits as one that never stopped.
            result.value.sorted { SQLValue.compare($0.key, $1.key) < 0 }.map { group, values in
                RowChange(.insert, group + [.timestamp(result.window.start), .timestamp(result.window.end)] + values)
            }
        }
    }
}

/// One row's group key and aggregate arguments, for windows kept by another key.
private struct GroupedArguments {
    var group: SQLRow
    var arguments: [SQLValue]
}
