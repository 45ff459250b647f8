import Foundation
import Locking

/// Hands out producer ids that stay unique across restarts without a file of their own.
///
/// The id is the wall-clock millisecond shifted left by 12 bits plus a counter, so a broker that
/// restarts later can never hand out an id whose sequence state the log still remembers.
final class ProducerIdAllocator: Sendable {
    private let last = Locked<Int64>(0)

    func next() -> Int64 {
        let candidate = Int64(Date().timeIntervalSince1970 * 1000) << 12
        return last.withLock { last in
            last = max(candidate, last + 1)
            return last
        }
    }

    /// Never hands out `producerId` or anything below it (ids the transaction coordinator holds).
    func reserve(through producerId: Int64) {
        last.withLock { $0 = max($0, producerId) }
    }
}
