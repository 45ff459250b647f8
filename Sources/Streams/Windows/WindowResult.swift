/// The aggregate of one key in one window.
public struct WindowResult<Key: Hashable & Sendable, Value> {
    public var key: Key
    public var window: Window
    public var value: Value

    public init(key: Key, window: Window, value: Value) {
        self.key = key
        self.window = window
        self.value = value
    }
}

extension WindowResult: Sendable where Value: Sendable {}
extension WindowResult: Equatable where Value: Equatable {}
extension WindowResult: Hashable where Value: Hashable {}

extension WindowResult: Codable where Key: Codable, Value: Codable {
    private enum CodingKeys: String, CodingKey {
        case key
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(Key.self, forKey: .key)
        window = Window(
            start: try container.decode(Int64.self, forKey: .windowStart),
            end: try container.decode(Int64.self, forKey: .windowEnd)
        )
        value = try container.decode(Value.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        // In the sorted order sinks write, so the encoder has nothing to reorder.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(value, forKey: .value)
        try container.encode(window.end, forKey: .windowEnd)
        try container.encode(window.start, forKey: .windowStart)
    }
}
