import FastJSON
import Foundation

/// Values as text: Flink's CAST to STRING, the JSON of the HTTP API, and the SQL client's table.
extension SQLValue {
    /// The value as Flink's `CAST(x AS STRING)` prints it, or nil for NULL: DOUBLE as Java's
    /// `Double.toString` (`1.0E10`), DECIMAL with its type's scale, BOOLEAN as `TRUE`, TIMESTAMP(p)
    /// with p fraction digits.
    public func text(as type: SQLType) -> String? {
        switch self {
        case .null: return nil
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .integer(let value): return String(value)
        case .double(let value):
            return type.kind == .float ? JavaNumberText.string(Float(value)) : JavaNumberText.string(value)
        case .decimal(let value):
            if case .decimal(_, let scale) = type.kind { return DecimalMath.text(value, scale: scale) }
            return value.description
        case .string(let value): return value
        case .timestamp(let milliseconds):
            return TimestampText.string(milliseconds, fraction: .digits(Self.timestampPrecision(of: type)))
        case .date(let days):
            let date = CivilTime.date(days: Int64(days))
            var output: [UInt8] = []
            TimestampText.appendDigits(date.year, count: 4, to: &output)
            output.append(UInt8(ascii: "-"))
            TimestampText.appendDigits(date.month, count: 2, to: &output)
            output.append(UInt8(ascii: "-"))
            TimestampText.appendDigits(date.day, count: 2, to: &output)
            return String(decoding: output, as: UTF8.self)
        case .time(let milliseconds):
            let text = TimestampText.string(Int64(milliseconds), fraction: .digits(Self.timestampPrecision(of: type)))
            return String(text.dropFirst(11))
        case .dayTimeInterval(let milliseconds):
            // Flink's `+1 02:03:04.000`.
            let sign = milliseconds < 0 ? "-" : "+"
            let magnitude = milliseconds.magnitude
            let days = magnitude / 86_400_000
            let clock = TimestampText.string(Int64(magnitude % 86_400_000), fraction: .digits(3))
            return "\(sign)\(days) \(clock.dropFirst(11))"
        case .yearMonthInterval(let months):
            let magnitude = months.magnitude
            let monthText = magnitude % 12 < 10 ? "0\(magnitude % 12)" : "\(magnitude % 12)"
            return "\(months < 0 ? "-" : "+")\(magnitude / 12)-\(monthText)"
        case .row(let values):
            let types = Self.fieldTypes(of: type, count: values.count)
            return "(" + zip(values, types).map { $0.text(as: $1) ?? "NULL" }.joined(separator: ", ") + ")"
        case .array(let values):
            let element = Self.elementType(of: type)
            return "[" + values.map { $0.text(as: element) ?? "NULL" }.joined(separator: ", ") + "]"
        case .map(let entries):
            guard case .map(let keyType, let valueType) = type.kind else { return "{}" }
            return "{"
                + entries.map { "\($0.key.text(as: keyType) ?? "NULL")=\($0.value.text(as: valueType) ?? "NULL")" }
                .joined(separator: ", ") + "}"
        }
    }

    /// The value as the SQL client's table shows it: as `text(as:)`, NULL as `<NULL>`.
    public func plainText(as type: SQLType) -> String {
        text(as: type) ?? "<NULL>"
    }

    /// Appends the value's JSON as the HTTP API answers it: integers and DOUBLE as numbers
    /// (NaN and infinities as strings, which JSON has no number for), DECIMAL as a string with the
    /// type's scale (`"12.50"`, exact), timestamps as `"YYYY-MM-DD HH:MM:SS.sss"` in UTC, DATE as
    /// `"YYYY-MM-DD"`, ROW as an object by field name, ARRAY as an array, MAP as an object.
    public func appendJSON(as type: SQLType, to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .boolean(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value):
            if value.isFinite {
                output.append(contentsOf: JavaNumberText.string(value).utf8)
            } else {
                JSONOutput.appendQuoted(JavaNumberText.string(value), to: &output)
            }
        case .timestamp(let milliseconds):
            output.append(UInt8(ascii: "\""))
            TimestampText.append(milliseconds, to: &output, fraction: .digits(3))
            output.append(UInt8(ascii: "\""))
        case .row(let values):
            output.append(UInt8(ascii: "{"))
            let fields: [SQLType.Field] =
                if case .row(let fields) = type.kind { fields } else {
                    values.indices.map { SQLType.Field(name: "f\($0)", type: SQLType(.null)) }
                }
            for (index, (value, field)) in zip(values, fields).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONOutput.appendQuoted(field.name, to: &output)
                output.append(UInt8(ascii: ":"))
                value.appendJSON(as: field.type, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let values):
            output.append(UInt8(ascii: "["))
            let element = Self.elementType(of: type)
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.appendJSON(as: element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .map(let entries):
            output.append(UInt8(ascii: "{"))
            let (keyType, valueType): (SQLType, SQLType) =
                if case .map(let key, let value) = type.kind { (key, value) } else { (.string, .string) }
            for (index, entry) in entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONOutput.appendQuoted(entry.key.text(as: keyType) ?? "null", to: &output)
                output.append(UInt8(ascii: ":"))
                entry.value.appendJSON(as: valueType, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .decimal, .string, .date, .time, .dayTimeInterval, .yearMonthInterval:
            JSONOutput.appendQuoted(text(as: type) ?? "", to: &output)
        }
    }

    /// The fraction digits a timestamp or time type shows.
    static func timestampPrecision(of type: SQLType) -> Int {
        switch type.kind {
        case .timestamp(let precision), .timestampWithLocalTimeZone(let precision), .time(let precision): precision
        default: 3
        }
    }

    static func fieldTypes(of type: SQLType, count: Int) -> [SQLType] {
        if case .row(let fields) = type.kind { return fields.map(\.type) }
        return Array(repeating: SQLType(.null), count: count)
    }

    static func elementType(of type: SQLType) -> SQLType {
        if case .array(let element) = type.kind { return element }
        return SQLType(.null)
    }
}
