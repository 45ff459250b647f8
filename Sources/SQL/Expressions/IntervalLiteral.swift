/// `INTERVAL '1 10:30' DAY TO MINUTE` and friends: the quoted fields read by their units.
enum IntervalLiteral {
    /// Units of a day-time interval from the largest, with their length in milliseconds.
    private static let dayTimeUnits: [(unit: TimeUnit, milliseconds: Int64)] = [
        (.day, 86_400_000), (.hour, 3_600_000), (.minute, 60000), (.second, 1000),
    ]

    static func compile(
        _ text: String,
        unit: TimeUnit,
        to end: TimeUnit?,
        at location: SourceLocation
    )
        throws(SQLError) -> CompiledExpression
    {
        let invalid = SQLError.validation(
            "Illegal interval literal '\(text)' for \(unit.rawValue)\(end.map { " TO " + $0.rawValue } ?? "")",
            at: location
        )
        var body = Substring(text).trimmingSpaces()
        var sign: Int64 = 1
        if body.first == "-" || body.first == "+" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        let fields = body.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "-" })
        switch unit {
        case .year, .month, .quarter:
            let numbers = fields.compactMap { Int64($0) }
            guard numbers.count == fields.count else { throw invalid }
            let months: Int64
            switch (unit, end, numbers.count) {
            case (.year, nil, 1): months = numbers[0] * 12
            case (.year, .month, 2): months = numbers[0] * 12 + numbers[1]
            case (.month, nil, 1): months = numbers[0]
            case (.quarter, nil, 1): months = numbers[0] * 3
            default: throw invalid
            }
            guard let value = Int32(exactly: sign * months) else { throw invalid }
            return .constant(.yearMonthInterval(value), type: SQLType(.yearMonthInterval, isNullable: false))
        case .week:
            guard fields.count == 1, end == nil, let weeks = Int64(fields[0]) else { throw invalid }
            return .constant(
                .dayTimeInterval(sign * weeks * 604_800_000),
                type: SQLType(.dayTimeInterval, isNullable: false)
            )
        default:
            guard let first = dayTimeUnits.firstIndex(where: { $0.unit == unit }) else { throw invalid }
            let last = end.flatMap { end in dayTimeUnits.firstIndex { $0.unit == end } } ?? first
            guard last >= first, fields.count == last - first + 1 else { throw invalid }
            var total: Int64 = 0
            for (offset, field) in fields.enumerated() {
                let length = dayTimeUnits[first + offset].milliseconds
                if dayTimeUnits[first + offset].unit == .second, let seconds = Double(field) {
                    total += Int64((seconds * 1000).rounded())
                } else if let number = Int64(field) {
                    total += number * length
                } else {
                    throw invalid
                }
            }
            return .constant(.dayTimeInterval(sign * total), type: SQLType(.dayTimeInterval, isNullable: false))
        }
    }
}
