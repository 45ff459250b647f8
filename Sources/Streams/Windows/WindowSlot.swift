/// A key's window: the unit of window state.
@usableFromInline
struct WindowSlot<Key: Hashable & Codable & Sendable>: Hashable, Codable {
    @usableFromInline var key: Key
    @usableFromInline var window: Window

    @inlinable
    init(key: Key, window: Window) {
        self.key = key
        self.window = window
    }
}
