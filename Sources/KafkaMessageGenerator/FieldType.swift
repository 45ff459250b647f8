/// A field's wire type, parsed from a schema's `type` string.
indirect enum FieldType: Equatable {
    case int8, int16, int32, int64, uint16, uint32, float64, bool, string, bytes, records, uuid
    case structure(String)
    case array(FieldType)

    init(_ text: String) throws {
        if text.hasPrefix("[]") {
            self = .array(try FieldType(String(text.dropFirst(2))))
            return
        }
        switch text {
        case "int8": self = .int8
        case "int16": self = .int16
        case "int32": self = .int32
        case "int64": self = .int64
        case "uint16": self = .uint16
        case "uint32": self = .uint32
        case "float64": self = .float64
        case "bool": self = .bool
        case "string": self = .string
        case "bytes": self = .bytes
        case "records": self = .records
        case "uuid": self = .uuid
        default:
            guard let first = text.first, first.isUppercase else {
                throw GeneratorError.invalidSchema("type \"\(text)\"")
            }
            self = .structure(text)
        }
    }

    /// The Swift type holding a value of this wire type (not yet optional).
    var swiftType: String {
        switch self {
        case .int8: "Int8"
        case .int16: "Int16"
        case .int32: "Int32"
        case .int64: "Int64"
        case .uint16: "UInt16"
        case .uint32: "UInt32"
        case .float64: "Double"
        case .bool: "Bool"
        case .string: "String"
        case .bytes, .records: "ByteBuffer"
        case .uuid: "KafkaUUID"
        case .structure(let name): name
        case .array(let element): "[\(element.swiftType)]"
        }
    }

    /// The struct this type names, directly or as an array's element.
    var structName: String? {
        switch self {
        case .structure(let name): name
        case .array(let element): element.structName
        default: nil
        }
    }

    var isNumeric: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint16, .uint32, .float64: true
        default: false
        }
    }
}
