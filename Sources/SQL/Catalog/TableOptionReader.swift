/// Reads a WITH clause's options one by one, so that whatever no connector or format took is
/// refused by name at the end (Flink's "Unsupported options found").
struct TableOptionReader {
    private var remaining: [String: TableOption]
    private let locations: [String: SourceLocation]
    let statementLocation: SourceLocation

    init(options: [TableOption], at location: SourceLocation) {
        remaining = Dictionary(options.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        locations = remaining.mapValues(\.location)
        statementLocation = location
    }

    /// Where the option `key` was written, or the statement when it was not.
    func location(of key: String) -> SourceLocation { locations[key] ?? statementLocation }

    func has(_ key: String) -> Bool { locations[key] != nil }

    /// The value of `key`, taken; nil when the option is absent.
    mutating func optional(_ key: String) -> String? { remaining.removeValue(forKey: key)?.value }

    /// The value of `key`, taken; an error when it is absent.
    mutating func required(_ key: String) throws(SQLError) -> String {
        if let value = optional(key) { return value }
        throw .validation("Missing required option '\(key)'", at: statementLocation)
    }

    /// Every option starting with `prefix`, taken, keyed without the prefix.
    mutating func takePrefixed(_ prefix: String) -> [String: String] {
        var taken: [String: String] = [:]
        for key in remaining.keys where key.hasPrefix(prefix) {
            taken[String(key.dropFirst(prefix.count))] = remaining.removeValue(forKey: key)?.value
        }
        return taken
    }

    /// Refuses whatever was not taken, naming every such option.
    func refuseUnused(connector: String) throws(SQLError) {
        // `properties.*` are Kafka client settings: Flink passes them through and so do we.
        let unused = remaining.keys.filter { !$0.hasPrefix("properties.") }.sorted()
        guard let first = unused.first else { return }
        throw .validation(
            "Unsupported options found for '\(connector)': " + unused.joined(separator: ", "),
            at: location(of: first)
        )
    }
}
