/// A set of API versions as Kafka's schemas write it: `3+`, `0-4`, `7` or `none`.
struct VersionRange: Equatable {
    var lowest: Int16
    /// nil: every version from `lowest` on.
    var highest: Int16?

    static let none = VersionRange(lowest: 1, highest: 0)

    init(lowest: Int16, highest: Int16?) {
        self.lowest = lowest
        self.highest = highest
    }

    init(_ text: String) throws {
        if text == "none" {
            self = .none
        } else if text.hasSuffix("+"), let lowest = Int16(text.dropLast()) {
            self.init(lowest: lowest, highest: nil)
        } else if let dash = text.firstIndex(of: "-"),
            let lowest = Int16(text[..<dash]),
            let highest = Int16(text[text.index(after: dash)...])
        {
            self.init(lowest: lowest, highest: highest)
        } else if let only = Int16(text) {
            self.init(lowest: only, highest: only)
        } else {
            throw GeneratorError.invalidSchema("versions \"\(text)\"")
        }
    }

    var isEmpty: Bool { highest.map { $0 < lowest } ?? false }

    /// The versions in both ranges.
    func intersection(_ other: VersionRange) -> VersionRange {
        let lowest = max(self.lowest, other.lowest)
        switch (highest, other.highest) {
        case (nil, nil): return VersionRange(lowest: lowest, highest: nil)
        case (let a?, nil), (nil, let a?): return VersionRange(lowest: lowest, highest: a)
        case (let a?, let b?): return VersionRange(lowest: lowest, highest: min(a, b))
        }
    }

    /// Whether every version of `other` is in this range.
    func contains(_ other: VersionRange) -> Bool {
        guard other.lowest >= lowest else { return false }
        guard let highest else { return true }
        guard let otherHighest = other.highest else { return false }
        return otherHighest <= highest
    }

    /// The Swift condition on `coder.version` that holds for the versions of this range within
    /// `scope`, or nil when it holds for all of them.
    func condition(within scope: VersionRange) -> String? {
        let range = intersection(scope)
        if range.isEmpty { return "false" }
        let needsLower = range.lowest > scope.lowest
        let needsUpper = range.highest != nil && (scope.highest == nil || range.highest! < scope.highest!)
        switch (needsLower, needsUpper) {
        case (false, false): return nil
        case (true, false): return "coder.version >= \(range.lowest)"
        case (false, true): return "coder.version <= \(range.highest!)"
        case (true, true):
            return range.lowest == range.highest!
                ? "coder.version == \(range.lowest)"
                : "(\(range.lowest)...\(range.highest!)).contains(coder.version)"
        }
    }
}

/// Why generation stopped.
enum GeneratorError: Error, CustomStringConvertible {
    case invalidSchema(String)
    case usage(String)

    var description: String {
        switch self {
        case .invalidSchema(let what): "invalid schema: \(what)"
        case .usage(let text): text
        }
    }
}
