import FastJSON
import Foundation

/// A single value, checkpointed with the pipeline.
public final class ValueState<Value: Codable>: CheckpointedState {
    /// The current value.
    // Used for every event by the pipeline's one processing task only: no runtime exclusivity checks.
    @exclusivity(unchecked) public var value: Value

    public init(_ initial: Value) {
        value = initial
    }

    public func snapshot() throws -> Data { try FastJSONEncoder().encode([value]) }

    public func restore(from snapshot: Data) throws {
        // Wrapped in an array because top-level scalars are not valid JSON for every decoder.
        guard let restored = try JSONDecoder().decode([Value].self, from: snapshot).first else { return }
        value = restored
    }
}
