import FastJSON
import Foundation

/// Flink's `'format' = 'json'`: one JSON object per record, fields by column name.
///
/// Decoding scans the record once with FastJSON's scanner and matches keys against the columns'
/// UTF-8 names, so that a field costs no `String` unless it is a STRING column.
public struct JSONRowFormat: RowFormat {
    public let columns: [SQLType.Field]
    /// A malformed record is skipped (`decode` returns nil) rather than an error.
    public let ignoresParseErrors: Bool
    /// A missing field is an error rather than NULL.
    public let failsOnMissingField: Bool
    /// NULL fields are left out of encoded records.
    public let ignoresNullFields: Bool
    /// DECIMAL values are written without an exponent.
    public let writesPlainDecimals: Bool
    let standard: FieldText.TimestampStandard
    private let root: ObjectShape

    static let supportedOptions: Set<String> = [
        "json.ignore-parse-errors", "json.fail-on-missing-field", "json.timestamp-format.standard",
        "json.encode.ignore-null-fields", "json.encode.decimal-as-plain-number", "json.map-null-key.mode",
        "json.map-null-key.literal",
    ]

    /// The fields of one JSON object: the columns of the row, or of a nested ROW.
    final class ObjectShape: Sendable {
        let fields: [SQLType.Field]
        let names: [[UInt8]]
        /// `"name":` ready to append when encoding.
        let encodedKeys: [[UInt8]]
        let nested: [ObjectShape?]

