import Foundation

/// CAST between types as Flink 2 does it: numbers narrow with Java's wrap-around, DECIMAL rounds
/// HALF_UP (a number too large for the DECIMAL is NULL), strings are trimmed and parsed (`'1.5'` to
/// INT is 1), and text that does not parse or fit is an error (TRY_CAST turns it into NULL).
public enum ValueCast {
    /// A conversion of non-NULL values of one type to another.
    public typealias Conversion = @Sendable (SQLValue) throws(SQLError) -> SQLValue

    /// The conversion from `source` to `target`, or nil when Flink refuses that CAST.
    public static func conversion(from source: SQLType, to target: SQLType) -> Conversion? {
        if source.kind == target.kind || source.kind == .null { return { value throws(SQLError) in value } }
        let sourceKind = source.kind
        switch target.kind {
        case .varchar, .char:
            var length = SQLType.maximumLength
            if case .varchar(let limit) = target.kind { length = limit }
            if case .char(let limit) = target.kind { length = limit }
            let maximum = length
            return { value throws(SQLError) in
                guard let text = value.text(as: source) else { return .null }
                return .string(text.count > maximum ? String(text.prefix(maximum)) : text)
            }
        case .boolean:
            if source.isCharacterString { return { value throws(SQLError) in try parseBoolean(value, target) } }
            if source.isNumeric { return { value throws(SQLError) in .boolean((value.doubleValue ?? 0) != 0) } }
            return nil
        case .tinyInt, .smallInt, .integer, .bigInt:
            let kind = target.kind
            if source.isCharacterString {
                return { value throws(SQLError) in
                    guard case .string(let text) = value, let parsed = parseInteger(Substring(text)) else {
                        throw invalid(value, target)
                    }
                    guard SQLValue.wrapped(parsed, to: kind) == parsed else { throw invalid(value, target) }
                    return .integer(parsed)
                }
            }
            if source.isNumeric || sourceKind == .boolean {
                return { value throws(SQLError) in
                    if case .double(let double) = value, kind != .bigInt {
                        // Java's `(int) double` saturates at the int range, it does not wrap.
                        let limit = Double(Int32.max)
                        let saturated = double.isNaN ? 0 : max(-limit - 1, min(limit, double.rounded(.towardZero)))
                        return .integer(SQLValue.wrapped(Int64(saturated), to: kind))
                    }
                    return value.integerValue.map { .integer(SQLValue.wrapped($0, to: kind)) } ?? .null
                }
            }
            return nil
        case .float, .double:
            let isFloat = target.kind == .float
            if source.isCharacterString {
                return { value throws(SQLError) in
                    guard case .string(let text) = value, let parsed = Double(String(Substring(text).trimmingSpaces()))
                    else { throw invalid(value, target) }
                    return .double(isFloat ? Double(Float(parsed)) : parsed)
                }
            }
            if source.isNumeric || sourceKind == .boolean {
                return { value throws(SQLError) in
                    let double = value.doubleValue ?? (value.integerValue.map(Double.init) ?? 0)
                    return .double(isFloat ? Double(Float(double)) : double)
                }
            }
            return nil
        case .decimal(let precision, let scale):
            if source.isCharacterString {
                return { value throws(SQLError) in
                    guard case .string(let text) = value, let parsed = DecimalMath.parse(Substring(text)) else {
                        throw invalid(value, target)
                    }
                    guard let fitted = DecimalMath.fitted(parsed, precision: precision, scale: scale) else {
                        throw overflow(value, source, target)
                    }
                    return .decimal(fitted)
                }
            }
            if source.isNumeric || sourceKind == .boolean {
                // Flink's numeric to DECIMAL is NULL when the value does not fit (or is not finite).
                return { value throws(SQLError) in
                    guard let decimal = value.decimalValue ?? value.integerValue.map({ Decimal($0) }),
                        let fitted = DecimalMath.fitted(decimal, precision: precision, scale: scale)
                    else { return .null }
                    return .decimal(fitted)
                }
            }
            return nil
        case .timestamp(let precision), .timestampWithLocalTimeZone(let precision):
            let truncation = precision >= 3 ? 1 : Int64([1000, 100, 10][precision])
            if source.isCharacterString {
                return { value throws(SQLError) in
                    guard case .string(let text) = value, let milliseconds = TimestampText.parse(text) else {
                        throw invalid(value, target)
                    }
                    return .timestamp(truncated(milliseconds, to: truncation))
                }
            }
            if source.isTimestamp {
                return { value throws(SQLError) in
                    guard case .timestamp(let milliseconds) = value else { return value }
                    return .timestamp(truncated(milliseconds, to: truncation))
                }
            }
            if sourceKind == .date {
                return { value throws(SQLError) in
                    guard case .date(let days) = value else { return value }
                    return .timestamp(Int64(days) * CivilTime.millisecondsPerDay)
                }
            }
            return nil
        case .date:
            if source.isCharacterString {
                return { value throws(SQLError) in
                    guard case .string(let text) = value, let milliseconds = TimestampText.parse(text) else {
                        throw invalid(value, target)
                    }
                    return .date(Int32(CivilTime.floorDivision(milliseconds, CivilTime.millisecondsPerDay).quotient))
                }
            }
            if source.isTimestamp {
                return { value throws(SQLError) in
                    guard case .timestamp(let milliseconds) = value else { return value }
                    return .date(Int32(CivilTime.floorDivision(milliseconds, CivilTime.millisecondsPerDay).quotient))
                }
            }
            return nil
        case .row(let targetFields):
            guard case .row(let sourceFields) = sourceKind, sourceFields.count == targetFields.count else { return nil }
            var conversions: [Conversion] = []
            for (from, to) in zip(sourceFields, targetFields) {
                guard let conversion = conversion(from: from.type, to: to.type) else { return nil }
                conversions.append(conversion)
            }
            let fieldConversions = conversions
            return { value throws(SQLError) in
                guard case .row(let values) = value else { return value }
                var converted: [SQLValue] = []
                for (field, conversion) in zip(values, fieldConversions) {
                    converted.append(field.isNull ? .null : try conversion(field))
                }
                return .row(converted)
            }
        case .array(let targetElement):
            guard case .array(let sourceElement) = sourceKind,
                let elementConversion = conversion(from: sourceElement, to: targetElement)
            else { return nil }
            return { value throws(SQLError) in
                guard case .array(let values) = value else { return value }
                var converted: [SQLValue] = []
                for element in values { converted.append(element.isNull ? .null : try elementConversion(element)) }
                return .array(converted)
            }
        default:
            return nil
        }
    }

