/// Running minimum, maximum and null count of one column chunk, ordered as the column's logical type
/// orders: unsigned integers as unsigned, strings byte-wise unsigned.
struct ColumnStatistics {
    /// Longer string bounds are left out: they would bloat every footer for little pruning benefit.
    static let maximumStringBoundLength = 64

    private enum Bounds {
        case empty
        case boolean(minimum: Bool, maximum: Bool)
        case signed(minimum: Int64, maximum: Int64)
        case unsigned(minimum: UInt64, maximum: UInt64)
        case double(minimum: Double, maximum: Double)
        case bytes(minimum: [UInt8], maximum: [UInt8])
    }

    private var bounds = Bounds.empty
    private(set) var nullCount: Int64 = 0
    private var nanCount: Int64 = 0

    mutating func recordNull() {
        nullCount += 1
    }

    mutating func record(_ value: Bool) {
        switch bounds {
        case .boolean(let minimum, let maximum):
            bounds = .boolean(minimum: minimum && value, maximum: maximum || value)
        default:
            bounds = .boolean(minimum: value, maximum: value)
        }
    }

    mutating func record(_ value: Int64) {
        switch bounds {
        case .signed(let minimum, let maximum):
            bounds = .signed(minimum: Swift.min(minimum, value), maximum: Swift.max(maximum, value))
        default:
            bounds = .signed(minimum: value, maximum: value)
        }
    }

    mutating func record(_ value: UInt64) {
        switch bounds {
        case .unsigned(let minimum, let maximum):
            bounds = .unsigned(minimum: Swift.min(minimum, value), maximum: Swift.max(maximum, value))
        default:
            bounds = .unsigned(minimum: value, maximum: value)
        }
    }

    mutating func record(_ value: Double) {
        // NaN has no place in a total order of bounds; the format counts it apart instead.
        guard !value.isNaN else {
            nanCount += 1
            return
        }
        switch bounds {
        case .double(let minimum, let maximum):
            bounds = .double(minimum: Swift.min(minimum, value), maximum: Swift.max(maximum, value))
        default:
            bounds = .double(minimum: value, maximum: value)
        }
    }

    /// Records a string's bytes; they are copied only when they become a new bound.
    mutating func record(_ value: String.UTF8View) {
        switch bounds {
        case .bytes(let minimum, let maximum):
            if value.lexicographicallyPrecedes(minimum) {
                bounds = .bytes(minimum: Array(value), maximum: maximum)
            } else if maximum.lexicographicallyPrecedes(value) {
                bounds = .bytes(minimum: minimum, maximum: Array(value))
            }
        default:
            bounds = .bytes(minimum: Array(value), maximum: Array(value))
        }
    }

    /// The statistics as the footer stores them, bounds PLAIN encoded for `type`.
    func metadata(for type: ParquetColumnType) -> StatisticsMetadata {
        var metadata = StatisticsMetadata(nullCount: nullCount)
        if type == .double { metadata.nanCount = nanCount }
        switch bounds {
        case .empty:
            break
        case .boolean(let minimum, let maximum):
            metadata.minimumValue = [minimum ? 1 : 0]
            metadata.maximumValue = [maximum ? 1 : 0]
        case .signed(let minimum, let maximum):
            metadata.minimumValue = Self.plain(signed: minimum, physicalType: type.physicalType)
            metadata.maximumValue = Self.plain(signed: maximum, physicalType: type.physicalType)
        case .unsigned(let minimum, let maximum):
            metadata.minimumValue = Self.plain(unsigned: minimum, physicalType: type.physicalType)
            metadata.maximumValue = Self.plain(unsigned: maximum, physicalType: type.physicalType)
        case .double(let minimum, let maximum):
            // The format asks for -0.0 as a zero minimum and +0.0 as a zero maximum, so that a reader
            // pruning on bounds never skips a chunk holding the other zero.
            let lower = minimum == 0 ? -0.0 : minimum
            let upper = maximum == 0 ? 0.0 : maximum
            metadata.minimumValue = PlainEncoding.littleEndian(lower.bitPattern)
            metadata.maximumValue = PlainEncoding.littleEndian(upper.bitPattern)
        case .bytes(let minimum, let maximum):
            if minimum.count <= Self.maximumStringBoundLength && maximum.count <= Self.maximumStringBoundLength {
                metadata.minimumValue = minimum
                metadata.maximumValue = maximum
            }
        }
        return metadata
    }

    private static func plain(signed value: Int64, physicalType: ParquetFormat.PhysicalType) -> [UInt8] {
        physicalType == .int32
            ? PlainEncoding.littleEndian(UInt32(bitPattern: Int32(truncatingIfNeeded: value)))
            : PlainEncoding.littleEndian(UInt64(bitPattern: value))
    }

    private static func plain(unsigned value: UInt64, physicalType: ParquetFormat.PhysicalType) -> [UInt8] {
        physicalType == .int32
            ? PlainEncoding.littleEndian(UInt32(truncatingIfNeeded: value))
            : PlainEncoding.littleEndian(value)
    }
}
