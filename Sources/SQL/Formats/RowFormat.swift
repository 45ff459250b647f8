/// How the records of a topic hold rows: decoded when a table is read, encoded when a query
/// writes to a table.
public protocol RowFormat: Sendable {
    /// The row of one record, one value per physical column; nil when the record is skipped
    /// because it is malformed and the table ignores parse errors; an `.execution` error naming
    /// the field and the value otherwise.
    func decode(_ bytes: UnsafeRawBufferPointer) throws(SQLError) -> SQLRow?

    /// The record of a row.
    func encode(_ row: SQLRow) -> [UInt8]
}

/// The formats of `'format' = ...` in a table's WITH options.
public enum RowFormats {
    /// The format named `format` for `columns`, configured by the options that start with the
    /// format's name (`json.ignore-parse-errors`); other options belong to the connector and are
    /// ignored here. Throws for an unknown format or an unknown option of the format, as Flink.
    public static func make(
        format: String,
        columns: [SQLType.Field],
        options: [String: String]
    ) throws(SQLError) -> any RowFormat {
        let prefix = format + "."
        let formatOptions = options.filter { $0.key.hasPrefix(prefix) }
        switch format {
        case "json": return try JSONRowFormat(columns: columns, options: formatOptions)
        case "csv": return try CSVRowFormat(columns: columns, options: formatOptions)
        default:
            throw .validation(
                "Could not find any format factory for identifier '\(format)' (available: csv, json)"
            )
        }
    }

    /// Throws Flink's "Unsupported options found" for keys outside `supported`.
    static func checkOptions(_ options: [String: String], format: String, supported: Set<String>) throws(SQLError) {
        let unknown = options.keys.filter { !supported.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .validation(
                "Unsupported options found for '\(format)': \(unknown.joined(separator: ", ")) (supported: "
                    + supported.sorted().joined(separator: ", ") + ")"
            )
        }
    }

    /// A boolean option, `false` when absent; a validation error for anything but true or false.
    static func flag(_ options: [String: String], _ key: String) throws(SQLError) -> Bool {
        guard let value = options[key] else { return false }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .validation("Invalid value for option '\(key)': '\(value)' (expected true or false)")
        }
    }
}
