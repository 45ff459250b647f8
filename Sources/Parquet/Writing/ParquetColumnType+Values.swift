extension ParquetColumnType {
    /// Whether `value` can be stored in a column of this type; `.null` never can (nullability is the
    /// column's business, not the type's).
    func accepts(_ value: ParquetValue) -> Bool {
        switch (self, value) {
        case (_, .null):
            false
        case (.boolean, .boolean), (.string, .string), (.double, .double):
            true
        case (.double, .integer(let integer)):
            Double(exactly: integer) != nil
        case (.double, .unsignedInteger(let integer)):
            Double(exactly: integer) != nil
        case (.int8, _), (.int16, _), (.int32, _), (.int64, _):
            signedInteger(value) != nil
        case (.uint8, _), (.uint16, _), (.uint32, _), (.uint64, _):
            unsignedInteger(value) != nil
        case (.timestampMillis, _), (.decimal, _):
            signedInteger(value) != nil
        default:
            false
        }
    }

    /// The value as a signed integer within this (signed) type's range, or nil.
    func signedInteger(_ value: ParquetValue) -> Int64? {
        let integer: Int64?
        switch value {
        case .integer(let signed): integer = signed
        case .unsignedInteger(let unsigned): integer = Int64(exactly: unsigned)
        default: integer = nil
        }
        guard let integer else { return nil }
        switch self {
        case .int8: return Int8(exactly: integer).map { _ in integer }
        case .int16: return Int16(exactly: integer).map { _ in integer }
        case .int32: return Int32(exactly: integer).map { _ in integer }
        case .int64, .timestampMillis: return integer
        case .decimal(let precision, _):
            return Self.decimalRange(precision: precision).contains(integer) ? integer : nil
        default: return nil
        }
    }

    /// The value as an unsigned integer within this (unsigned) type's range, or nil.
    func unsignedInteger(_ value: ParquetValue) -> UInt64? {
        let integer: UInt64?
        switch value {
        case .integer(let signed): integer = UInt64(exactly: signed)
        case .unsignedInteger(let unsigned): integer = unsigned
        default: integer = nil
        }
        guard let integer else { return nil }
        switch self {
        case .uint8: return UInt8(exactly: integer).map { _ in integer }
        case .uint16: return UInt16(exactly: integer).map { _ in integer }
        case .uint32: return UInt32(exactly: integer).map { _ in integer }
        case .uint64: return integer
        default: return nil
        }
    }

    /// The unscaled values a decimal of `precision` digits holds: -(10^p - 1) ... 10^p - 1.
    static func decimalRange(precision: Int) -> ClosedRange<Int64> {
        var bound: Int64 = 1
        for _ in 0..<min(precision, maximumDecimalPrecision) { bound *= 10 }
        return -(bound - 1)...(bound - 1)
    }
}
