/// Conversions between milliseconds since the epoch (UTC) and calendar fields, proleptic Gregorian
/// as `java.time` has it, without Foundation's `Calendar` (slow, and time-zone aware).
public enum CivilTime {
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// A date and time of day, as the fields a timestamp shows.
    public struct Fields: Sendable, Hashable {
        public var year: Int64
        public var month: Int64
        public var day: Int64
        public var hour: Int64
        public var minute: Int64
        public var second: Int64
        public var millisecond: Int64

        public init(
            year: Int64,
            month: Int64,
            day: Int64,
            hour: Int64 = 0,
            minute: Int64 = 0,
            second: Int64 = 0,
            millisecond: Int64 = 0
        ) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
            self.millisecond = millisecond
        }
    }

    /// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a number of days since 1970-01-01.
    public static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The fields of an instant in UTC.
    public static func fields(milliseconds: Int64) -> Fields {
        let (days, remainder) = floorDivision(milliseconds, millisecondsPerDay)
        let (year, month, day) = date(days: days)
        return Fields(
            year: year,
            month: month,
            day: day,
            hour: remainder / 3_600_000,
            minute: remainder / 60000 % 60,
            second: remainder / 1000 % 60,
            millisecond: remainder % 1000
        )
    }

    /// The instant of fields read as UTC.
    public static func milliseconds(_ fields: Fields) -> Int64 {
        days(year: fields.year, month: fields.month, day: fields.day) * millisecondsPerDay + fields.hour * 3_600_000
            + fields.minute * 60000 + fields.second * 1000 + fields.millisecond
    }

    /// Whether the fields name a real date and time (no February 30th, no hour 24).
    public static func isValid(_ fields: Fields) -> Bool {
        guard (1...12).contains(fields.month), fields.day >= 1,
            fields.day <= daysInMonth(year: fields.year, month: fields.month), (0..<24).contains(fields.hour),
            (0..<60).contains(fields.minute), (0..<60).contains(fields.second), (0..<1000).contains(fields.millisecond)
        else { return false }
        return true
    }

    public static func isLeapYear(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week of days since the epoch: 1 is Monday … 7 is Sunday (ISO).
    public static func isoDayOfWeek(days: Int64) -> Int64 {
        // 1970-01-01 was a Thursday.
        floorDivision(days + 3, 7).remainder + 1
    }

    /// Adds calendar months, keeping the time of day and clamping the day to the month's end, as
    /// `LocalDateTime.plusMonths` does.
    public static func adding(months: Int64, to milliseconds: Int64) -> Int64 {
        var fields = self.fields(milliseconds: milliseconds)
        let monthIndex = fields.year * 12 + fields.month - 1 + months
        let (year, month) = floorDivision(monthIndex, 12)
        fields.year = year
        fields.month = month + 1
        fields.day = min(fields.day, daysInMonth(year: fields.year, month: fields.month))
        return self.milliseconds(fields)
    }

    /// Quotient rounded toward negative infinity and the non-negative remainder.
    @inlinable
    public static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
