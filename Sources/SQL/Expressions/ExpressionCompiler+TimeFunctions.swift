/// Time functions over TIMESTAMP and TIMESTAMP_LTZ (milliseconds, UTC): conversions, formatting,
/// FLOOR/CEIL to a unit, EXTRACT and TIMESTAMPADD/TIMESTAMPDIFF.
extension ExpressionCompiler {
    private static let fieldFunctions: [String: TimeUnit] = [
        "YEAR": .year, "QUARTER": .quarter, "MONTH": .month, "WEEK": .week, "DAYOFMONTH": .day, "HOUR": .hour,
        "MINUTE": .minute, "SECOND": .second,
    ]

    func compileTimeFunction(_ call: Call) throws(SQLError) -> CompiledExpression? {
        let isTimestamp: (Int, SQLType) -> Bool = { _, type in type.isTimestamp || type.kind == .date }
        let isString: (Int, SQLType) -> Bool = { _, type in type.isCharacterString }
        let string = SQLType.Kind.varchar(length: SQLType.maximumLength)
        switch call.name {
        case "TO_TIMESTAMP_LTZ":
            try call.require(1...2) { index, type in index == 0 ? type.isNumeric : type.isExactInteger }
            var precision: Int64 = 3
            if call.arguments.count == 2 {
                guard let constant = call.constant(1)?.integerValue, constant == 0 || constant == 3 else {
                    throw .validation("The precision of TO_TIMESTAMP_LTZ must be 0 or 3", at: call.location)
                }
                precision = constant
            }
            let factor: Double = precision == 0 ? 1000 : 1
            return call.strict(.timestampWithLocalTimeZone(precision: 3)) { values throws(SQLError) in
                if case .integer(let value) = values[0] { return .timestamp(value &* Int64(factor)) }
                guard let value = values[0].doubleValue, value.isFinite else { return .null }
                return .timestamp(Int64((value * factor).rounded(.down)))
            }
        case "TO_TIMESTAMP":
            try call.require(1...2, isString)
            let pattern = try constantPattern(call, at: 1)
            return call.strict(.timestamp(precision: 3), alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                let milliseconds =
                    values.count == 2 ? Self.pattern(pattern, values[1])?.parse(text) : TimestampText.parse(text)
                return milliseconds.map { .timestamp($0) } ?? .null
            }
        case "UNIX_TIMESTAMP":
            try call.require(1...2, isString)
            let pattern = try constantPattern(call, at: 1)
            return call.strict(.bigInt, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                let milliseconds =
                    values.count == 2 ? Self.pattern(pattern, values[1])?.parse(text) : TimestampText.parse(text)
                return milliseconds.map { .integer(CivilTime.floorDivision($0, 1000).quotient) } ?? .null
            }
        case "FROM_UNIXTIME":
            try call.require(1...2) { index, type in index == 0 ? type.isExactInteger : type.isCharacterString }
            let pattern = try constantPattern(call, at: 1)
            return call.strict(string) { values throws(SQLError) in
                guard let seconds = values[0].integerValue else { return .null }
                let format = values.count == 2 ? Self.pattern(pattern, values[1]) : Self.defaultPattern
                return format.map { .string($0.format(seconds &* 1000)) } ?? .null
            }
        case "DATE_FORMAT":
            try call.require(2...2) { index, type in
                index == 1 ? type.isCharacterString : type.isTimestamp || type.isCharacterString
            }
            let pattern = try constantPattern(call, at: 1)
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                let milliseconds: Int64?
                switch values[0] {
                case .timestamp(let value): milliseconds = value
                case .string(let text): milliseconds = TimestampText.parse(text)
                default: milliseconds = nil
                }
                guard let milliseconds, let format = Self.pattern(pattern, values[1]) else { return .null }
                return .string(format.format(milliseconds))
            }
        case "FLOOR", "CEIL", "CEILING":
            guard let (unit, _) = call.timeUnit else { return nil }
            try call.require(1...1, isTimestamp)
            let isFloor = call.name == "FLOOR"
            return call.strict(call.types[0].kind) { values throws(SQLError) in
                guard case .timestamp(let milliseconds) = values[0] else { return values[0] }
                let floor = Self.floor(milliseconds, to: unit)
                guard !isFloor, floor != milliseconds else { return .timestamp(floor) }
                return .timestamp(Self.add(1, unit, to: floor))
            }
        case "EXTRACT":
            guard let (unit, _) = call.timeUnit else { throw call.noMatch }
            try call.require(1...1, isTimestamp)
            return extractField(call, unit)
        case "DAYOFYEAR", "DAYOFWEEK":
            try call.require(1...1, isTimestamp)
            let isDayOfWeek = call.name == "DAYOFWEEK"
            return call.strict(.bigInt) { values throws(SQLError) in
                guard let milliseconds = Self.milliseconds(values[0]) else { return .null }
                let days = CivilTime.floorDivision(milliseconds, CivilTime.millisecondsPerDay).quotient
                // Sunday is 1, as Flink's DAYOFWEEK.
                if isDayOfWeek { return .integer(CivilTime.isoDayOfWeek(days: days) % 7 + 1) }
                let year = CivilTime.date(days: days).year
                return .integer(days - CivilTime.days(year: year, month: 1, day: 1) + 1)
            }
        case "TIMESTAMPADD":
            guard let (unit, _) = call.timeUnit else { throw call.noMatch }
            try call.require(2...2) { index, type in index == 0 ? type.isExactInteger : type.isTimestamp }
            return call.strict(call.types[1].kind) { values throws(SQLError) in
                guard let amount = values[0].integerValue, case .timestamp(let milliseconds) = values[1] else {
                    return .null
                }
                return .timestamp(Self.add(amount, unit, to: milliseconds))
            }
        case "TIMESTAMPDIFF":
            guard let (unit, _) = call.timeUnit else { throw call.noMatch }
            try call.require(2...2, isTimestamp)
            return call.strict(.integer) { values throws(SQLError) in
                guard let start = Self.milliseconds(values[0]), let end = Self.milliseconds(values[1]) else {
                    return .null
                }
                return .integer(SQLValue.wrapped(Self.difference(unit, from: start, to: end), to: .integer))
            }
        default:
            if let unit = Self.fieldFunctions[call.name] {
                try call.require(1...1, isTimestamp)
                return extractField(call, unit)
            }
            return nil
        }
    }

    private func extractField(_ call: Call, _ unit: TimeUnit) -> CompiledExpression {
        call.strict(.bigInt) { values throws(SQLError) in
            guard let milliseconds = Self.milliseconds(values[0]) else { return .null }
            let fields = CivilTime.fields(milliseconds: milliseconds)
            switch unit {
            case .year: return .integer(fields.year)
            case .quarter: return .integer((fields.month + 2) / 3)
            case .month: return .integer(fields.month)
            case .week: return .integer(Self.isoWeek(milliseconds))
            case .day: return .integer(fields.day)
            case .hour: return .integer(fields.hour)
            case .minute: return .integer(fields.minute)
            case .second: return .integer(fields.second)
            case .millisecond: return .integer(fields.second * 1000 + fields.millisecond)
            }
        }
    }

    private static let defaultPattern: DateTimePattern? = DateTimePattern("yyyy-MM-dd HH:mm:ss")

    /// The pattern of argument `index` compiled once when it is constant.
    private func constantPattern(_ call: Call, at index: Int) throws(SQLError) -> DateTimePattern? {
        guard index < call.arguments.count, case .string(let text) = call.constant(index) else { return nil }
        return DateTimePattern(text)
    }

    private static func pattern(_ compiled: DateTimePattern?, _ value: SQLValue) -> DateTimePattern? {
        if let compiled { return compiled }
        guard case .string(let text) = value else { return nil }
        return DateTimePattern(text)
    }

    private static func milliseconds(_ value: SQLValue) -> Int64? {
        switch value {
        case .timestamp(let milliseconds): milliseconds
        case .date(let days): Int64(days) * CivilTime.millisecondsPerDay
        default: nil
        }
    }

    /// The start of the unit holding `milliseconds`; weeks start on Sunday, as Flink's FLOOR.
    static func floor(_ milliseconds: Int64, to unit: TimeUnit) -> Int64 {
        let fixed: Int64? =
            switch unit {
            case .millisecond: 1
            case .second: 1000
            case .minute: 60000
            case .hour: 3_600_000
            case .day: CivilTime.millisecondsPerDay
            default: nil
            }
        if let fixed { return CivilTime.floorDivision(milliseconds, fixed).quotient * fixed }
        let days = CivilTime.floorDivision(milliseconds, CivilTime.millisecondsPerDay).quotient
        if unit == .week {
            let sundayBased = CivilTime.isoDayOfWeek(days: days) % 7
            return (days - sundayBased) * CivilTime.millisecondsPerDay
        }
        let date = CivilTime.date(days: days)
        let month = unit == .year ? 1 : unit == .quarter ? (date.month - 1) / 3 * 3 + 1 : date.month
        return CivilTime.days(year: date.year, month: month, day: 1) * CivilTime.millisecondsPerDay
    }

    /// `amount` units after `milliseconds`; months and years by the calendar.
    static func add(_ amount: Int64, _ unit: TimeUnit, to milliseconds: Int64) -> Int64 {
        switch unit {
        case .year: CivilTime.adding(months: amount * 12, to: milliseconds)
        case .quarter: CivilTime.adding(months: amount * 3, to: milliseconds)
        case .month: CivilTime.adding(months: amount, to: milliseconds)
        case .week: milliseconds + amount * 604_800_000
        case .day: milliseconds + amount * CivilTime.millisecondsPerDay
        case .hour: milliseconds + amount * 3_600_000
        case .minute: milliseconds + amount * 60000
        case .second: milliseconds + amount * 1000
        case .millisecond: milliseconds + amount
        }
    }

    /// Whole units from `start` to `end`, toward zero; months count as Calcite's
    /// `subtractMonths` does (January 31st to February 29th is one month).
    static func difference(_ unit: TimeUnit, from start: Int64, to end: Int64) -> Int64 {
        switch unit {
        case .year, .quarter, .month:
            guard start <= end else { return -difference(unit, from: end, to: start) }
            let first = CivilTime.fields(milliseconds: start)
            let last = CivilTime.fields(milliseconds: end)
            var months = (last.year - first.year) * 12 + last.month - first.month
            while months > 0 && CivilTime.adding(months: months, to: start) > end { months -= 1 }
            return unit == .year ? months / 12 : unit == .quarter ? months / 3 : months
        default:
            let length = add(1, unit, to: 0)
            return (end - start) / length
        }
    }

    /// The ISO-8601 week of the year (weeks start on Monday; week 1 holds the first Thursday).
    private static func isoWeek(_ milliseconds: Int64) -> Int64 {
        let days = CivilTime.floorDivision(milliseconds, CivilTime.millisecondsPerDay).quotient
        let thursday = days - CivilTime.isoDayOfWeek(days: days) + 4
        let year = CivilTime.date(days: thursday).year
        return (thursday - CivilTime.days(year: year, month: 1, day: 1)) / 7 + 1
    }
}
