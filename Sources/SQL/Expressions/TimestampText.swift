/// Reading and writing timestamps as text: `2024-01-02 03:04:05.123`, `2024-01-02T03:04:05.123Z`.
///
/// Byte-level, because JSON records carry a timestamp in most rows and `DateFormatter` costs
/// microseconds per call.
public enum TimestampText {
    /// What may stand between the date and the time.
    public enum Separator: Sendable {
        /// `2024-01-02 03:04:05`, Flink's SQL standard.
        case space
        /// `2024-01-02T03:04:05`, ISO-8601.
        case letterT
        /// Either, as CAST accepts.
        case either
    }

    /// How the fraction of a second is written.
    public enum Fraction: Sendable {
        /// Exactly this many digits (0 to 3), as CAST to STRING prints a TIMESTAMP(p).
        case digits(Int)
        /// Only the digits needed (none for a whole second), as `java.time`'s
        /// `appendFraction(NANO_OF_SECOND, 0, 9, true)` in Flink's JSON and CSV formats.
        case minimal
    }

    /// Milliseconds since the epoch of `text` read as UTC, or nil when it is not a timestamp.
    ///
    /// The time may be left out (midnight) when `requiresTime` is false, as CAST allows; a fraction
    /// longer than milliseconds is truncated; `zoneSuffix` says whether a trailing `Z` is required
    /// (true), refused (false) or allowed (nil).
    public static func parse(
        _ text: UnsafeRawBufferPointer,
        separator: Separator = .either,
        requiresTime: Bool = false,
        zoneSuffix: Bool? = nil
    ) -> Int64? {
        var reader = DigitReader(bytes: text)
        guard let year = reader.number(minimumDigits: 4, maximumDigits: 4), reader.skip(UInt8(ascii: "-")),
            let month = reader.number(minimumDigits: 1, maximumDigits: 2), reader.skip(UInt8(ascii: "-")),
            let day = reader.number(minimumDigits: 1, maximumDigits: 2)
        else { return nil }
        var fields = CivilTime.Fields(year: year, month: month, day: day)
        if reader.isAtEnd || (reader.peek == UInt8(ascii: "Z") && reader.position + 1 == text.count) {
            guard !requiresTime else { return nil }
        } else {
            switch (reader.peek, separator) {
            case (UInt8(ascii: " "), .space), (UInt8(ascii: " "), .either), (UInt8(ascii: "T"), .letterT),
                (UInt8(ascii: "T"), .either):
                reader.position += 1
            default: return nil
            }
            guard let hour = reader.number(minimumDigits: 1, maximumDigits: 2), reader.skip(UInt8(ascii: ":")),
                let minute = reader.number(minimumDigits: 2, maximumDigits: 2)
            else { return nil }
            fields.hour = hour
            fields.minute = minute
            if reader.skip(UInt8(ascii: ":")) {
                guard let second = reader.number(minimumDigits: 2, maximumDigits: 2) else { return nil }
                fields.second = second
                if reader.skip(UInt8(ascii: ".")) {
                    guard let fraction = reader.fractionMilliseconds() else { return nil }
                    fields.millisecond = fraction
                }
            }
        }
        let hasZone = reader.skip(UInt8(ascii: "Z"))
        guard reader.isAtEnd, zoneSuffix == nil || zoneSuffix == hasZone, CivilTime.isValid(fields) else { return nil }
        return CivilTime.milliseconds(fields)
    }

    /// `parse` of a string, after trimming spaces as CAST does.
    public static func parse(_ text: String, separator: Separator = .either, zoneSuffix: Bool? = nil) -> Int64? {
        var trimmed = Substring(text).trimmingSpaces()
        return trimmed.withUTF8 { parse(UnsafeRawBufferPointer($0), separator: separator, zoneSuffix: zoneSuffix) }
    }

    /// Appends `milliseconds` as `yyyy-MM-dd HH:mm:ss[.SSS]` (UTC) with the given separator byte,
    /// fraction and suffix (`Z` for TIMESTAMP_LTZ in the formats).
    public static func append(
        _ milliseconds: Int64,
        to output: inout [UInt8],
        separator: UInt8 = UInt8(ascii: " "),
        fraction: Fraction,
        suffix: UInt8? = nil
    ) {
        let fields = CivilTime.fields(milliseconds: milliseconds)
        if fields.year < 0 || fields.year > 9999 {
            // Outside four digits java.time writes a sign; years that far out are not game events.
            output.append(contentsOf: (fields.year < 0 ? "-" : "+").utf8)
            appendDigits(abs(fields.year), count: 4, to: &output)
        } else {
            appendDigits(fields.year, count: 4, to: &output)
        }
        output.append(UInt8(ascii: "-"))
        appendDigits(fields.month, count: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(fields.day, count: 2, to: &output)
        output.append(separator)
        appendDigits(fields.hour, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(fields.minute, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(fields.second, count: 2, to: &output)
        switch fraction {
        case .digits(let count) where count > 0:
            output.append(UInt8(ascii: "."))
            var millisecond = fields.millisecond
            var digits = min(count, 3)
            for _ in digits..<3 { millisecond /= 10 }
            appendDigits(millisecond, count: digits, to: &output)
            // TIMESTAMP(6) and (9) print zeros below the millisecond Kibitz keeps.
            while digits < count {
                output.append(UInt8(ascii: "0"))
                digits += 1
            }
        case .minimal where fields.millisecond != 0:
            output.append(UInt8(ascii: "."))
            var millisecond = fields.millisecond
            var digits = 3
            while millisecond % 10 == 0 {
                millisecond /= 10
                digits -= 1
            }
            appendDigits(millisecond, count: digits, to: &output)
        default: break
        }
        if let suffix { output.append(suffix) }
    }

    /// `append` into a new string.
    public static func string(_ milliseconds: Int64, fraction: Fraction, separator: UInt8 = UInt8(ascii: " ")) -> String
    {
        var output: [UInt8] = []
        output.reserveCapacity(24)
        append(milliseconds, to: &output, separator: separator, fraction: fraction)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `value` with leading zeros to `count` digits.
    static func appendDigits(_ value: Int64, count: Int, to output: inout [UInt8]) {
        let start = output.count
        var remaining = value
        var written = 0
        while remaining > 0 || written < count {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10))
            remaining /= 10
            written += 1
        }
        output[start...].reverse()
    }
}

/// A cursor over ASCII digits and punctuation.
struct DigitReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    var isAtEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    mutating func number(minimumDigits: Int, maximumDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maximumDigits, let byte = peek, byte &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Int64(byte &- UInt8(ascii: "0"))
            position += 1
            count += 1
        }
        return count >= minimumDigits ? value : nil
    }

    /// One to nine digits of a fraction of a second, as milliseconds (truncated).
    mutating func fractionMilliseconds() -> Int64? {
        var value: Int64 = 0
        var count = 0
        while let byte = peek, byte &- UInt8(ascii: "0") < 10 {
            guard count < 9 else { return nil }
            if count < 3 { value = value * 10 + Int64(byte &- UInt8(ascii: "0")) }
            position += 1
            count += 1
        }
        guard count > 0 else { return nil }
        while count < 3 {
            value *= 10
            count += 1
        }
        return value
    }
}

extension Substring {
    /// Without leading and trailing whitespace, as Java's `String.trim` (every byte up to space).
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.utf8.first, first <= 0x20 { result = result.dropFirst() }
        while let last = result.utf8.last, last <= 0x20 { result = result.dropLast() }
        return result
    }
}
