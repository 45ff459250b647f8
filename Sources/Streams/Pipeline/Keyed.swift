/// A value with the key it was grouped by.
public struct Keyed<Key: Hashable & Sendable, Value> {
    public var key: Key
    public var value: Value

    public init(key: Key, value: Value) {
        self.key = key
        self.value = value
    }
}

extension Keyed: Sendable where Value: Sendable {}
extension Keyed: Equatable where Value: Equatable {}
extension Keyed: Hashable where Value: Hashable {}
extension Keyed: Codable where Key: Codable, Value: Codable {}