    /// Whether a CAST from `source` to `target` can give NULL for a non-NULL value: a number that
    /// may have more integer digits than the DECIMAL target holds.
    public static func canGiveNull(from source: SQLType, to target: SQLType) -> Bool {
        guard case .decimal(let precision, let scale) = target.kind, source.kind != target.kind else { return false }
        let integerDigits: Int
        switch source.kind {
        case .boolean, .tinyInt: integerDigits = 3
        case .smallInt: integerDigits = 5
        case .integer: integerDigits = 10
        case .bigInt: integerDigits = 19
        case .decimal(let sourcePrecision, let sourceScale): integerDigits = sourcePrecision - sourceScale
        case .float, .double: return true
        default: return false
        }
        return integerDigits > precision - scale
    }

    /// Flink's string to integer: trimmed, an optional sign, digits, and an ignored fraction.
    static func parseInteger(_ text: Substring) -> Int64? {
        let trimmed = text.trimmingSpaces()
        var digits = trimmed
        var fraction: Substring = ""
        if let point = trimmed.firstIndex(of: ".") {
            digits = trimmed[..<point]
            fraction = trimmed[trimmed.index(after: point)...]
        }
        guard fraction.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
            digits.utf8.contains(where: { $0 &- UInt8(ascii: "0") < 10 }) || !fraction.isEmpty
        else { return nil }
        if digits == "-" || digits == "+" || digits.isEmpty { return fraction.isEmpty ? nil : 0 }
        return Int64(digits)
    }

    /// Flink's string to boolean: `true`, `t`, `yes`, `y`, `1` and their opposites, any case.
    private static func parseBoolean(_ value: SQLValue, _ target: SQLType) throws(SQLError) -> SQLValue {
        guard case .string(let text) = value else { return value }
        switch Substring(text).trimmingSpaces().lowercased() {
        case "true", "t", "yes", "y", "1": return .boolean(true)
        case "false", "f", "no", "n", "0": return .boolean(false)
        default: throw invalid(value, target)
        }
    }

    private static func truncated(_ milliseconds: Int64, to unit: Int64) -> Int64 {
        unit == 1 ? milliseconds : CivilTime.floorDivision(milliseconds, unit).quotient * unit
    }

    private static func invalid(_ value: SQLValue, _ target: SQLType) -> SQLError {
        let text = value.text(as: .string) ?? "NULL"
        return SQLError(.execution, "Cannot cast '\(text)' to \(target.kind): not a valid \(target.kind) value")
    }

    private static func overflow(_ value: SQLValue, _ source: SQLType, _ target: SQLType) -> SQLError {
        let text = value.text(as: source) ?? "NULL"
        return SQLError(.execution, "Cannot cast \(text) to \(target.kind): the value does not fit the precision")
    }
}
