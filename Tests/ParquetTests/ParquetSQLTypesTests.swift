import Foundation
import Parquet
import Testing

/// The column types SQL tables need beyond the arena's: timestamps in milliseconds and decimals.
/// tests/e2e/test_sql_parquet.py reads such files with pyarrow and DuckDB; here, what a reader is
/// not needed for: which values are taken, which schemas are refused, and what the footer says.
struct ParquetSQLTypesTests {
    private static let schema: ParquetSchema = [
        ParquetColumn(name: "at", type: .timestampMillis(isAdjustedToUTC: false)),
        ParquetColumn(name: "instant", type: .timestampMillis(isAdjustedToUTC: true), isNullable: true),
        ParquetColumn(name: "price", type: .decimal(precision: 9, scale: 2)),
        ParquetColumn(name: "total", type: .decimal(precision: 18, scale: 4), isNullable: true),
    ]

    private static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sql-types-\(UUID().uuidString).parquet").path
    }

    @Test func timestampsAndDecimalsAreWritten() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ParquetWriter(path: path, schema: Self.schema, compression: .uncompressed)
        try writer.write([
            [.integer(1_709_251_200_000), .integer(-1), .integer(999_999_999), .integer(-999_999_999_999_999_999)],
            [.integer(0), nil, .integer(-12_345), nil],
        ])
        try writer.close()
        let file = try ParquetFileBytes(path: path)
        #expect(file.hasSaneFooter)
        for name in ["at", "instant", "price", "total"] { #expect(file.footerText.contains(name)) }
    }

    @Test func decimalsOutsideTheirPrecisionAndNonIntegersAreRefused() throws {
        let path = Self.temporaryPath()
        let writer = try ParquetWriter(path: path, schema: Self.schema)
        defer { writer.cancel() }
        let price = ParquetColumnType.decimal(precision: 9, scale: 2)
        #expect(throws: ParquetError.invalidValue(row: 0, column: "price", type: price, value: 1_000_000_000)) {
            try writer.write(row: [0, nil, 1_000_000_000, nil])
        }
        #expect(throws: ParquetError.invalidValue(row: 0, column: "price", type: price, value: "1.50")) {
            try writer.write(row: [0, nil, "1.50", nil])
        }
        let timestamp = ParquetColumnType.timestampMillis(isAdjustedToUTC: false)
        #expect(throws: ParquetError.invalidValue(row: 0, column: "at", type: timestamp, value: 1.5)) {
            try writer.write(row: [1.5, nil, 1, nil])
        }
        #expect(writer.rowCount == 0)
    }

    @Test(arguments: [(0, 0), (19, 2), (5, 6), (5, -1)])
    func decimalsOfAnImpossiblePrecisionOrScaleAreRefused(_ precisionAndScale: (Int, Int)) {
        let (precision, scale) = precisionAndScale
        let schema: ParquetSchema = [ParquetColumn(name: "amount", type: .decimal(precision: precision, scale: scale))]
        #expect(throws: ParquetError.self) { try ParquetWriter(path: Self.temporaryPath(), schema: schema) }
    }
}
