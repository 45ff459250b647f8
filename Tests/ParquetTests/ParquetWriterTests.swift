import Foundation
import Parquet
import Testing

struct ParquetWriterTests {
    /// A fresh directory per test, removed afterwards.
    private final class TemporaryDirectory {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }

        var entries: [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        }
    }

    @Test(arguments: [ParquetCompression.gzip, .uncompressed])
    func fileStartsAndEndsWithMagicAndHasASaneFooter(_ compression: ParquetCompression) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/game_meta.parquet"
        let writer = try ParquetWriter(
            path: path,
            rowType: GameMeta.self,
            compression: compression,
            rowGroupSize: SampleTables.rowGroupSize
        )
        try writer.write((0..<SampleTables.rowCount).map(SampleTables.gameMetaRow))
        #expect(writer.rowCount == SampleTables.rowCount)
        try writer.close()

        let file = try ParquetFileBytes(path: path)
        #expect(file.hasMagicAtBothEnds)
        #expect(file.hasSaneFooter)
        // The first page header opens at byte 4: field 1 (type i32) with DATA_PAGE, which is 0.
        #expect(Array(file.bytes[4..<6]) == [0x15, 0x00])
        // The footer names its creator.
        #expect(file.footerText.contains("kibitz"))
        #expect(directory.entries == ["game_meta.parquet"])
    }

    @Test func fileAppearsOnlyOnClose() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/table.parquet"
        let writer = try ParquetWriter(path: path, schema: SampleTables.gameMetaSchema)
        try writer.write([["a", "b", 1]])
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(directory.entries.count == 1)
        #expect(directory.entries.allSatisfy { $0.hasPrefix(".table.parquet.") && $0.hasSuffix(".tmp") })
        try writer.close()
        #expect(directory.entries == ["table.parquet"])
        #expect(throws: ParquetError.writerClosed) { try writer.write(row: ["a", "b", 2]) }
    }

    @Test func cancelAndDropLeaveNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let writer = try ParquetWriter(path: directory.path + "/a.parquet", schema: SampleTables.gameMetaSchema)
        try writer.write(row: ["a", "b", 1])
        writer.cancel()
        #expect(directory.entries.isEmpty)

        do {
            let dropped = try ParquetWriter(path: directory.path + "/b.parquet", schema: SampleTables.gameMetaSchema)
            try dropped.write(row: ["a", "b", 1])
        }
        #expect(directory.entries.isEmpty)
    }

    @Test func closeReplacesAnExistingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/table.parquet"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try ParquetWriter(path: path, schema: SampleTables.gameMetaSchema)
        try writer.write(row: ["a", "b", 1])
        try writer.close()
        #expect(try ParquetFileBytes(path: path).hasMagicAtBothEnds)
    }

    @Test func badRowsThrowAndChangeNothing() throws {
        let directory = try TemporaryDirectory()
        let writer = try ParquetWriter(path: directory.path + "/t.parquet", schema: SampleTables.gameMetaSchema)
        #expect(throws: ParquetError.rowWidthMismatch(row: 1, expected: 3, actual: 2)) {
            try writer.write([["a", "b", 1], ["a", "b"]])
        }
        #expect(throws: ParquetError.invalidValue(row: 0, column: "superhero_id", type: .uint16, value: 65_536)) {
            try writer.write(row: ["a", "b", 65_536])
        }
        #expect(throws: ParquetError.invalidValue(row: 0, column: "superhero_id", type: .uint16, value: -1)) {
            try writer.write(row: ["a", "b", -1])
        }
        #expect(throws: ParquetError.invalidValue(row: 0, column: "game_token", type: .string, value: nil)) {
            try writer.write(row: [nil, "b", 1])
        }
        #expect(throws: ParquetError.invalidValue(row: 0, column: "user_token", type: .string, value: 7)) {
            try writer.write(row: ["a", 7, 1])
        }
        #expect(writer.rowCount == 0)
        try writer.close()
    }

    @Test func typedRowsMustMatchTheWritersSchema() throws {
        let directory = try TemporaryDirectory()
        let writer = try ParquetWriter(path: directory.path + "/t.parquet", schema: SampleTables.gamePodiumSchema)
        #expect(throws: ParquetError.schemaMismatch) {
            try writer.write([SampleTables.gameMetaRow(0)])
        }
        writer.cancel()
    }

    @Test func invalidSchemasAreRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/t.parquet"
        #expect(throws: ParquetError.self) { try ParquetWriter(path: path, schema: []) }
        #expect(throws: ParquetError.self) {
            try ParquetWriter(
                path: path,
                schema: [ParquetColumn(name: "a", type: .string), ParquetColumn(name: "a", type: .uint8)]
            )
        }
        #expect(throws: ParquetError.invalidRowGroupSize(0)) {
            try ParquetWriter(path: path, schema: SampleTables.gameMetaSchema, rowGroupSize: 0)
        }
        #expect(directory.entries.isEmpty)
    }

    @Test func missingDirectoryIsAFileSystemError() {
        #expect {
            try ParquetWriter(path: "/nonexistent-directory-for-parquet/t.parquet", schema: SampleTables.gameMetaSchema)
        } throws: { error in
            guard case .fileSystem(let operation, _, _) = error as? ParquetError else { return false }
            return operation == "open"
        }
    }
}
