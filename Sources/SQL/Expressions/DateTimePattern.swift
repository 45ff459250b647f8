/// A date-time pattern with Java's letters (`yyyy-MM-dd HH:mm:ss.SSS`, `E`, `a`, quoted text), as
/// DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP and FROM_UNIXTIME take them; compiled once per pattern.
struct DateTimePattern: Sendable {
    private enum Token: Sendable, Equatable {
        case field(Character, width: Int)
        case text(String)
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var characters = Array(pattern)[...]
        while let character = characters.first {
            if character == "'" {
                characters = characters.dropFirst()
                if characters.first == "'" {
                    tokens.append(.text("'"))
                    characters = characters.dropFirst()
                    continue
                }
                let quoted = characters.prefix { $0 != "'" }
                tokens.append(.text(String(quoted)))
                characters = characters.dropFirst(quoted.count + 1)
            } else if character.isLetter && character.isASCII {
                let run = characters.prefix { $0 == character }
                tokens.append(.field(character, width: run.count))
                characters = characters.dropFirst(run.count)
            } else {
                tokens.append(.text(String(character)))
                characters = characters.dropFirst()
            }
        }
        self.tokens = tokens
    }

    /// The instant (milliseconds, UTC) as text.
    func format(_ milliseconds: Int64) -> String {
        let fields = CivilTime.fields(milliseconds: milliseconds)
        var output = ""
        func padded(_ value: Int64, _ width: Int) {
            let digits = String(value)
            output += String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        for token in tokens {
            switch token {
            case .text(let text): output += text
            case .field(let letter, let width):
                switch letter {
                case "y", "u":
                    if width == 2 { padded(fields.year % 100, 2) } else { padded(fields.year, width) }
                case "M", "L":
                    if width >= 4 {
                        output += Self.monthNames[Int(fields.month) - 1]
                    } else if width == 3 {
                        output += Self.monthNames[Int(fields.month) - 1].prefix(3)
                    } else {
                        padded(fields.month, width)
                    }
                case "d": padded(fields.day, width)
                case "D":
                    let dayOfYear =
                        CivilTime.days(year: fields.year, month: fields.month, day: fields.day)
                        - CivilTime.days(year: fields.year, month: 1, day: 1) + 1
                    padded(dayOfYear, width)
                case "H": padded(fields.hour, width)
                case "k": padded(fields.hour == 0 ? 24 : fields.hour, width)
                case "h": padded(fields.hour % 12 == 0 ? 12 : fields.hour % 12, width)
                case "K": padded(fields.hour % 12, width)
                case "m": padded(fields.minute, width)
                case "s": padded(fields.second, width)
                case "S":
                    // A fraction of the second: S tenths, SS hundredths, SSS milliseconds, more zeros.
                    let milliseconds =
                        String(repeating: "0", count: 3 - String(fields.millisecond).count)
                        + String(fields.millisecond)
                    output += milliseconds.prefix(width) + String(repeating: "0", count: max(0, width - 3))
                case "E":
                    let days = CivilTime.days(year: fields.year, month: fields.month, day: fields.day)
                    let name = Self.dayNames[Int(CivilTime.isoDayOfWeek(days: days)) - 1]
                    output += width >= 4 ? name : String(name.prefix(3))
                case "a": output += fields.hour < 12 ? "AM" : "PM"
                default: output += String(repeating: letter, count: width)
                }
            }
        }
        return output
    }

    /// The instant the text shows, read as UTC; nil when it does not match the pattern.
    func parse(_ text: String) -> Int64? {
        var fields = CivilTime.Fields(year: 1970, month: 1, day: 1)
        var isAfternoon: Bool?
        var remaining = Array(text.utf8)[...]
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let literal):
                guard remaining.starts(with: literal.utf8) else { return nil }
                remaining = remaining.dropFirst(literal.utf8.count)
            case .field(let letter, let width):
                if letter == "a" {
                    let marker = String(decoding: remaining.prefix(2), as: UTF8.self).uppercased()
                    guard marker == "AM" || marker == "PM" else { return nil }
                    isAfternoon = marker == "PM"
                    remaining = remaining.dropFirst(2)
                    continue
                }
                if letter == "E" {
                    let word = remaining.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
                    remaining = remaining.dropFirst(word.count)
                    continue
                }
                // A field followed directly by another field takes exactly its width of digits.
                var isAdjacent = false
                if index + 1 < tokens.count, case .field = tokens[index + 1] { isAdjacent = true }
                let maximum = isAdjacent || width > 2 && letter != "y" ? width : 9
                let digits = remaining.prefix(maximum).prefix { $0 &- UInt8(ascii: "0") < 10 }
                guard !digits.isEmpty, let value = Int64(String(decoding: digits, as: UTF8.self)) else { return nil }
                remaining = remaining.dropFirst(digits.count)
                switch letter {
                case "y", "u": fields.year = width == 2 && digits.count == 2 ? 2000 + value : value
                case "M", "L": fields.month = value
                case "d": fields.day = value
                case "H", "k": fields.hour = value % 24
                case "h", "K": fields.hour = value % 12
                case "m": fields.minute = value
                case "s": fields.second = value
                case "S":
                    var milliseconds = value
                    var count = digits.count
                    while count < 3 {
                        milliseconds *= 10
                        count += 1
                    }
                    while count > 3 {
                        milliseconds /= 10
                        count -= 1
                    }
                    fields.millisecond = milliseconds
                default: return nil
                }
            }
        }
        if isAfternoon == true { fields.hour += 12 }
        guard remaining.isEmpty, CivilTime.isValid(fields) else { return nil }
        return CivilTime.milliseconds(fields)
    }
}
