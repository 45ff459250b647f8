import Foundation
import Parquet
import Testing

/// Writes the sample files that tests/e2e/test_parquet_files.py checks with pyarrow and DuckDB.
///
/// They go to `KIBITZ_PARQUET_SAMPLES` when set, otherwise to `.build/parquet-samples` when the tests
/// run from the package root (where `.build` exists); elsewhere the test writes nothing.
struct SampleFileTests {
    private static var directory: String? {
        if let configured = ProcessInfo.processInfo.environment["KIBITZ_PARQUET_SAMPLES"], !configured.isEmpty {
            return configured
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: ".build", isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return ".build/parquet-samples"
    }

    @Test func writeSampleFiles() throws {
        guard let directory = Self.directory else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        let gameMeta = try ParquetWriter(
            path: directory + "/game_meta.parquet",
            rowType: GameMeta.self,
            rowGroupSize: SampleTables.rowGroupSize
        )
        try gameMeta.write((0..<SampleTables.rowCount).map(SampleTables.gameMetaRow))
        try gameMeta.close()

        let gamePodium = try ParquetWriter(
            path: directory + "/game_podium.parquet",
            schema: SampleTables.gamePodiumSchema,
            rowGroupSize: SampleTables.rowGroupSize
        )
        // Written in uneven batches, so row groups do not line up with calls.
        for start in stride(from: 0, to: SampleTables.rowCount, by: 333) {
            let end = min(start + 333, SampleTables.rowCount)
            try gamePodium.write((start..<end).map(SampleTables.gamePodiumRow))
        }
        try gamePodium.close()

        let allTypes = try ParquetWriter(
            path: directory + "/all_types.parquet",
            schema: SampleTables.allTypesSchema,
            compression: .uncompressed,
            rowGroupSize: SampleTables.allTypesRowGroupSize
        )
        try allTypes.write((0..<SampleTables.allTypesRowCount).map(SampleTables.allTypesRow))
        try allTypes.close()

        let empty = try ParquetWriter(path: directory + "/empty.parquet", schema: SampleTables.gameMetaSchema)
        try empty.close()
    }
}
