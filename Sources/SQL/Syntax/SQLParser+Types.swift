extension SQLParser {
    /// A data type with its nullability: `BIGINT NOT NULL`, `DECIMAL(10, 2)`, `ROW<a INT>`.
    ///
    /// Lengths and precisions default as in Flink: VARCHAR and CHAR to 1, DECIMAL to (10, 0),
    /// TIME to 0, TIMESTAMP and TIMESTAMP_LTZ to 6.
    mutating func parseType() throws(SQLError) -> SQLType {
        try enterNesting()
        defer { leaveNesting() }
        let token = current
        guard current.kind == .word else {
            record("<type>")
            throw unexpected()
        }
        let kind: SQLType.Kind
        switch token.keyword! {
        case "STRING":
            advance()
            kind = .varchar(length: SQLType.maximumLength)
        case "BOOLEAN":
            advance()
            kind = .boolean
        case "TINYINT":
            advance()
            kind = .tinyInt
        case "SMALLINT":
            advance()
            kind = .smallInt
        case "INT", "INTEGER":
            advance()
            kind = .integer
        case "BIGINT":
            advance()
            kind = .bigInt
        case "FLOAT":
            advance()
            kind = .float
        case "DOUBLE":
            advance()
            _ = consumeKeyword("PRECISION")
            kind = .double
        case "DECIMAL", "DEC", "NUMERIC":
            advance()
            kind = try parseDecimalPrecision()
        case "CHAR", "CHARACTER":
            advance()
            kind = .char(length: try parseLength())
        case "VARCHAR":
            advance()
            kind = .varchar(length: try parseLength())
        case "DATE":
            advance()
            kind = .date
        case "TIME":
            advance()
            let precision = try parsePrecision(default: 0)
            try parseWithoutTimeZone()
            kind = .time(precision: precision)
        case "TIMESTAMP":
            advance()
            kind = try parseTimestampZone(precision: try parsePrecision(default: 6))
        case "TIMESTAMP_LTZ":
            advance()
            kind = .timestampWithLocalTimeZone(precision: try parsePrecision(default: 6))
        case "INTERVAL":
            advance()
            let (unit, _) = try parseIntervalQualifier()
            kind = [.year, .quarter, .month].contains(unit) ? .yearMonthInterval : .dayTimeInterval
        case "ROW":
            advance()
            kind = .row(fields: try parseRowFields())
        case "ARRAY":
            advance()
            try expectSymbol("<")
            let element = try parseType()
            try expectSymbol(">")
            kind = .array(element: element)
        case "MAP":
            advance()
            try expectSymbol("<")
            let key = try parseType()
            try expectSymbol(",")
            let value = try parseType()
            try expectSymbol(">")
            kind = .map(key: key, value: value)
        case let word where ["BYTES", "BINARY", "VARBINARY", "MULTISET", "RAW", "VARIANT"].contains(word):
            throw unsupported("the type \(word)")
        default:
            record("<type>")
            throw unexpected()
        }
        if isKeyword("NOT") && peek().keyword == "NULL" {
            advance()
            advance()
            return SQLType(kind, isNullable: false)
        }
        _ = consumeKeyword("NULL")
        return SQLType(kind)
    }

    /// `(n)` after a type, or nil.
    private mutating func parseOptionalParenthesizedInteger() throws(SQLError) -> (
        value: Int, location: SourceLocation
    )? {
        guard consumeSymbol("(") else { return nil }
        let number = try expectInteger()
        try expectSymbol(")")
        return number
    }

    private mutating func parseLength() throws(SQLError) -> Int {
        guard let (length, location) = try parseOptionalParenthesizedInteger() else { return 1 }
        guard length >= 1 && length <= SQLType.maximumLength else {
            throw .validation("the length must be between 1 and \(SQLType.maximumLength)", at: location)
        }
        return length
    }

    private mutating func parsePrecision(default defaultPrecision: Int) throws(SQLError) -> Int {
        guard let (precision, location) = try parseOptionalParenthesizedInteger() else { return defaultPrecision }
        guard precision <= 9 else {
            throw .validation("the precision of a time must be between 0 and 9", at: location)
        }
        return precision
    }

    private mutating func parseDecimalPrecision() throws(SQLError) -> SQLType.Kind {
        guard consumeSymbol("(") else { return .decimal(precision: 10, scale: 0) }
        let (precision, precisionLocation) = try expectInteger()
        guard precision >= 1 && precision <= 38 else {
            throw .validation("the precision of a DECIMAL must be between 1 and 38", at: precisionLocation)
        }
        var scale = 0
        if consumeSymbol(",") {
            let scaleLocation: SourceLocation
            (scale, scaleLocation) = try expectInteger()
            guard scale <= precision else {
                throw .validation("the scale of a DECIMAL must be between 0 and its precision", at: scaleLocation)
            }
        }
        try expectSymbol(")")
        return .decimal(precision: precision, scale: scale)
    }

    private mutating func parseWithoutTimeZone() throws(SQLError) {
        guard consumeKeyword("WITHOUT") else { return }
        try expectKeyword("TIME")
        try expectKeyword("ZONE")
    }

    /// What follows `TIMESTAMP(p)`: nothing or WITHOUT TIME ZONE, or WITH LOCAL TIME ZONE.
    private mutating func parseTimestampZone(precision: Int) throws(SQLError) -> SQLType.Kind {
        if consumeKeyword("WITH") {
            if isKeyword("TIME") { throw unsupported("TIMESTAMP WITH TIME ZONE (use TIMESTAMP_LTZ)") }
            try expectKeyword("LOCAL")
            try expectKeyword("TIME")
            try expectKeyword("ZONE")
            return .timestampWithLocalTimeZone(precision: precision)
        }
        try parseWithoutTimeZone()
        return .timestamp(precision: precision)
    }

    /// `<name type, ...>` or `(name type, ...)`; a field's description string is accepted and
    /// dropped, as it only documents the field.
    private mutating func parseRowFields() throws(SQLError) -> [SQLType.Field] {
        let closing: String
        if consumeSymbol("<") {
            closing = ">"
        } else if consumeSymbol("(") {
            closing = ")"
        } else {
            throw unexpected()
        }
        var fields: [SQLType.Field] = []
        repeat {
            let name = try expectAnyName()
            fields.append(SQLType.Field(name: name.value, type: try parseType()))
            if current.kind == .string { advance() }
        } while consumeSymbol(",")
        try expectSymbol(closing)
        return fields
    }

    // MARK: Time units

    /// The units an interval may start with.
    private static let intervalUnits: [TimeUnit] = [.year, .quarter, .month, .week, .day, .hour, .minute, .second]

    /// Which units may follow `TO` after each start unit.
    private static let intervalEnds: [TimeUnit: [TimeUnit]] = [
        .year: [.month], .day: [.hour, .minute, .second], .hour: [.minute, .second], .minute: [.second],
    ]

    /// `SECOND`, `MINUTES`, `DAY(3) TO SECOND(3)`: an interval's unit and optional end unit.
    /// Leading and fractional precisions limit the digits written, not the value, so they are read
    /// and dropped.
    mutating func parseIntervalQualifier() throws(SQLError) -> (TimeUnit, TimeUnit?) {
        let unit = try parseTimeUnit(allowingPlural: true, among: Self.intervalUnits)
        try skipIntervalPrecision(allowingFraction: unit == .second)
        guard consumeKeyword("TO") else { return (unit, nil) }
        let end = try parseTimeUnit(allowingPlural: false, among: Self.intervalEnds[unit] ?? [])
        try skipIntervalPrecision(allowingFraction: end == .second)
        return (unit, end)
    }

    private mutating func skipIntervalPrecision(allowingFraction: Bool) throws(SQLError) {
        guard isSymbol("(") && peek().kind == .integer else { return }
        advance()
        advance()
        if allowingFraction && consumeSymbol(",") { _ = try expectInteger() }
        try expectSymbol(")")
    }

    /// Units Flink knows that have no place in Kibitz's `TimeUnit`.
    private static let unsupportedUnits: Set<String> = [
        "MICROSECOND", "NANOSECOND", "DOW", "DOY", "EPOCH", "DECADE", "CENTURY", "MILLENNIUM", "ISODOW", "ISOYEAR",
    ]

    /// A unit of EXTRACT, FLOOR, TIMESTAMPADD or an interval; `SQL_TSI_DAY` is DAY, as in Calcite,
    /// and plurals such as `MINUTES` are accepted where Flink accepts them (intervals).
    mutating func parseTimeUnit(
        allowingPlural: Bool,
        among units: [TimeUnit] = TimeUnit.allCases
    ) throws(SQLError) -> TimeUnit {
        var word = current.keyword ?? ""
        if word.hasPrefix("SQL_TSI_") { word.removeFirst("SQL_TSI_".count) }
        if allowingPlural && word.hasSuffix("S") && TimeUnit(rawValue: String(word.dropLast())) != nil {
            word.removeLast()
        }
        if let unit = TimeUnit(rawValue: word), units.contains(unit) {
            advance()
            return unit
        }
        if Self.unsupportedUnits.contains(word) { throw unsupported("the time unit \(word)") }
        for unit in units { record("\"\(unit.rawValue)\"") }
        throw unexpected()
    }
}
