/// Assigns keyed events to windows, folds them into per-window accumulators kept in the
/// `StateStore`, and emits results as the watermark closes windows.
///
/// A window closes when the watermark reaches its end plus the allowed lateness; an event whose
/// every window is closed is dropped and counted as late. Results are emitted in the order their
/// windows were opened (a sequence number kept in state), so a restored pipeline emits in the same
/// order as one that never stopped.
///
/// Inlinable, so that it is specialized for the pipeline's key, value and accumulator types.
@usableFromInline
final class WindowOperator<Key: Hashable & Codable & Sendable, Value, Accumulator: Codable, Result>: StreamOperator {
    @usableFromInline typealias Input = Keyed<Key, Value>
    @usableFromInline typealias Output = WindowResult<Key, Result>

    @usableFromInline
    struct Entry: Codable {
        @usableFromInline var sequence: Int64
        @usableFromInline var accumulator: Accumulator

        @inlinable
        init(sequence: Int64, accumulator: Accumulator) {
            self.sequence = sequence
            self.accumulator = accumulator
        }
    }

    @usableFromInline let windowing: Windowing
    @usableFromInline let emission: WindowEmission
    @usableFromInline let allowedLatenessMilliseconds: Int64
    @usableFromInline let aggregation: Aggregation<Value, Accumulator, Result>
    /// The length of tumbling windows in milliseconds (nil for the other kinds): worked out once,
    /// not from a `Duration` per event.
    @usableFromInline let tumblingLength: Int64?

    // Used for every event by the pipeline's one processing task only: no runtime exclusivity checks.
    // Constants registered with the state store in `open`, so that reaching them per event takes no retain.
    @usableFromInline let windows = KeyValueState<WindowSlot<Key>, Entry>()
    @usableFromInline let nextSequence = ValueState<Int64>(0)
    /// When each open window closes; derived from `windows`, rebuilt after a restore.
    @usableFromInline @exclusivity(unchecked) var closingTimes: [Int64: [WindowSlot<Key>]] = [:]
    /// The keys of `closingTimes`, smallest first.
    @usableFromInline @exclusivity(unchecked) var closingTimeOrder = ClosingTimeHeap()
    @usableFromInline @exclusivity(unchecked) var nextClosingTime = Int64.max
    /// Each key's open session windows; derived from `windows`.
    @usableFromInline @exclusivity(unchecked) var sessions: [Key: [Window]] = [:]

    @usableFromInline
    init(
        windowing: Windowing,
        emission: WindowEmission,
        allowedLatenessMilliseconds: Int64,
        aggregation: Aggregation<Value, Accumulator, Result>
    ) {
        self.windowing = windowing
        self.emission = emission
        self.allowedLatenessMilliseconds = max(0, allowedLatenessMilliseconds)
        self.aggregation = aggregation
        if case .tumbling(let size) = windowing {
            tumblingLength = max(1, size.milliseconds)
        } else {
            tumblingLength = nil
        }
    }

    @usableFromInline
    func open(state: StateStore, name: String) throws {
        try state.register(windows, named: name + ".windows")
        try state.register(nextSequence, named: name + ".sequence")
        state.onRestore { [unowned self] in rebuildIndexes() }
    }

    private func rebuildIndexes() {
        closingTimes = [:]
        closingTimeOrder = ClosingTimeHeap()
        sessions = [:]
        nextClosingTime = .max
        for (slot, _) in windows.values {
            scheduleClose(slot)
            if case .session = windowing { sessions[slot.key, default: []].append(slot.window) }
        }
    }

    @inlinable
    func closingTime(of window: Window) -> Int64 {
        window.end.addingReportingOverflow(allowedLatenessMilliseconds).overflow
            ? .max : window.end + allowedLatenessMilliseconds
    }

    @inlinable
    func scheduleClose(_ slot: WindowSlot<Key>) {
        let time = closingTime(of: slot.window)
        if closingTimes[time] == nil { closingTimeOrder.insert(time) }
        closingTimes[time, default: []].append(slot)
        if time < nextClosingTime { nextClosingTime = time }
    }

