/// How events are grouped into windows of event time.
public enum Windowing: Sendable, Hashable {
    /// Back-to-back windows of a fixed size.
    case tumbling(size: Duration)
    /// Windows of a fixed size starting every `advance`; an event belongs to size / advance of them.
    case hopping(size: Duration, advance: Duration)
    /// A window per burst of activity of a key, closed by a gap without events.
    case session(gap: Duration)
    /// Windows growing by `step` from a start aligned to `size` until they reach `size`: [start,
    /// start + step), [start, start + 2 step), ... [start, start + size), as Flink SQL's CUMULATE.
    case cumulative(size: Duration, step: Duration)

    /// Tumbling windows of `size`.
    public static func tumbling(_ size: Duration) -> Windowing { .tumbling(size: size) }

    /// The fixed windows containing `time` (empty for session windows, which are not fixed).
    public func windows(containing time: Int64) -> [Window] {
        switch self {
        case .tumbling(let size):
            let length = max(1, size.milliseconds)
            let start = Self.floor(time, length)
            return [Window(start: start, end: start + length)]
        case .hopping(let size, let advance):
            let length = max(1, size.milliseconds)
            let step = max(1, advance.milliseconds)
            var windows: [Window] = []
            var start = Self.floor(time, step)
            while start > time - length {
                windows.append(Window(start: start, end: start + length))
                start -= step
            }
            return windows
        case .cumulative(let size, let step):
            let length = max(1, size.milliseconds)
            let increment = max(1, step.milliseconds)
            let start = Self.floor(time, length)
            var windows: [Window] = []
            var end = Self.floor(time, increment) + increment
            while end <= start + length {
                windows.append(Window(start: start, end: end))
                end += increment
            }
            return windows
        case .session:
            return []
        }
    }

    /// The largest multiple of `length` not above `time`, also for negative times.
    @inlinable
    public static func floor(_ time: Int64, _ length: Int64) -> Int64 {
        let remainder = time % length
        return remainder >= 0 ? time - remainder : time - remainder - length
    }
}
