import Foundation

/// Cells of the Markdown tables the benchmarks print, as docs/benchmarks.md quotes them.
enum MarkdownTable {
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// `count / seconds`, rounded, with thousands separators.
    static func rate(_ count: Int, _ seconds: Double) -> String {
        let value = Int((Double(count) / seconds).rounded())
        return value.formatted(.number.grouping(.automatic))
    }
}
