/// `ColumnChunk` of parquet.thrift with its `ColumnMetaData`: where one column of one row group lives.
struct ColumnChunkMetadata {
    var physicalType: ParquetFormat.PhysicalType
    var encodings: [ParquetFormat.Encoding]
    var path: [String]
    var codec: ParquetFormat.CompressionCodec
    /// Values in the chunk, nulls included.
    var valueCount: Int64
    /// Page headers plus page bodies before compression.
    var totalUncompressedSize: Int64
    /// Page headers plus page bodies as stored.
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var statistics: StatisticsMetadata?

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        // file_offset is required but deprecated; the format asks writers to set 0.
        encoder.writeInt64Field(2, 0)
        encoder.beginStructField(3)
        encoder.writeInt32Field(1, physicalType.rawValue)
        encoder.writeListFieldHeader(2, elementType: .int32, count: encodings.count)
        for encoding in encodings { encoder.writeInteger(Int64(encoding.rawValue)) }
        encoder.writeListFieldHeader(3, elementType: .binary, count: path.count)
        for name in path { encoder.writeString(name) }
        encoder.writeInt32Field(4, codec.rawValue)
        encoder.writeInt64Field(5, valueCount)
        encoder.writeInt64Field(6, totalUncompressedSize)
        encoder.writeInt64Field(7, totalCompressedSize)
        encoder.writeInt64Field(9, dataPageOffset)
        if let statistics {
            encoder.writeFieldHeader(12, type: .structure)
            statistics.encode(to: &encoder)
        }
        encoder.endStruct()
        encoder.endStruct()
    }
}
