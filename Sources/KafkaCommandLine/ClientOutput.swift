#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error for the client commands: stdout carries data only, stderr everything else.
///
/// Output is buffered and written with `write(2)` rather than stdio, so that a fast consumer does
/// not make a system call per message and nothing depends on stdio's global streams.
public final class ClientOutput {
    private var buffer: [UInt8] = []

    public init() {}

    /// Writes one line to standard error at once.
    public static func report(_ line: String) {
        writeAll(Array((line + "\n").utf8), to: 2)
    }

    /// Adds bytes to standard output; they show after `flush()` or once enough have gathered.
    public func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 64 * 1_024 { flush() }
    }

    /// Adds a line of text to standard output.
    public func writeLine(_ line: String) {
        write(Array((line + "\n").utf8))
    }

    /// Writes everything gathered so far to standard output.
    public func flush() {
        Self.writeAll(buffer, to: 1)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                // A closed pipe or full disk: nothing sensible is left to do with the output.
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// The C library's `write`, named apart from `ClientOutput.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
