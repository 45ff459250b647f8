/// Flink's `'format' = 'csv'`: one line per record, columns by position.
public struct CSVRowFormat: RowFormat {
    public let columns: [SQLType.Field]
    public let fieldDelimiter: UInt8
    /// The quote byte, nil when quoting is disabled.
    public let quoteCharacter: UInt8?
    public let escapeCharacter: UInt8?
    /// Lines starting with `#` are skipped.
    public let allowsComments: Bool
    /// A field that does not parse is NULL, and a line of the wrong length is skipped, rather
    /// than an error.
    public let ignoresParseErrors: Bool
    /// Text that stands for NULL (none by default).
    public let nullLiteral: String?
    public let arrayElementDelimiter: String

    static let supportedOptions: Set<String> = [
        "csv.field-delimiter", "csv.quote-character", "csv.disable-quote-character", "csv.allow-comments",
        "csv.ignore-parse-errors", "csv.null-literal", "csv.escape-character", "csv.array-element-delimiter",
    ]

    public init(columns: [SQLType.Field], options: [String: String] = [:]) throws(SQLError) {
        try RowFormats.checkOptions(options, format: "csv", supported: Self.supportedOptions)
        for column in columns {
            switch column.type.kind {
            case .row, .map: throw .unsupported("\(column.type.kind) column '\(column.name)' in the csv format")
            default: break
            }
        }
        self.columns = columns
        fieldDelimiter = try Self.singleByte(options, "csv.field-delimiter", default: ",")!
        quoteCharacter =
            try RowFormats.flag(options, "csv.disable-quote-character")
            ? nil : try Self.singleByte(options, "csv.quote-character", default: "\"")
        escapeCharacter = try Self.singleByte(options, "csv.escape-character", default: nil)
        allowsComments = try RowFormats.flag(options, "csv.allow-comments")
        ignoresParseErrors = try RowFormats.flag(options, "csv.ignore-parse-errors")
        nullLiteral = options["csv.null-literal"]
        arrayElementDelimiter = options["csv.array-element-delimiter"] ?? ";"
    }

    private static func singleByte(
        _ options: [String: String],
        _ key: String,
        default fallback: String?
    )
        throws(SQLError) -> UInt8?
    {
        guard let text = options[key] ?? fallback else { return nil }
        let value = text == "\\t" ? "\t" : text
        guard value.utf8.count == 1, let byte = value.utf8.first else {
            throw .validation("Option '\(key)' must be a single character, not '\(text)'")
        }
        return byte
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) throws(SQLError) -> SQLRow? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if allowsComments, line.first == UInt8(ascii: "#") { return nil }
        if line.isEmpty && columns.count > 1 { return nil }
        let fields = split(line)
        guard fields.count == columns.count else {
            if ignoresParseErrors { return nil }
            throw SQLError(
                .execution,
                "Failed to deserialize CSV row: expected \(columns.count) fields, found \(fields.count)"
            )
        }
        var row: SQLRow = []
        row.reserveCapacity(columns.count)
        for (field, column) in zip(fields, columns) {
            row.append(try value(field.text, wasQuoted: field.wasQuoted, column: column))
        }
        return row
    }

    private func value(_ text: [UInt8], wasQuoted: Bool, column: SQLType.Field) throws(SQLError) -> SQLValue {
        if let nullLiteral, text.elementsEqual(nullLiteral.utf8) { return .null }
        if !column.type.isCharacterString && text.allSatisfy({ $0 <= 0x20 }) { return .null }
        if case .array(let element) = column.type.kind {
            var elements: [SQLValue] = []
            for part in String(decoding: text, as: UTF8.self).components(separatedBy: arrayElementDelimiter) {
                elements.append(
                    try value(
                        Array(part.utf8),
                        wasQuoted: false,
                        column: SQLType.Field(name: column.name, type: element)
                    )
                )
            }
            return .array(elements)
        }
        let parsed = text.withUnsafeBytes { FieldText.value($0, as: column.type, standard: .sql) }
        if let parsed { return parsed }
        if ignoresParseErrors { return .null }
        throw SQLError(
            .execution,
            "Failed to deserialize CSV row: field '\(column.name)' expects \(column.type.kind), found '\(String(decoding: text, as: UTF8.self))'"
        )
    }

    /// The fields of a line, unquoted: a doubled quote inside quotes is one quote.
    private func split(_ line: UnsafeRawBufferPointer) -> [(text: [UInt8], wasQuoted: Bool)] {
        var fields: [(text: [UInt8], wasQuoted: Bool)] = []
        var current: [UInt8] = []
        var wasQuoted = false
        var inQuotes = false
        var index = 0
        while index < line.count {
            let byte = line[index]
            if let escapeCharacter, byte == escapeCharacter, index + 1 < line.count {
                current.append(line[index + 1])
                index += 2
                continue
            }
            if inQuotes {
                if byte == quoteCharacter {
                    if index + 1 < line.count, line[index + 1] == quoteCharacter {
                        current.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(byte)
                }
            } else if byte == fieldDelimiter {
                fields.append((current, wasQuoted))
                current = []
                wasQuoted = false
            } else if byte == quoteCharacter, current.isEmpty {
                inQuotes = true
                wasQuoted = true
            } else {
                current.append(byte)
            }
            index += 1
        }
        fields.append((current, wasQuoted))
        return fields
    }

    public func encode(_ row: SQLRow) -> [UInt8] {
        var output: [UInt8] = []
        for (index, (value, column)) in zip(row, columns).enumerated() {
            if index > 0 { output.append(fieldDelimiter) }
            appendField(text(value, type: column.type), to: &output)
        }
        return output
    }

    private func text(_ value: SQLValue, type: SQLType) -> String? {
        switch value {
        case .null: return nil
        case .boolean(let flag): return flag ? "true" : "false"
        case .timestamp(let milliseconds):
            var output: [UInt8] = []
            var isLocalTimeZone = false
            if case .timestampWithLocalTimeZone = type.kind { isLocalTimeZone = true }
            FieldText.appendTimestamp(milliseconds, isLocalTimeZone: isLocalTimeZone, standard: .sql, to: &output)
            return String(decoding: output, as: UTF8.self)
        case .array(let elements):
            let element = SQLValue.elementType(of: type)
            return elements.map { text($0, type: element) ?? nullLiteral ?? "" }.joined(
                separator: arrayElementDelimiter
            )
        default:
            return value.text(as: type)
        }
    }

    private func appendField(_ text: String?, to output: inout [UInt8]) {
        guard let text else {
            output.append(contentsOf: (nullLiteral ?? "").utf8)
            return
        }
        let needsQuotes =
            quoteCharacter != nil
            && text.utf8.contains {
                $0 == fieldDelimiter || $0 == quoteCharacter || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
            }
        guard needsQuotes, let quoteCharacter else {
            output.append(contentsOf: text.utf8)
            return
        }
        output.append(quoteCharacter)
        for byte in text.utf8 {
            if byte == quoteCharacter { output.append(quoteCharacter) }
            output.append(byte)
        }
        output.append(quoteCharacter)
    }
}
