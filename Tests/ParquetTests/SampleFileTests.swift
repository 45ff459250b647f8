import Foundation
import Parquet
import Testing

/// Writes the sample files that tests/e2e/test_parquet_files.py checks with pyarrow and DuckDB,
/// and checks here what can be checked without a Parquet reader.
///
/// They go to `KIBITZ_PARQUET_SAMPLES` when set, otherwise to `.build/parquet-samples` when the tests
/// run from the package root (where `.build` exists), otherwise to a temporary directory removed after.
struct SampleFileTests {
    /// Where the end-to-end test looks for the samples, if it can see this run's directory at all.
    private static var sharedDirectory: String? {
        if let configured = ProcessInfo.processInfo.environment["KIBITZ_PARQUET_SAMPLES"], !configured.isEmpty {
            return configured
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: ".build", isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return ".build/parquet-samples"
    }

    /// Each sample with its schema and its number of rows.
    private static let samples: [(name: String, schema: ParquetSchema, rows: Int)] = [
        ("game_meta", SampleTables.gameMetaSchema, SampleTables.rowCount),
        ("game_podium", SampleTables.gamePodiumSchema, SampleTables.rowCount),
        ("all_types", SampleTables.allTypesSchema, SampleTables.allTypesRowCount),
        ("empty", SampleTables.gameMetaSchema, 0),
    ]

    @Test func writeSampleFiles() throws {
        let directory = Self.sharedDirectory ?? NSTemporaryDirectory() + "parquet-samples-" + UUID().uuidString
        defer { if Self.sharedDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory + "/" + name + ".parquet" }

        let gameMeta = try ParquetWriter(
            path: path("game_meta"),
            rowType: GameMeta.self,
            rowGroupSize: SampleTables.rowGroupSize
        )
        try gameMeta.write((0..<SampleTables.rowCount).map(SampleTables.gameMetaRow))
        #expect(gameMeta.rowCount == SampleTables.rowCount)
        try gameMeta.close()

        let gamePodium = try ParquetWriter(
            path: path("game_podium"),
            schema: SampleTables.gamePodiumSchema,
            rowGroupSize: SampleTables.rowGroupSize
        )
        // Written in uneven batches, so row groups do not line up with calls.
        for start in stride(from: 0, to: SampleTables.rowCount, by: 333) {
            let end = min(start + 333, SampleTables.rowCount)
            try gamePodium.write((start..<end).map(SampleTables.gamePodiumRow))
        }
        #expect(gamePodium.rowCount == SampleTables.rowCount)
        try gamePodium.close()

        let allTypes = try ParquetWriter(
            path: path("all_types"),
            schema: SampleTables.allTypesSchema,
            compression: .uncompressed,
            rowGroupSize: SampleTables.allTypesRowGroupSize
        )
        try allTypes.write((0..<SampleTables.allTypesRowCount).map(SampleTables.allTypesRow))
        #expect(allTypes.rowCount == SampleTables.allTypesRowCount)
        try allTypes.close()

        let empty = try ParquetWriter(path: path("empty"), schema: SampleTables.gameMetaSchema)
        try empty.close()

        for sample in Self.samples {
            let file = try ParquetFileBytes(path: path(sample.name))
            #expect(file.hasSaneFooter, "\(sample.name)")
            let footer = file.footerText
            #expect(footer.contains("kibitz"), "\(sample.name): the footer names its creator")
            for column in sample.schema.columns {
                #expect(footer.contains(column.name), "\(sample.name): the footer declares \(column.name)")
            }
            // An empty file has the magic and the footer only; a file of rows has data pages too.
            #expect((sample.rows == 0) == (file.bytes.count == 12 + file.footerLength), "\(sample.name)")
        }
    }
}
