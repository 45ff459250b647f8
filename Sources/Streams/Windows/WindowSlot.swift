/// A key's window: the unit of window state.
struct WindowSlot<Key: Hashable & Codable & Sendable>: Hashable, Codable {
    var key: Key
    var window: Window
}
