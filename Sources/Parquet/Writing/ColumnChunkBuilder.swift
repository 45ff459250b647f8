/// Collects one column's values for the row group being built, already PLAIN encoded.
struct ColumnChunkBuilder {
    let column: ParquetColumn
    /// The PLAIN encoded non-null values.
    private(set) var values: [UInt8] = []
    /// One definition level per row (1 present, 0 null); kept only for nullable columns.
    private(set) var definitionLevels: [UInt8] = []
    /// Rows seen, nulls included.
    private(set) var valueCount = 0
    /// Non-null booleans seen, to know which bit of `values` the next one takes.
    private var booleanCount = 0
    private(set) var statistics = ColumnStatistics()

    init(column: ParquetColumn) {
        self.column = column
    }

    /// Appends a value that `ParquetColumnType.accepts` approved, or `.null` for a nullable column.
    mutating func append(_ value: ParquetValue) {
        valueCount += 1
        if case .null = value {
            definitionLevels.append(0)
            statistics.recordNull()
            return
        }
        if column.isNullable { definitionLevels.append(1) }
        switch (column.type, value) {
        case (.boolean, .boolean(let boolean)):
            // PLAIN booleans are bit-packed, least significant bit first.
            if booleanCount % 8 == 0 { values.append(0) }
            if boolean { values[values.count - 1] |= 1 << UInt8(booleanCount % 8) }
            booleanCount += 1
            statistics.record(boolean)
        case (.string, .string(let string)):
            let bytes = string.utf8
            PlainEncoding.appendLittleEndian(UInt32(bytes.count), to: &values)
            values.append(contentsOf: bytes)
            statistics.record(bytes)
        case (.double, _):
            let double = Self.double(value)
            PlainEncoding.appendLittleEndian(double.bitPattern, to: &values)
            statistics.record(double)
        case (.int8, _), (.int16, _), (.int32, _):
            let integer = column.type.signedInteger(value) ?? 0
            PlainEncoding.appendLittleEndian(UInt32(bitPattern: Int32(truncatingIfNeeded: integer)), to: &values)
            statistics.record(integer)
        case (.decimal(let precision, _), _) where precision <= 9:
            let integer = column.type.signedInteger(value) ?? 0
            PlainEncoding.appendLittleEndian(UInt32(bitPattern: Int32(truncatingIfNeeded: integer)), to: &values)
            statistics.record(integer)
        case (.int64, _), (.timestampMillis, _), (.decimal, _):
            let integer = column.type.signedInteger(value) ?? 0
            PlainEncoding.appendLittleEndian(UInt64(bitPattern: integer), to: &values)
            statistics.record(integer)
        case (.uint8, _), (.uint16, _), (.uint32, _):
            // Unsigned values above Int32.max keep their bit pattern; the annotation tells readers.
            let integer = column.type.unsignedInteger(value) ?? 0
            PlainEncoding.appendLittleEndian(UInt32(truncatingIfNeeded: integer), to: &values)
            statistics.record(integer)
        case (.uint64, _):
            let integer = column.type.unsignedInteger(value) ?? 0
            PlainEncoding.appendLittleEndian(integer, to: &values)
            statistics.record(integer)
        default:
            preconditionFailure("\(value) was not checked against column type \(column.type)")
        }
    }

    /// The body of a version 1 data page holding everything appended: levels, then values.
    var pageBody: [UInt8] {
        guard column.isNullable else { return values }
        return PlainEncoding.definitionLevels(definitionLevels) + values
    }

    /// Forgets the values, keeping the column, for the next row group.
    mutating func reset() {
        self = ColumnChunkBuilder(column: column)
    }

    private static func double(_ value: ParquetValue) -> Double {
        switch value {
        case .double(let double): double
        case .integer(let integer): Double(integer)
        case .unsignedInteger(let integer): Double(integer)
        default: 0
        }
    }
}
