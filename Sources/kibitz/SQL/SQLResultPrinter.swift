import Foundation

/// Renders statement results and view rows as a table (Flink SQL client's tableau), CSV or JSON lines.
struct SQLResultPrinter {
    enum Format: String, CaseIterable {
        case table
        case csv
        case json
    }

    let format: Format

    /// What each statement of a script did, one line each, with SHOW/DESCRIBE tables and plans.
    func render(results: [JSONValue]) -> [String] {
        results.map { result in
            switch result["kind"]?.string ?? "" {
            case "rows":
                let columns = result["columns"]?.array.compactMap(\.string) ?? []
                let rows = result["rows"]?.array.map { $0.array.map(\.text) } ?? []
                return render(columns: columns, rows: rows)
            case "plan":
                return result["plan"]?.string ?? ""
            default:
                return "[INFO] " + (result["message"]?.string ?? "")
            }
        }
    }

    /// A view's rows, as lines: JSON prints one per row (none for an empty result, so that every
    /// line a reader gets is a row), CSV a header first, a table its box and a count.
    func render(view: JSONValue) -> [String] {
        let columns = view["columns"]?.array.compactMap { $0["name"]?.string } ?? []
        let rows = view["rows"]?.array ?? []
        switch format {
        case .json:
            return rows.map(\.json)
        case .csv:
            return [columns.map { Self.csvField($0) }.joined(separator: ",")]
                + rows.map { row in columns.map { Self.csvField(row[$0]?.text) }.joined(separator: ",") }
        case .table:
            let table = render(columns: columns, rows: rows.map { row in columns.map { row[$0]?.text } })
            return [table, "\(rows.count) row\(rows.count == 1 ? "" : "s") in set"]
        }
    }

    /// A boxed table of text.
    func render(columns: [String], rows: [[String?]]) -> String {
        let cells = rows.map { $0.map { $0 ?? "<NULL>" } }
        var widths = columns.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        let border = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ values: [String]) -> String {
            "|"
                + zip(values, widths).map { " " + $0 + String(repeating: " ", count: $1 - $0.count) + " " }.joined(
                    separator: "|"
                ) + "|"
        }
        return ([border, line(columns), border] + cells.map(line) + [border]).joined(separator: "\n")
    }

    private static func csvField(_ value: String?) -> String {
        guard let value else { return "" }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
