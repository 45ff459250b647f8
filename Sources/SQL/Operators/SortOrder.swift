import Foundation

/// The direction of one ORDER BY key: ascending or descending, and where NULLs go.
public struct SortOrder: Sendable, Hashable {
    public var isDescending: Bool
    public var nullsFirst: Bool

    /// Flink's defaults: NULLs first when ascending, last when descending.
    public init(isDescending: Bool = false, nullsFirst: Bool? = nil) {
        self.isDescending = isDescending
        self.nullsFirst = nullsFirst ?? !isDescending
    }

    /// Orders two sort keys (one value per `orders` entry) by `orders`.
    static func compare(_ first: SQLRow, _ second: SQLRow, by orders: [SortOrder]) -> ComparisonResult {
        for index in orders.indices {
            let left = first[index]
            let right = second[index]
            let order = orders[index]
            switch (left.isNull, right.isNull) {
            case (true, true): continue
            case (true, false): return order.nullsFirst ? .orderedAscending : .orderedDescending
            case (false, true): return order.nullsFirst ? .orderedDescending : .orderedAscending
            case (false, false):
                let result = AggregateArithmetic.compare(left, right)
                if result == .orderedSame { continue }
                return order.isDescending
                    ? (result == .orderedAscending ? .orderedDescending : .orderedAscending) : result
            }
        }
        return .orderedSame
    }
}
