import Foundation

/// The bytes of a written Parquet file, with the parts a test can check without a Parquet reader:
/// the `PAR1` magic at both ends and the footer (Thrift compact `FileMetaData`) before the last 8 bytes.
struct ParquetFileBytes {
    static let magic = Array("PAR1".utf8)

    let bytes: [UInt8]

    init(path: String) throws {
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    var hasMagicAtBothEnds: Bool {
        bytes.count >= 12 && Array(bytes.prefix(4)) == Self.magic && Array(bytes.suffix(4)) == Self.magic
    }

    /// The footer's length, the little-endian 32-bit number before the closing magic.
    var footerLength: Int {
        let end = bytes.count - 4
        return (0..<4).reduce(0) { $0 | Int(bytes[end - 4 + $1]) << (8 * $1) }
    }

    /// Whether the footer's length fits between the opening magic and the end.
    var hasSaneFooter: Bool {
        hasMagicAtBothEnds && footerLength > 0 && footerLength + 12 <= bytes.count
    }

    /// The footer's text: Thrift's compact strings (column names, `created_by`) appear in it verbatim.
    var footerText: String {
        String(decoding: bytes[(bytes.count - 8 - footerLength)..<(bytes.count - 8)], as: UTF8.self)
    }
}
