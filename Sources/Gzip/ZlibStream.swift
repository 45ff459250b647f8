import CZlib

/// A `z_stream` at an address that stays put: zlib keeps a pointer back to the stream and checks
/// it on every call, which a Swift local passed inout does not promise.
final class ZlibStream {
    let pointer: UnsafeMutablePointer<z_stream>

    init() {
        pointer = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        pointer.initialize(to: z_stream())
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    /// Points zlib at `input`, which must stay valid while the stream reads it.
    func setInput(_ input: UnsafeRawBufferPointer) {
        // zlib never writes through next_in; the mutable pointer is its C signature only.
        pointer.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        pointer.pointee.avail_in = uInt(input.count)
    }

    /// zlib's message for the last failure, or the bare status.
    func message(for status: Int32) -> String {
        if let text = pointer.pointee.msg { return String(cString: text) }
        return "zlib status \(status)"
    }
}
