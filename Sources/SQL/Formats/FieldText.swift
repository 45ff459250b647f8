import Foundation

/// A field's value from its text, as Flink's JSON and CSV formats read text: Java's strict
/// `Integer.parseInt` of the trimmed text, `Double.parseDouble`, `new BigDecimal` (NULL when it does
/// not fit the precision), `Boolean.parseBoolean` (anything but "true" is false) and timestamps in
/// the SQL or ISO-8601 standard.
enum FieldText {
    /// Which timestamp text a format reads and writes.
    enum TimestampStandard: Sendable {
        /// `2024-01-02 03:04:05.123`, and `...123Z` for TIMESTAMP_LTZ.
        case sql
        /// `2024-01-02T03:04:05.123`, and `...123Z` for TIMESTAMP_LTZ.
        case iso8601
    }

    /// The value of `text` as `type`, or nil when the text is not such a value.
    static func value(_ text: UnsafeRawBufferPointer, as type: SQLType, standard: TimestampStandard) -> SQLValue? {
        switch type.kind {
        case .tinyInt, .smallInt, .integer, .bigInt:
            guard let value = integer(text), SQLValue.wrapped(value, to: type.kind) == value else { return nil }
            return .integer(value)
        case .float, .double:
            let trimmed = Substring(decoding: text, as: UTF8.self).trimmingSpaces()
            guard let value = Double(trimmed) else { return nil }
            return .double(type.kind == .float ? Double(Float(value)) : value)
        case .decimal(let precision, let scale):
            guard let value = DecimalMath.parse(Substring(decoding: text, as: UTF8.self)) else { return nil }
            return DecimalMath.fitted(value, precision: precision, scale: scale).map { .decimal($0) } ?? .null
        case .boolean:
            return .boolean(Substring(decoding: text, as: UTF8.self).trimmingSpaces().lowercased() == "true")
        case .char, .varchar:
            return .string(String(decoding: text, as: UTF8.self))
        case .timestamp:
            let separator: TimestampText.Separator = standard == .sql ? .space : .letterT
            return TimestampText.parse(text, separator: separator, requiresTime: true, zoneSuffix: false).map {
                .timestamp($0)
            }
        case .timestampWithLocalTimeZone:
            let separator: TimestampText.Separator = standard == .sql ? .space : .letterT
            return TimestampText.parse(text, separator: separator, requiresTime: true, zoneSuffix: true).map {
                .timestamp($0)
            }
        case .date:
            guard text.count == 10, let milliseconds = TimestampText.parse(text, zoneSuffix: false) else { return nil }
            return .date(Int32(milliseconds / CivilTime.millisecondsPerDay))
        default:
            return nil
        }
    }

    /// Java's `Long.parseLong` of the trimmed text: an optional sign and decimal digits.
    static func integer(_ text: UnsafeRawBufferPointer) -> Int64? {
        var start = 0
        var end = text.count
        while start < end, text[start] <= 0x20 { start += 1 }
        while end > start, text[end - 1] <= 0x20 { end -= 1 }
        guard start < end else { return nil }
        var negative = false
        if text[start] == UInt8(ascii: "-") || text[start] == UInt8(ascii: "+") {
            negative = text[start] == UInt8(ascii: "-")
            start += 1
        }
        guard start < end else { return nil }
        var value: Int64 = 0
        for index in start..<end {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (multiplied, overflow) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) =
                negative
                ? multiplied.subtractingReportingOverflow(Int64(digit))
                : multiplied.addingReportingOverflow(Int64(digit))
            guard !overflow, !overflow2 else { return nil }
            value = added
        }
        return value
    }

    /// Appends a timestamp as the formats write it: the fraction only as long as needed, as
    /// `java.time`'s `appendFraction(NANO_OF_SECOND, 0, 9, true)`, and `Z` after a TIMESTAMP_LTZ.
    static func appendTimestamp(
        _ milliseconds: Int64,
        isLocalTimeZone: Bool,
        standard: TimestampStandard,
        to output: inout [UInt8]
    ) {
        TimestampText.append(
            milliseconds,
            to: &output,
            separator: standard == .sql ? UInt8(ascii: " ") : UInt8(ascii: "T"),
            fraction: .minimal,
            suffix: isLocalTimeZone ? UInt8(ascii: "Z") : nil
        )
    }
}
