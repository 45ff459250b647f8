/// `FileMetaData` of parquet.thrift: the footer that describes the whole file.
struct FileMetadata {
    var schema: ParquetSchema
    var rowCount: Int64
    var rowGroups: [RowGroupMetadata]
    var createdBy: String

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        // The format asks writers to put 1 here for the widest reader compatibility.
        encoder.writeInt32Field(1, 1)
        encoder.writeListFieldHeader(2, elementType: .structure, count: schema.columns.count + 1)
        SchemaElement.root(childCount: schema.columns.count).encode(to: &encoder)
        for column in schema.columns { SchemaElement(column: column).encode(to: &encoder) }
        encoder.writeInt64Field(3, rowCount)
        encoder.writeListFieldHeader(4, elementType: .structure, count: rowGroups.count)
        for rowGroup in rowGroups { rowGroup.encode(to: &encoder) }
        encoder.writeStringField(6, createdBy)
        // Without column_orders the min_value/max_value statistics would be undefined; TYPE_ORDER
        // (field 1, an empty struct) makes unsigned columns compare as unsigned.
        encoder.writeListFieldHeader(7, elementType: .structure, count: schema.columns.count)
        for _ in schema.columns {
            encoder.beginStruct()
            encoder.beginStructField(1)
            encoder.endStruct()
            encoder.endStruct()
        }
        encoder.endStruct()
    }

    var encoded: [UInt8] {
        var encoder = ThriftCompactEncoder()
        encode(to: &encoder)
        return encoder.bytes
    }
}
