/// Numbers as Java prints them, since Flink's CAST to STRING and its JSON output are Java's
/// `Double.toString`: `1.0E10`, `123.0`, `1.0E-5`.
public enum JavaNumberText {
    /// `Double.toString`: plain between 10⁻³ and 10⁷, else computerized scientific notation.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        return format(shortest: value.description, magnitude: abs(value), isFloat: false)
    }

    /// `Float.toString`.
    public static func string(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        return format(shortest: value.description, magnitude: Double(abs(value)), isFloat: true)
    }

    /// Rewrites Swift's shortest round-trip digits (the same digits Java finds) in Java's layout.
    private static func format(shortest: String, magnitude: Double, isFloat: Bool) -> String {
        let negative = shortest.hasPrefix("-")
        let unsigned = negative ? shortest.dropFirst() : Substring(shortest)
        // Digits and decimal exponent of the form 0.d1d2d3 × 10^exponent.
        var mantissa = unsigned
        var exponent = 0
        if let exponentIndex = unsigned.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = unsigned[..<exponentIndex]
            exponent = Int(unsigned[unsigned.index(after: exponentIndex)...]) ?? 0
        }
        var digits = ""
        var pointPosition = mantissa.count
        if let point = mantissa.firstIndex(of: ".") {
            pointPosition = mantissa.distance(from: mantissa.startIndex, to: point)
            digits = String(mantissa[..<point]) + String(mantissa[mantissa.index(after: point)...])
        } else {
            digits = String(mantissa)
        }
        var decimalExponent = pointPosition + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = negative ? "-" : ""
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if decimalExponent <= 0 {
                return sign + "0." + String(repeating: "0", count: -decimalExponent) + digits
            }
            if decimalExponent >= digits.count {
                return sign + digits + String(repeating: "0", count: decimalExponent - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: decimalExponent)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let first = digits.prefix(1)
        let rest = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return sign + first + "." + rest + "E" + String(decimalExponent - 1)
    }
}
