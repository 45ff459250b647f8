/// `PageHeader` of parquet.thrift with a `DataPageHeader` (version 1 data page).
struct PageHeader {
    var uncompressedSize: Int32
    var compressedSize: Int32
    /// Values in the page, nulls included.
    var valueCount: Int32
    var encoding: ParquetFormat.Encoding = .plain

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeInt32Field(1, ParquetFormat.PageType.dataPage.rawValue)
        encoder.writeInt32Field(2, uncompressedSize)
        encoder.writeInt32Field(3, compressedSize)
        encoder.beginStructField(5)
        encoder.writeInt32Field(1, valueCount)
        encoder.writeInt32Field(2, encoding.rawValue)
        // Levels use the RLE hybrid; a required column simply has none in its page.
        encoder.writeInt32Field(3, ParquetFormat.Encoding.runLength.rawValue)
        encoder.writeInt32Field(4, ParquetFormat.Encoding.runLength.rawValue)
        encoder.endStruct()
        encoder.endStruct()
    }

    /// The header as the bytes that precede the page body in the file.
    var encoded: [UInt8] {
        var encoder = ThriftCompactEncoder()
        encode(to: &encoder)
        return encoder.bytes
    }
}
