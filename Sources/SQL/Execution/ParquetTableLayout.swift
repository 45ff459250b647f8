import Foundation
import Parquet

/// Where and how a filesystem table's rows become Parquet files: the table's directory, the
/// partition directory of a row (`dt=2024-03-01/`, as Flink's filesystem sink and Hive lay them
/// out), and the file's columns, which are the table's physical columns but the partition ones.
struct ParquetTableLayout: Sendable {
    /// Flink's `partition.default-name`: the directory of a NULL partition value.
    static let defaultPartitionName = "__DEFAULT_PARTITION__"

    /// The table's directory, absolute and normalized.
    let directory: String
    /// The physical columns, in the order the job's rows list them.
    let columns: [CatalogColumn]
    /// The positions of the partition columns in a row, in `PARTITIONED BY` order.
    let partitionPositions: [Int]
    /// The positions of the columns written into the files, in file order.
    let dataPositions: [Int]
    /// The files' schema.
    let schema: ParquetSchema

    /// The layout of `table`, whose relative `path` lies under `DATA_DIR/warehouse` and whose
    /// absolute `path` must lie inside the data directory; a path escaping either, a partition
    /// column that is not a physical column, or a column type Parquet cannot hold is an error.
    init(table: CatalogTable, path: String, dataDirectory: String) throws(SQLError) {
        let dataRoot = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let warehouse = dataRoot + "/warehouse"
        let resolved: String
        if path.hasPrefix("/") {
            resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            guard Self.isInside(resolved, root: dataRoot) else {
                throw .validation(
                    "The path '\(path)' of table '\(table.name)' is outside the server's data directory; give a path"
                        + " relative to DATA_DIR/warehouse or an absolute path inside \(dataRoot)"
                )
            }
        } else {
            resolved = URL(fileURLWithPath: warehouse + "/" + path).standardizedFileURL.path
            guard Self.isInside(resolved, root: warehouse), resolved != warehouse else {
                throw .validation(
                    "The path '\(path)' of table '\(table.name)' leaves DATA_DIR/warehouse; name a directory inside it"
                )
            }
        }
        guard resolved != dataRoot else {
            throw .validation("The path '\(path)' of table '\(table.name)' is the data directory itself")
        }
        directory = resolved
        columns = table.physicalColumns
        var partitionPositions: [Int] = []
        for name in table.partitionedBy {
            guard let position = columns.firstIndex(where: { $0.name == name }) else {
                throw .validation("Partition column '\(name)' is not a physical column of table '\(table.name)'")
            }
            partitionPositions.append(position)
        }
        self.partitionPositions = partitionPositions
        dataPositions = columns.indices.filter { !partitionPositions.contains($0) }
        guard !dataPositions.isEmpty else {
            throw .validation("Table '\(table.name)' is partitioned by all its columns; its files would have none")
        }
        var parquetColumns: [ParquetColumn] = []
        for position in dataPositions {
            let column = columns[position]
            parquetColumns.append(
                ParquetColumn(
                    name: column.name,
                    type: try Self.parquetType(of: column.type, column: column.name),
                    isNullable: column.type.isNullable
                )
            )
        }
        schema = ParquetSchema(parquetColumns)
    }

    /// The Parquet type that holds a SQL type's values.
    static func parquetType(of type: SQLType, column: String) throws(SQLError) -> ParquetColumnType {
        switch type.kind {
        case .boolean: return .boolean
        case .tinyInt: return .int8
        case .smallInt: return .int16
        case .integer: return .int32
        case .bigInt: return .int64
        case .float, .double: return .double
        case .decimal(let precision, let scale):
            // Wider decimals do not fit the INT64 the writer stores unscaled values in; their text does.
            return precision <= ParquetColumnType.maximumDecimalPrecision
                ? .decimal(precision: precision, scale: scale) : .string
        case .char, .varchar: return .string
        case .timestamp: return .timestampMillis(isAdjustedToUTC: false)
        case .timestampWithLocalTimeZone: return .timestampMillis(isAdjustedToUTC: true)
        default:
            throw .unsupported("a \(type) column ('\(column)') in a parquet table")
        }
    }

    /// The directory of `row`'s partition relative to the table's: `dt=2024-03-01/hr=10`, or "".
    func partitionDirectory(of row: SQLRow) -> String {
        partitionPositions.map { position in
            let column = columns[position]
            // Flink writes NULL and the empty string to the default partition alike.
            let value = row[position].text(as: column.type) ?? ""
            let text = value.isEmpty ? Self.defaultPartitionName : value
            return Self.escaped(column.name) + "=" + Self.escaped(text)
        }
        .joined(separator: "/")
    }

    /// The values `row` writes into its file, in the schema's order.
    func parquetValues(of row: SQLRow) -> [ParquetValue] {
        dataPositions.map { position in
            Self.parquetValue(row[position], type: columns[position].type)
        }
    }

    static func parquetValue(_ value: SQLValue, type: SQLType) -> ParquetValue {
        switch value {
        case .null: return .null
        case .boolean(let boolean): return .boolean(boolean)
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .string(let string): return .string(string)
        case .timestamp(let milliseconds): return .integer(milliseconds)
        case .decimal:
            let text = value.text(as: type) ?? ""
            guard case .decimal(let precision, _) = type.kind, precision <= ParquetColumnType.maximumDecimalPrecision,
                let unscaled = Int64(text.replacingOccurrences(of: ".", with: ""))
            else { return .string(text) }
            return .integer(unscaled)
        default:
            return .string(value.text(as: type) ?? "")
        }
    }

    /// A partition name or value as Hive and Flink escape it in a path: `%` and the characters a
    /// path or a `key=value` pair gives a meaning to as `%XX`.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || "\"#%'*/:=?\\{[]^".unicodeScalars.contains(scalar) {
                output += String(format: "%%%02X", scalar.value)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        // "." and ".." would name the directory itself or its parent.
        return output == "." || output == ".." ? output.replacingOccurrences(of: ".", with: "%2E") : output
    }

    private static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root + "/")
    }
}
