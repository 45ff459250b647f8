/// One change of a table: the key's new value, or nil when the key was removed.
public struct TableChange<Key: Hashable & Sendable, Value> {
    public var key: Key
    public var value: Value?

    public init(key: Key, value: Value?) {
        self.key = key
        self.value = value
    }
}

extension TableChange: Sendable where Value: Sendable {}
extension TableChange: Equatable where Value: Equatable {}
extension TableChange: Codable where Key: Codable, Value: Codable {}
