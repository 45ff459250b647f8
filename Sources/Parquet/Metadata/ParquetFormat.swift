/// Enumeration values of parquet.thrift (apache/parquet-format), as written into the footer.
enum ParquetFormat {
    /// `Type`: how values are laid out on disk.
    enum PhysicalType: Int32 {
        case boolean = 0
        case int32 = 1
        case int64 = 2
        case double = 5
        case byteArray = 6
    }

    /// `ConvertedType`: the deprecated annotation that older readers still need beside `LogicalType`.
    enum ConvertedType: Int32 {
        case utf8 = 0
        case unsigned8 = 11
        case unsigned16 = 12
        case unsigned32 = 13
        case unsigned64 = 14
        case signed8 = 15
        case decimal = 5
        case timestampMillis = 9
        case signed16 = 16
    }

    /// `FieldRepetitionType`.
    enum Repetition: Int32 {
        case required = 0
        case optional = 1
    }

    /// `Encoding`.
    enum Encoding: Int32 {
        case plain = 0
        /// The RLE/bit-packing hybrid, used here for definition levels.
        case runLength = 3
    }

    /// `CompressionCodec`.
    enum CompressionCodec: Int32 {
        case uncompressed = 0
        case gzip = 2
    }

    /// `PageType`.
    enum PageType: Int32 {
        case dataPage = 0
    }

    /// `LogicalType`, a Thrift union: the field identifier selects the annotation.
    enum LogicalType {
        /// Field 1, `StringType`.
        case string
        /// Field 10, `IntType { 1: i8 bitWidth, 2: bool isSigned }`.
        case integer(bitWidth: Int8, isSigned: Bool)
        /// Field 5, `DecimalType { 1: i32 scale, 2: i32 precision }`.
        case decimal(precision: Int32, scale: Int32)
        /// Field 8, `TimestampType { 1: bool isAdjustedToUTC, 2: TimeUnit unit }` with the unit
        /// `MILLIS` (field 1 of the `TimeUnit` union, an empty struct).
        case timestampMillis(isAdjustedToUTC: Bool)

        func encode(to encoder: inout ThriftCompactEncoder) {
            encoder.beginStruct()
            switch self {
            case .string:
                encoder.beginStructField(1)
                encoder.endStruct()
            case .integer(let bitWidth, let isSigned):
                encoder.beginStructField(10)
                encoder.writeByteField(1, bitWidth)
                encoder.writeBooleanField(2, isSigned)
                encoder.endStruct()
            case .decimal(let precision, let scale):
                encoder.beginStructField(5)
                encoder.writeInt32Field(1, scale)
                encoder.writeInt32Field(2, precision)
                encoder.endStruct()
            case .timestampMillis(let isAdjustedToUTC):
                encoder.beginStructField(8)
                encoder.writeBooleanField(1, isAdjustedToUTC)
                encoder.beginStructField(2)
                encoder.beginStructField(1)
                encoder.endStruct()
                encoder.endStruct()
                encoder.endStruct()
            }
            encoder.endStruct()
        }
    }
}

extension ParquetColumnType {
    var physicalType: ParquetFormat.PhysicalType {
        switch self {
        case .boolean: .boolean
        case .int8, .int16, .int32, .uint8, .uint16, .uint32: .int32
        case .int64, .uint64, .timestampMillis: .int64
        case .decimal(let precision, _): precision <= 9 ? .int32 : .int64
        case .double: .double
        case .string: .byteArray
        }
    }

    var logicalType: ParquetFormat.LogicalType? {
        switch self {
        case .boolean, .int32, .int64, .double: nil
        case .int8: .integer(bitWidth: 8, isSigned: true)
        case .int16: .integer(bitWidth: 16, isSigned: true)
        case .uint8: .integer(bitWidth: 8, isSigned: false)
        case .uint16: .integer(bitWidth: 16, isSigned: false)
        case .uint32: .integer(bitWidth: 32, isSigned: false)
        case .uint64: .integer(bitWidth: 64, isSigned: false)
        case .string: .string
        case .timestampMillis(let isAdjustedToUTC): .timestampMillis(isAdjustedToUTC: isAdjustedToUTC)
        case .decimal(let precision, let scale): .decimal(precision: Int32(precision), scale: Int32(scale))
        }
    }

    var convertedType: ParquetFormat.ConvertedType? {
        switch self {
        case .boolean, .int32, .int64, .double: nil
        case .int8: .signed8
        case .int16: .signed16
        case .uint8: .unsigned8
        case .uint16: .unsigned16
        case .uint32: .unsigned32
        case .uint64: .unsigned64
        case .string: .utf8
        // The legacy annotation means an instant: a time without a zone has none.
        case .timestampMillis(let isAdjustedToUTC): isAdjustedToUTC ? .timestampMillis : nil
        case .decimal: .decimal
        }
    }
}
