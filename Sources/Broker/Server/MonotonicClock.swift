import NIOCore

/// Milliseconds on a clock that never goes back, for timeouts and session expiry.
enum MonotonicClock {
    static func nowMilliseconds() -> Int64 {
        Int64(NIODeadline.now().uptimeNanoseconds / 1_000_000)
    }
}
