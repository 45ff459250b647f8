#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a line to standard error, keeping standard output for machine-readable results.
func printToStandardError(_ line: String) {
    writeAll(line + "\n", to: 2)
}

/// Writes a line straight to standard output, unbuffered, so a GUI reading a pipe sees it at once.
///
/// The stdio alternative (print then fflush) can block: glibc's fflush of all streams waits for the
/// stdin lock, which `readLine` holds while it waits for the GUI's next command.
func writeLineToStandardOutput(_ line: String) {
    writeAll(line + "\n", to: 1)
}

private func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    bytes.withUnsafeMutableBytes { buffer in
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
