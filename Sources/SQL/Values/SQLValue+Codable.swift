import Foundation

/// How checkpoints keep values: NULL as `null`, anything else as `[tag, payload]` — compact, and
/// exact where JSON numbers are not: DECIMALs as their text, non-finite DOUBLEs as "NaN",
/// "Infinity" and "-Infinity" (the synthesized form wrote `Decimal` as a struct that Foundation's
/// JSONDecoder would not read back, and JSON has no NaN).
extension SQLValue: Codable {
    private enum Tag: String, Codable {
        case boolean = "b"
        case integer = "i"
        case double = "d"
        case decimal = "n"
        case string = "s"
        case timestamp = "t"
        case date = "D"
        case time = "T"
        case dayTimeInterval = "I"
        case yearMonthInterval = "M"
        case row = "r"
        case array = "a"
        case map = "m"
    }

    public func encode(to encoder: any Encoder) throws {
        if case .null = self {
            var container = encoder.singleValueContainer()
            try container.encodeNil()
            return
        }
        var container = encoder.unkeyedContainer()
        switch self {
        case .null: break
        case .boolean(let value):
            try container.encode(Tag.boolean)
            try container.encode(value)
        case .integer(let value):
            try container.encode(Tag.integer)
            try container.encode(value)
        case .double(let value):
            try container.encode(Tag.double)
            if value.isFinite {
                try container.encode(value)
            } else {
                try container.encode(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
            }
        case .decimal(let value):
            try container.encode(Tag.decimal)
            try container.encode(value.description)
        case .string(let value):
            try container.encode(Tag.string)
            try container.encode(value)
        case .timestamp(let value):
            try container.encode(Tag.timestamp)
            try container.encode(value)
        case .date(let value):
            try container.encode(Tag.date)
            try container.encode(value)
        case .time(let value):
            try container.encode(Tag.time)
            try container.encode(value)
        case .dayTimeInterval(let value):
            try container.encode(Tag.dayTimeInterval)
            try container.encode(value)
        case .yearMonthInterval(let value):
            try container.encode(Tag.yearMonthInterval)
            try container.encode(value)
        case .row(let values):
            try container.encode(Tag.row)
            try container.encode(values)
        case .array(let values):
            try container.encode(Tag.array)
            try container.encode(values)
        case .map(let entries):
            try container.encode(Tag.map)
            try container.encode(entries)
        }
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), single.decodeNil() {
            self = .null
            return
        }
        var container = try decoder.unkeyedContainer()
        switch try container.decode(Tag.self) {
        case .boolean: self = .boolean(try container.decode(Bool.self))
        case .integer: self = .integer(try container.decode(Int64.self))
        case .double:
            if let value = try? container.decode(Double.self) {
                self = .double(value)
            } else {
                let text = try container.decode(String.self)
                self = .double(text == "NaN" ? .nan : text == "Infinity" ? .infinity : -.infinity)
            }
        case .decimal:
            let text = try container.decode(String.self)
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal: \(text)")
            }
            self = .decimal(value)
        case .string: self = .string(try container.decode(String.self))
        case .timestamp: self = .timestamp(try container.decode(Int64.self))
        case .date: self = .date(try container.decode(Int32.self))
        case .time: self = .time(try container.decode(Int32.self))
        case .dayTimeInterval: self = .dayTimeInterval(try container.decode(Int64.self))
        case .yearMonthInterval: self = .yearMonthInterval(try container.decode(Int32.self))
        case .row: self = .row(try container.decode([SQLValue].self))
        case .array: self = .array(try container.decode([SQLValue].self))
        case .map: self = .map(try container.decode([SQLMapEntry].self))
        }
    }
}
