import FastJSON
import Foundation

/// One value per key, checkpointed with the pipeline: keyed state for windows, tables and custom
/// operators.
public final class KeyValueState<Key: Hashable & Codable, Value: Codable>: CheckpointedState {
    /// The values by key.
    // Used for every event by the pipeline's one processing task only: no runtime exclusivity checks.
    @exclusivity(unchecked) public var values: [Key: Value] = [:]

    public init() {}

    /// The value of `key`, or nil.
    public subscript(key: Key) -> Value? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// How many keys have a value.
    public var count: Int { values.count }

    private struct Entry: Codable {
        var key: Key
        var value: Value
    }

    public func snapshot() throws -> Data {
        try FastJSONEncoder().encode(values.map { Entry(key: $0.key, value: $0.value) })
    }

    public func restore(from snapshot: Data) throws {
        let entries = try JSONDecoder().decode([Entry].self, from: snapshot)
        values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
