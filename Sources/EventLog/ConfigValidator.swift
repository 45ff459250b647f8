/// The rule a config value must follow, as Kafka's `ConfigDef` states it, with its error messages.
enum ConfigValidator: Sendable {
    /// A 64-bit integer within the bounds.
    case long(minimum: Int64?, maximum: Int64? = nil)
    /// A 32-bit integer within the bounds.
    case int(minimum: Int64?, maximum: Int64? = nil)
    /// A number within the bounds.
    case double(minimum: Double, maximum: Double)
    case boolean
    /// One of the strings, as written.
    case choice([String])
    /// A comma-separated list whose items, trimmed, are among `items` (any item when nil).
    case list(items: [String]?)
    /// Kafka's gzip levels: 1 to 9, or -1 for the codec's default.
    case gzipLevel
    /// Any string.
    case string

    /// Throws Kafka's INVALID_CONFIG answer unless `value` follows the rule.
    func check(_ value: String, for key: String) throws(EventLogError) {
        let trimmed = value.trimmingWhitespace
        switch self {
        case .long(let minimum, let maximum):
            guard let number = Int64(trimmed) else {
                throw .invalidConfiguration(key: key, value: value, reason: "Not a number of type LONG")
            }
            try Self.checkRange(number, minimum: minimum, maximum: maximum, key: key, value: value)
        case .int(let minimum, let maximum):
            guard let number = Int32(trimmed) else {
                throw .invalidConfiguration(key: key, value: value, reason: "Not a number of type INT")
            }
            try Self.checkRange(Int64(number), minimum: minimum, maximum: maximum, key: key, value: value)
        case .double(let minimum, let maximum):
            guard let number = Double(trimmed), number.isFinite else {
                throw .invalidConfiguration(key: key, value: value, reason: "Not a number of type DOUBLE")
            }
            // Kafka states these bounds as integers: "Value must be at least 0".
            if number < minimum {
                throw .invalidConfiguration(key: key, value: value, reason: "Value must be at least \(Int(minimum))")
            }
            if number > maximum {
                throw .invalidConfiguration(
                    key: key,
                    value: value,
                    reason: "Value must be no more than \(Int(maximum))"
                )
            }
        case .boolean:
            guard ["true", "false"].contains(trimmed.lowercased()) else {
                throw .invalidConfiguration(key: key, value: value, reason: "Expected value to be either true or false")
            }
        case .choice(let choices):
            guard choices.contains(trimmed) else {
                throw .invalidConfiguration(
                    key: key,
                    value: value,
                    reason: "String must be one of: \(choices.joined(separator: ", "))"
                )
            }
        case .list(let items):
            guard let items else { return }
            for item in Self.listItems(value) where !items.contains(item) {
                throw .invalidConfiguration(
                    key: key,
                    value: value,
                    reason: "String must be one of: \(items.joined(separator: ", "))"
                )
            }
        case .gzipLevel:
            guard let level = Int32(trimmed), level == -1 || (1...9).contains(level) else {
                throw .invalidConfiguration(key: key, value: value, reason: "Value must be between 1 and 9, or -1")
            }
        case .string:
            return
        }
    }

    /// The trimmed, non-empty items of a comma-separated list value.
    static func listItems(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    private static func checkRange(
        _ number: Int64,
        minimum: Int64?,
        maximum: Int64?,
        key: String,
        value: String
    ) throws(EventLogError) {
        if let minimum, number < minimum {
            throw .invalidConfiguration(key: key, value: value, reason: "Value must be at least \(minimum)")
        }
        if let maximum, number > maximum {
            throw .invalidConfiguration(key: key, value: value, reason: "Value must be no more than \(maximum)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks, as Kafka trims numbers.
    var trimmingWhitespace: String {
        var characters = Substring(self)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
