import CEditLine
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads lines for `kibitz sql`'s interactive mode: on a terminal with line editing and a history
/// kept across sessions (libedit, in `~/.kibitz_sql_history`), from a pipe plainly.
struct LineReader {
    let isTerminal: Bool
    private let historyPath: String?

    init() {
        isTerminal = isatty(STDIN_FILENO) != 0
        guard isTerminal, let home = ProcessInfo.processInfo.environment["HOME"] else {
            historyPath = nil
            return
        }
        historyPath = home + "/.kibitz_sql_history"
        using_history()
        _ = read_history(historyPath)
    }

    /// The next line, after `prompt` on a terminal; nil at the end of input.
    func readLine(prompt: String) -> String? {
        guard isTerminal else { return Swift.readLine() }
        guard let line = readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    /// Keeps a submitted statement in the history, so that the up arrow brings it back.
    func remember(_ statement: String) {
        guard let historyPath else { return }
        add_history(statement)
        _ = write_history(historyPath)
    }
}
