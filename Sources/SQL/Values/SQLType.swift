/// A Flink SQL data type with its nullability: the type of a column, an expression or a literal.
public struct SQLType: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: Kind
    public var isNullable: Bool

    public init(_ kind: Kind, isNullable: Bool = true) {
        self.kind = kind
        self.isNullable = isNullable
    }

    /// The kinds of Flink's types that Kibitz knows.
    public indirect enum Kind: Sendable, Hashable, Codable {
        case boolean
        case tinyInt, smallInt, integer, bigInt
        case float, double
        case decimal(precision: Int, scale: Int)
        /// CHAR(n); a fixed length.
        case char(length: Int)
        /// VARCHAR(n); `STRING` is VARCHAR of `SQLType.maximumLength`.
        case varchar(length: Int)
        /// Days since 1970-01-01.
        case date
        case time(precision: Int)
        /// A date and time without a time zone (Kibitz reads and shows them as UTC).
        case timestamp(precision: Int)
        /// An instant, shown in the session time zone (UTC in Kibitz).
        case timestampWithLocalTimeZone(precision: Int)
        /// INTERVAL DAY TO SECOND: a duration in milliseconds.
        case dayTimeInterval
        /// INTERVAL YEAR TO MONTH: a number of months.
        case yearMonthInterval
        case row(fields: [Field])
        case array(element: SQLType)
        case map(key: SQLType, value: SQLType)
        /// The type of the literal NULL, before it meets the type it stands for.
        case null
    }

    /// A named field of a ROW type.
    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var type: SQLType

        public init(name: String, type: SQLType) {
            self.name = name
            self.type = type
        }
    }

    /// The length of `STRING`, as in Flink.
    public static let maximumLength = Int(Int32.max)

    public static let boolean = SQLType(.boolean)
    public static let integer = SQLType(.integer)
    public static let bigInt = SQLType(.bigInt)
    public static let double = SQLType(.double)
    public static let string = SQLType(.varchar(length: maximumLength))

    /// The same kind, not nullable.
    public var notNull: SQLType { SQLType(kind, isNullable: false) }

    /// The same kind, nullable.
    public var nullable: SQLType { SQLType(kind, isNullable: true) }

    /// Whether this is TINYINT, SMALLINT, INT or BIGINT.
    public var isExactInteger: Bool {
        switch kind {
        case .tinyInt, .smallInt, .integer, .bigInt: true
        default: false
        }
    }

    /// Whether arithmetic applies: the integers, FLOAT, DOUBLE and DECIMAL.
    public var isNumeric: Bool {
        switch kind {
        case .tinyInt, .smallInt, .integer, .bigInt, .float, .double, .decimal: true
        default: false
        }
    }

    /// Whether this is CHAR, VARCHAR or STRING.
    public var isCharacterString: Bool {
        switch kind {
        case .char, .varchar: true
        default: false
        }
    }

    /// Whether this is TIMESTAMP or TIMESTAMP_LTZ.
    public var isTimestamp: Bool {
        switch kind {
        case .timestamp, .timestampWithLocalTimeZone: true
        default: false
        }
    }

    /// The type as Flink prints it: `BIGINT NOT NULL`, `DECIMAL(10, 2)`, `TIMESTAMP_LTZ(3)`, `STRING`.
    public var description: String {
        isNullable ? kind.description : kind.description + " NOT NULL"
    }
}

extension SQLType.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .tinyInt: "TINYINT"
        case .smallInt: "SMALLINT"
        case .integer: "INT"
        case .bigInt: "BIGINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision), \(scale))"
        case .char(let length): "CHAR(\(length))"
        case .varchar(let length): length == SQLType.maximumLength ? "STRING" : "VARCHAR(\(length))"
        case .date: "DATE"
        case .time(let precision): "TIME(\(precision))"
        case .timestamp(let precision): "TIMESTAMP(\(precision))"
        case .timestampWithLocalTimeZone(let precision): "TIMESTAMP_LTZ(\(precision))"
        case .dayTimeInterval: "INTERVAL DAY TO SECOND(3)"
        case .yearMonthInterval: "INTERVAL YEAR TO MONTH"
        case .row(let fields): "ROW<" + fields.map { "`\($0.name)` \($0.type)" }.joined(separator: ", ") + ">"
        case .array(let element): "ARRAY<\(element)>"
        case .map(let key, let value): "MAP<\(key), \(value)>"
        case .null: "NULL"
        }
    }
}
