/// One change of IncrementalAlterConfigs, with Kafka's operation codes.
public struct ConfigAlteration: Sendable, Hashable {
    public enum Operation: Int8, Sendable, Hashable {
        /// Sets the value for the resource.
        case set = 0
        /// Removes the resource's value, so the default applies again.
        case delete = 1
        /// Adds items to a list config (those not in it yet).
        case append = 2
        /// Removes items from a list config.
        case subtract = 3
    }

    public var name: String
    public var operation: Operation
    /// The value or the items, comma-separated; ignored by `delete`.
    public var value: String?

    public init(name: String, operation: Operation, value: String?) {
        self.name = name
        self.operation = operation
        self.value = value
    }
}
