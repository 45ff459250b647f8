import EventLog
import Locking
import Testing

@Suite struct LogRateLimiterTests {
    @Test func admitsEachKindOncePerIntervalAndCountsWhatItHeldBack() {
        let clock = ManualClock()
        let limiter = LogRateLimiter(interval: .seconds(10), now: { clock.seconds.withLock { $0 } })
        #expect(limiter.admit("a") == 0)
        #expect(limiter.admit("a") == nil)
        #expect(limiter.admit("a") == nil)
        // Another kind has its own allowance.
        #expect(limiter.admit("b") == 0)
        clock.seconds.withLock { $0 = 9.9 }
        #expect(limiter.admit("a") == nil)
        clock.seconds.withLock { $0 = 10 }
        #expect(limiter.admit("a") == 3)
        #expect(limiter.admit("a") == nil)
        clock.seconds.withLock { $0 = 25 }
        #expect(limiter.admit("a") == 1)
    }
}

private final class ManualClock: Sendable {
    let seconds = Locked<Double>(0)
}
