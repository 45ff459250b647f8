#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error, keeping standard output for machine-readable results.
func printToStandardError(_ line: String) {
    let text = line + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

/// Flushes standard output; needed after each protocol line because a pipe makes stdout fully buffered.
func flushStandardOutput() {
    fflush(nil)
}
