import Foundation

/// DECIMAL values as Flink's `DecimalData` treats them: rounded HALF_UP to the type's scale, NULL
/// (or an error) when the digits do not fit the precision.
public enum DecimalMath {
    /// `value` rounded half away from zero to `scale` digits after the point.
    public static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// `value` truncated toward zero to `scale` digits.
    public static func truncated(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, value < 0 ? .up : .down)
        return result
    }

    /// `value` rounded to `scale`, or nil when its integer digits exceed `precision - scale`.
    public static func fitted(_ value: Decimal, precision: Int, scale: Int) -> Decimal? {
        let result = rounded(value, scale: scale)
        let limit = Decimal(sign: .plus, exponent: precision - scale, significand: 1)
        return result.magnitude < limit ? result : nil
    }

    /// The digits with exactly `scale` places after the point: `12.50`, `-0.5`, `3`.
    public static func text(_ value: Decimal, scale: Int) -> String {
        var text = rounded(value, scale: scale).description
        guard scale > 0 else { return text }
        if let point = text.firstIndex(of: ".") {
            let places = text.distance(from: text.index(after: point), to: text.endIndex)
            if places < scale { text += String(repeating: "0", count: scale - places) }
        } else {
            text += "." + String(repeating: "0", count: scale)
        }
        return text
    }

    /// A decimal read exactly from text (`12.50`, `-3`, `1e3`), or nil.
    public static func parse(_ text: Substring) -> Decimal? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty,
            trimmed.utf8.allSatisfy({
                $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
            }),
            let value = Decimal(string: String(trimmed), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return value
    }

    /// The nearest double, through the shortest text (exact for every decimal a double can hold).
    public static func double(_ value: Decimal) -> Double {
        Double(value.description) ?? .nan
    }

    /// The decimal of a double as Java's `BigDecimal.valueOf` makes it: from its shortest text.
    public static func decimal(_ value: Double) -> Decimal? {
        guard value.isFinite else { return nil }
        return Decimal(string: value.description, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The integer part toward zero, or nil when it is outside 64 bits.
    public static func int64(_ value: Decimal) -> Int64? {
        let whole = truncated(value, scale: 0)
        guard whole.magnitude <= Decimal(Int64.max) else { return nil }
        return Int64(whole.description)
    }
}
