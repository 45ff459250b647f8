/// `RowGroup` of parquet.thrift.
struct RowGroupMetadata {
    var columns: [ColumnChunkMetadata]
    var rowCount: Int64
    /// The row group's position in the file; left out past `Int16.max`, which the field cannot hold.
    var ordinal: Int16?

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeListFieldHeader(1, elementType: .structure, count: columns.count)
        for column in columns { column.encode(to: &encoder) }
        encoder.writeInt64Field(2, columns.reduce(0) { $0 + $1.totalUncompressedSize })
        encoder.writeInt64Field(3, rowCount)
        if let first = columns.first { encoder.writeInt64Field(5, first.dataPageOffset) }
        encoder.writeInt64Field(6, columns.reduce(0) { $0 + $1.totalCompressedSize })
        if let ordinal { encoder.writeInt16Field(7, ordinal) }
        encoder.endStruct()
    }
}
