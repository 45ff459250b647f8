/// A record header: a name with an optional binary value.
public struct KafkaHeader: Sendable, Hashable {
    public var name: String
    /// The value, or nil for a header that has a name only.
    public var value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Makes a header whose value is the UTF-8 bytes of `value`.
    public init(name: String, value: String) {
        self.init(name: name, value: Array(value.utf8))
    }
}