    @inlinable
    func process(_ input: Keyed<Key, Value>, at timestamp: Int64, context: OperatorContext<Output>) {
        let watermark = context.watermark
        if case .session(let gap) = windowing {
            processSession(input, at: timestamp, gap: max(1, gap.milliseconds), watermark: watermark, context: context)
            return
        }
        if let length = tumblingLength {
            // The common case without the array of windows that hopping needs.
            let start = Windowing.floor(timestamp, length)
            let window = Window(start: start, end: start + length)
            if closingTime(of: window) > watermark {
                add(input, to: WindowSlot(key: input.key, window: window), context: context)
            } else {
                context.countLate()
            }
            return
        }
        var accepted = false
        for window in windowing.windows(containing: timestamp) where closingTime(of: window) > watermark {
            accepted = true
            add(input, to: WindowSlot(key: input.key, window: window), context: context)
        }
        if !accepted { context.countLate() }
    }

    /// Folds a value into a window's accumulator with one dictionary probe for an open window.
    @inlinable
    func add(_ input: Keyed<Key, Value>, to slot: WindowSlot<Key>, context: OperatorContext<Output>) {
        if let index = windows.values.index(forKey: slot) {
            aggregation.add(&windows.values.values[index].accumulator, input.value)
            if emission == .everyUpdate { emit(slot, windows.values.values[index], context: context) }
            return
        }
        var entry = Entry(sequence: nextSequence.value, accumulator: aggregation.initial)
        nextSequence.value += 1
        scheduleClose(slot)
        aggregation.add(&entry.accumulator, input.value)
        windows.values[slot] = entry
        if emission == .everyUpdate { emit(slot, entry, context: context) }
    }

    @inlinable
    func processSession(
        _ input: Keyed<Key, Value>,
        at timestamp: Int64,
        gap: Int64,
        watermark: Int64,
        context: OperatorContext<Output>
    ) {
        var window = Window(start: timestamp, end: timestamp + gap)
        guard closingTime(of: window) > watermark else {
            context.countLate()
            return
        }
        var entry = Entry(sequence: nextSequence.value, accumulator: aggregation.initial)
        nextSequence.value += 1
        aggregation.add(&entry.accumulator, input.value)
        var keySessions = sessions[input.key] ?? []
        keySessions.removeAll { existing in
            guard existing.start <= window.end, existing.end >= window.start else { return false }
            let slot = WindowSlot(key: input.key, window: existing)
            if let old = windows.values.removeValue(forKey: slot) {
                entry.accumulator = aggregation.merge(old.accumulator, entry.accumulator)
                entry.sequence = min(entry.sequence, old.sequence)
            }
            window = Window(start: min(window.start, existing.start), end: max(window.end, existing.end))
            return true
        }
        keySessions.append(window)
        sessions[input.key] = keySessions
        let slot = WindowSlot(key: input.key, window: window)
        windows[slot] = entry
        scheduleClose(slot)
        if emission == .everyUpdate { emit(slot, entry, context: context) }
    }

    @inlinable
    func onWatermark(_ watermark: Int64, context: OperatorContext<Output>) {
        // Called at every advance of the watermark: the common case returns before any generic work.
        guard watermark >= nextClosingTime else { return }
        closeWindows(upTo: watermark, context: context)
    }

    @inlinable
    func closeWindows(upTo watermark: Int64, context: OperatorContext<Output>) {
        var closing: [(slot: WindowSlot<Key>, entry: Entry)] = []
        while let time = closingTimeOrder.minimum, time <= watermark {
            _ = closingTimeOrder.removeMinimum()
            for slot in closingTimes.removeValue(forKey: time) ?? [] {
                // Merged-away sessions leave stale entries here; state is the truth.
                guard closingTime(of: slot.window) == time, let entry = windows.values.removeValue(forKey: slot) else {
                    continue
                }
                closing.append((slot, entry))
                if case .session = windowing {
                    sessions[slot.key]?.removeAll { $0 == slot.window }
                    if sessions[slot.key]?.isEmpty == true { sessions[slot.key] = nil }
                }
            }
        }
        nextClosingTime = closingTimeOrder.minimum ?? .max
        guard emission == .onClose else { return }
        closing.sort { ($0.slot.window.end, $0.entry.sequence) < ($1.slot.window.end, $1.entry.sequence) }
        for (slot, entry) in closing { emit(slot, entry, context: context) }
    }

    @inlinable
    func emit(_ slot: WindowSlot<Key>, _ entry: Entry, context: OperatorContext<Output>) {
        context.emit(
            WindowResult(key: slot.key, window: slot.window, value: aggregation.result(entry.accumulator)),
            at: slot.window.end - 1
        )
    }
}
