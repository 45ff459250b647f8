/// Heap memory for the fields of an object that do not fit on the stack.
final class JSONFieldStorage {
    let buffer: UnsafeMutableBufferPointer<JSONField>

    init(capacity: Int) {
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }
}
