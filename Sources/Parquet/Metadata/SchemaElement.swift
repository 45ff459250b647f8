/// `SchemaElement` of parquet.thrift: the root group or one leaf column of the flattened schema tree.
struct SchemaElement {
    var name: String
    var physicalType: ParquetFormat.PhysicalType?
    var repetition: ParquetFormat.Repetition?
    var childCount: Int32?
    var convertedType: ParquetFormat.ConvertedType?
    /// The legacy `DECIMAL` annotation's scale and precision, which readers of `convertedType` need.
    var scale: Int32?
    var precision: Int32?
    var logicalType: ParquetFormat.LogicalType?

    /// The root of a flat schema: a group whose children are all the columns.
    static func root(childCount: Int) -> SchemaElement {
        SchemaElement(name: "schema", childCount: Int32(childCount))
    }

    /// A leaf for one column.
    init(column: ParquetColumn) {
        name = column.name
        physicalType = column.type.physicalType
        repetition = column.isNullable ? .optional : .required
        convertedType = column.type.convertedType
        logicalType = column.type.logicalType
        if case .decimal(let precision, let scale) = column.type {
            self.precision = Int32(precision)
            self.scale = Int32(scale)
        }
    }

    private init(name: String, childCount: Int32) {
        self.name = name
        self.childCount = childCount
    }

    func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        if let physicalType { encoder.writeInt32Field(1, physicalType.rawValue) }
        if let repetition { encoder.writeInt32Field(3, repetition.rawValue) }
        encoder.writeStringField(4, name)
        if let childCount { encoder.writeInt32Field(5, childCount) }
        if let convertedType { encoder.writeInt32Field(6, convertedType.rawValue) }
        if let scale { encoder.writeInt32Field(7, scale) }
        if let precision { encoder.writeInt32Field(8, precision) }
        if let logicalType {
            encoder.writeFieldHeader(10, type: .structure)
            logicalType.encode(to: &encoder)
        }
        encoder.endStruct()
    }
}