        init(_ fields: [SQLType.Field]) {
            self.fields = fields
            names = fields.map { Array($0.name.utf8) }
            encodedKeys = fields.map { field in
                var key: [UInt8] = []
                JSONOutput.appendQuoted(field.name, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
            nested = fields.map { Self.shape(of: $0.type) }
        }

        static func shape(of type: SQLType) -> ObjectShape? {
            switch type.kind {
            case .row(let fields): ObjectShape(fields)
            case .array(let element): shape(of: element)
            default: nil
            }
        }
    }

    public init(columns: [SQLType.Field], options: [String: String] = [:]) throws(SQLError) {
        try RowFormats.checkOptions(options, format: "json", supported: Self.supportedOptions)
        self.columns = columns
        ignoresParseErrors = try RowFormats.flag(options, "json.ignore-parse-errors")
        failsOnMissingField = try RowFormats.flag(options, "json.fail-on-missing-field")
        ignoresNullFields = try RowFormats.flag(options, "json.encode.ignore-null-fields")
        writesPlainDecimals = try RowFormats.flag(options, "json.encode.decimal-as-plain-number")
        if ignoresParseErrors && failsOnMissingField {
            throw .validation("fail-on-missing-field and ignore-parse-errors shouldn't both be true.")
        }
        switch options["json.timestamp-format.standard"]?.uppercased() ?? "SQL" {
        case "SQL": standard = .sql
        case "ISO-8601": standard = .iso8601
        case let other:
            throw .validation(
                "Unsupported value '\(other)' for json.timestamp-format.standard. Supported values are [SQL, ISO-8601]."
            )
        }
        root = ObjectShape(columns)
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) throws(SQLError) -> SQLRow? {
        do throws(SQLError) {
            var scanner = JSONScanner(bytes: bytes)
            scanner.skipWhitespace()
            guard scanner.current == UInt8(ascii: "{") else {
                throw SQLError(.execution, "Failed to deserialize JSON: the record is not a JSON object")
            }
            let row = try decodeObject(&scanner, shape: root, path: "")
            scanner.skipWhitespace()
            guard scanner.current == nil else {
                throw SQLError(
                    .execution,
                    "Failed to deserialize JSON: invalid JSON at byte \(scanner.index): text after the object"
                )
            }
            return row
        } catch {
            if ignoresParseErrors { return nil }
            throw error
        }
    }

    /// The values of the object at the scanner, by the shape's field names; moves past it.
    private func decodeObject(_ scanner: inout JSONScanner, shape: ObjectShape, path: String) throws(SQLError) -> SQLRow
    {
        let count = shape.fields.count
        return try withUnsafeTemporaryAllocation(
            of: (start: Int, end: Int, escapes: Bool).self,
            capacity: max(count, 1)
        ) {
            slots throws(SQLError) -> SQLRow in
            for index in 0..<count { slots[index] = (-1, -1, false) }
            let reader = scanner
            var nextGuess = 0
            do throws(JSONSyntaxError) {
                try scanner.scanObject(depth: 0) { field in
                    // Producers usually write fields in column order: try the next column first.
                    var candidate = nextGuess
                    for _ in 0..<count {
                        if candidate >= count { candidate = 0 }
                        let matches = shape.names[candidate].withUnsafeBufferPointer { name in
                            field.keyHasEscapes
                                ? (try? reader.string(in: field.key, hasEscapes: true))?.utf8.elementsEqual(name)
                                    == true
                                : reader.bytes(in: field.key, equal: name)
                        }
                        if matches {
                            // A key given twice takes its last value, as Flink's JSON reader (Jackson).
                            slots[candidate] = (field.valueStart, field.valueEnd, field.valueHasEscapes)
                            nextGuess = candidate + 1
                            return
                        }
                        candidate += 1
                    }
                }
            } catch {
                throw SQLError(.execution, "Failed to deserialize JSON: \(error.description)")
            }
            var row: SQLRow = []
            row.reserveCapacity(count)
            for index in 0..<count {
                let field = shape.fields[index]
                let slot = slots[index]
                guard slot.start >= 0 else {
                    if failsOnMissingField {
                        throw SQLError(
                            .execution,
                            "Failed to deserialize JSON: could not find field with name '\(path)\(field.name)'"
                        )
                    }
                    row.append(.null)
                    continue
                }
                row.append(
                    try decodeValue(
                        reader.bytes,
                        slot.start,
                        slot.end,
                        slot.escapes,
                        type: field.type,
                        nested: shape.nested[index],
                        path: path + field.name
                    )
                )
            }
            return row
        }
    }

    private func decodeValue(
        _ bytes: UnsafeRawBufferPointer,
        _ start: Int,
        _ end: Int,
        _ hasEscapes: Bool,
        type: SQLType,
        nested: ObjectShape?,
        path: String
    ) throws(SQLError) -> SQLValue {
        let first = bytes[start]
        if first == UInt8(ascii: "n") { return .null }
        var scanner = JSONScanner(bytes: bytes, index: start)
        let wrongType = { (expected: String) -> SQLError in
            let found = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<min(end, start + 64)]),
                as: UTF8.self
            )
            return SQLError(
                .execution,
                "Failed to deserialize JSON: field '\(path)' expects \(expected), found \(found)"
            )
        }
        let isString = first == UInt8(ascii: "\"")
        // The value's text as Jackson's `asText` gives it: a string's content, a scalar's JSON.
        let textRange = isString ? start + 1..<end - 1 : start..<end
        switch type.kind {
        case .char, .varchar:
            guard isString else {
                return .string(Self.compactText(UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
            }
            do throws(JSONSyntaxError) {
                return .string(try scanner.string(in: textRange, hasEscapes: hasEscapes))
            } catch {
                throw SQLError(.execution, "Failed to deserialize JSON: \(error.description)")
            }
        case .boolean:
            if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") { return .boolean(first == UInt8(ascii: "t")) }
            return FieldText.value(UnsafeRawBufferPointer(rebasing: bytes[textRange]), as: type, standard: standard)
                ?? .boolean(false)
        case .integer, .bigInt:
            if !isString, first != UInt8(ascii: "t"), first != UInt8(ascii: "f"), first != UInt8(ascii: "{"),
                first != UInt8(ascii: "[")
            {
                // Jackson's canConvertToInt/asInt: a number in range, its fraction truncated.
                if let value = FieldText.integer(UnsafeRawBufferPointer(rebasing: bytes[textRange])) {
                    guard SQLValue.wrapped(value, to: type.kind) == value else {
                        throw wrongType(type.kind.description)
                    }
                    return .integer(value)
                }
                guard
                    let double = Double(
                        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[textRange]), as: UTF8.self)
                    ),
                    let value = Int64(exactly: double.rounded(.towardZero)),
                    SQLValue.wrapped(value, to: type.kind) == value
                else { throw wrongType(type.kind.description) }
                return .integer(value)
            }
            guard isString,
                let value = FieldText.value(
                    UnsafeRawBufferPointer(rebasing: bytes[textRange]),
                    as: type,
                    standard: standard
                )
            else {
                throw wrongType(type.kind.description)
            }
            return value
        case .row:
            guard first == UInt8(ascii: "{"), let nested else { throw wrongType("an object for \(type.kind)") }
            return .row(try decodeObject(&scanner, shape: nested, path: path + "."))
        case .array(let element):
            guard first == UInt8(ascii: "[") else { throw wrongType("an array for \(type.kind)") }
            var elements: [SQLValue] = []
            scanner.index += 1
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "]") { return .array([]) }
            while true {
                scanner.skipWhitespace()
                let elementStart = scanner.index
                let elementEscapes = try Self.syntax { () throws(JSONSyntaxError) -> Bool in
                    if scanner.current == UInt8(ascii: "\"") { return try scanner.skipString().hasEscapes }
                    try scanner.skipValue()
                    return false
                }
                elements.append(
                    try decodeValue(
                        bytes,
                        elementStart,
                        scanner.index,
                        elementEscapes,
                        type: element,
                        nested: nested,
                        path: path + "[\(elements.count)]"
                    )
                )
                scanner.skipWhitespace()
                let separator = scanner.current
                scanner.index += 1
                if separator == UInt8(ascii: "]") { break }
            }
            return .array(elements)
        case .map(let keyType, let valueType):
            guard first == UInt8(ascii: "{") else { throw wrongType("an object for \(type.kind)") }
            var fields: [JSONField] = []
            do throws(JSONSyntaxError) {
                try scanner.scanObject(depth: 0) { fields.append($0) }
            } catch {
                throw SQLError(.execution, "Failed to deserialize JSON: \(error.description)")
            }
            var entries: [SQLMapEntry] = []
            for field in fields {
                let keyText: String
                do throws(JSONSyntaxError) {
                    keyText = try scanner.string(in: field.key, hasEscapes: field.keyHasEscapes)
                } catch {
                    throw SQLError(.execution, "Failed to deserialize JSON: \(error.description)")
                }
                var keyCopy = keyText
                let key =
                    keyCopy.withUTF8 { FieldText.value(UnsafeRawBufferPointer($0), as: keyType, standard: standard) }
                    ?? .null
                let value = try decodeValue(
                    bytes,
                    field.valueStart,
                    field.valueEnd,
                    field.valueHasEscapes,
                    type: valueType,
                    nested: ObjectShape.shape(of: valueType),
                    path: path + "." + keyText
                )
                entries.append(SQLMapEntry(key: key, value: value))
            }
            return .map(entries)
        default:
            guard first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
                let value = FieldText.value(
                    UnsafeRawBufferPointer(rebasing: bytes[textRange]),
                    as: type,
                    standard: standard
                )
            else { throw wrongType(type.kind.description) }
            if !isString, type.isTimestamp || type.kind == .date { throw wrongType(type.kind.description) }
            return value
        }
    }

    /// A JSON value's text without the whitespace between tokens, as Jackson's `toString` of a
    /// node gives it for a STRING column fed an object or an array.
    static func compactText(_ bytes: UnsafeRawBufferPointer) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var inString = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    output.append(bytes[index + 1])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
            } else if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A DECIMAL as Flink's JSON writes it: Jackson's node factory strips trailing zeros (12.50 is
    /// 12.5) and `BigDecimal.toString` then writes 100 as `1E+2`, unless plain numbers are asked
    /// for with 'json.encode.decimal-as-plain-number'.
    static func normalizedText(_ value: Decimal, plain: Bool) -> String {
        guard value != 0 else { return "0" }
        var digits = value.magnitude.description
        var exponent = 0
        if let point = digits.firstIndex(of: ".") {
            exponent = -digits.distance(from: point, to: digits.endIndex) + 1
            digits.remove(at: point)
        }
        digits = String(digits.drop { $0 == "0" })
        while digits.count > 1, digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        let sign = value < 0 ? "-" : ""
        let adjusted = digits.count - 1 + exponent
        if plain || (exponent <= 0 && adjusted >= -6) {
            if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
            let fraction = -exponent
            if fraction >= digits.count {
                return sign + "0." + String(repeating: "0", count: fraction - digits.count) + digits
            }
            let split = digits.index(digits.endIndex, offsetBy: -fraction)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let mantissa = digits.count > 1 ? String(digits.prefix(1)) + "." + digits.dropFirst() : digits
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
    }

    /// The result of a scanner call, its syntax error as a deserialization error.
    private static func syntax<Result>(_ body: () throws(JSONSyntaxError) -> Result) throws(SQLError) -> Result {
        do throws(JSONSyntaxError) {
            return try body()
        } catch {
            throw SQLError(.execution, "Failed to deserialize JSON: \(error.description)")
        }
    }

    public func encode(_ row: SQLRow) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 * columns.count)
        encodeObject(row, shape: root, to: &output)
        return output
    }

    private func encodeObject(_ values: [SQLValue], shape: ObjectShape, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        var isFirst = true
        for (index, value) in values.enumerated() where index < shape.fields.count {
            if ignoresNullFields && value.isNull { continue }
            if !isFirst { output.append(UInt8(ascii: ",")) }
            isFirst = false
            output.append(contentsOf: shape.encodedKeys[index])
            encodeValue(value, type: shape.fields[index].type, nested: shape.nested[index], to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private func encodeValue(_ value: SQLValue, type: SQLType, nested: ObjectShape?, to output: inout [UInt8]) {
        switch value {
        case .timestamp(let milliseconds):
            output.append(UInt8(ascii: "\""))
            var isLocalTimeZone = false
            if case .timestampWithLocalTimeZone = type.kind { isLocalTimeZone = true }
            FieldText.appendTimestamp(
                milliseconds,
                isLocalTimeZone: isLocalTimeZone,
                standard: standard,
                to: &output
            )
            output.append(UInt8(ascii: "\""))
        case .decimal(let decimal):
            output.append(contentsOf: Self.normalizedText(decimal, plain: writesPlainDecimals).utf8)
        case .double(let double) where double.isFinite:
            output.append(contentsOf: JavaNumberText.string(double).utf8)
        case .row(let fields):
            guard let nested else { return value.appendJSON(as: type, to: &output) }
            encodeObject(fields, shape: nested, to: &output)
        case .array(let elements):
            let element = SQLValue.elementType(of: type)
            output.append(UInt8(ascii: "["))
            for (index, item) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                encodeValue(item, type: element, nested: nested, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .string(let text):
            JSONOutput.appendQuoted(text, to: &output)
        default:
            value.appendJSON(as: type, to: &output)
        }
    }
}
