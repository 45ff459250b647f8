/// `Statistics` of parquet.thrift for one column chunk.
///
/// Only `min_value`/`max_value` are written, never the deprecated `min`/`max`: those are defined by
/// signed comparison, which is wrong for unsigned integers, and the footer's `column_orders` says that
/// the new fields follow each column's logical type.
struct StatisticsMetadata {
    var nullCount: Int64
    /// PLAIN encoded bounds (strings without their length prefix), absent when unknown or too long.
    var minimumValue: [UInt8]?
    var maximumValue: [UInt8]?
    /// Written for floating point columns, where readers must not assume that NaN is absent.
    var nanCount: Int64?

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeInt64Field(3, nullCount)
        if let maximumValue { encoder.writeBinaryField(5, maximumValue) }
        if let minimumValue { encoder.writeBinaryField(6, minimumValue) }
        if minimumValue != nil && maximumValue != nil {
            // The bounds are the actual extremes, not truncated approximations.
            encoder.writeBooleanField(7, true)
            encoder.writeBooleanField(8, true)
        }
        if let nanCount { encoder.writeInt64Field(9, nanCount) }
        encoder.endStruct()
    }
}
