import Foundation

/// Admits at most a number of actions per minute from each client address: a token bucket per
/// address, so a client may spend its whole minute at once and then one every `60 / limit` seconds.
public actor ClientRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// Actions per minute per client.
    public nonisolated let limitPerMinute: Int
    private let clock = ContinuousClock()
    private var buckets: [String: Bucket] = [:]
    /// Beyond this many clients, the buckets that refilled completely are forgotten.
    private let trackedClients = 10_000

    public init(limitPerMinute: Int) {
        self.limitPerMinute = limitPerMinute
    }

    /// Takes one action of `client`'s allowance; nil when admitted, else the seconds to wait
    /// before the next action will be (at least 1, as `Retry-After` counts whole seconds).
    public func admit(_ client: String) -> Int? {
        let now = clock.now
        let capacity = Double(limitPerMinute)
        let refillPerSecond = capacity / 60
        var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
        let elapsed = bucket.updated.duration(to: now)
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(capacity, bucket.tokens + elapsedSeconds * refillPerSecond)
        bucket.updated = now
        defer {
            buckets[client] = bucket
            if buckets.count > trackedClients { forgetRefilledBuckets(now: now) }
        }
        guard bucket.tokens >= 1 else {
            return max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
        }
        bucket.tokens -= 1
        return nil
    }

    private func forgetRefilledBuckets(now: ContinuousClock.Instant) {
        let refillTime = Duration.seconds(60)
        buckets = buckets.filter { $0.value.updated.duration(to: now) < refillTime }
    }
}
