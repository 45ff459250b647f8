import Foundation

/// Every piece of state of one pipeline, by name; snapshotted together at a checkpoint.
///
/// Operators ask the store for their state when the pipeline is built; names must be stable from
/// one run to the next (the builder numbers unnamed state in the order the pipeline declares it).
public final class StateStore {
    private var states: [String: any CheckpointedState] = [:]
    private var order: [String] = []
    private var restoreObservers: [() -> Void] = []

    init() {}

    /// The names of the registered states, in registration order.
    public var names: [String] { order }

    /// Registers `state` under `name`; a name may be used once.
    public func register(_ state: some CheckpointedState, named name: String) throws(StreamsError) {
        guard states[name] == nil else { throw .duplicateStateName(name) }
        states[name] = state
        order.append(name)
    }

    /// Keyed state for a custom operator: one value per key.
    public func keyValueState<Key: Hashable & Codable, Value: Codable>(
        named name: String,
        of: Value.Type = Value.self,
        keyedBy: Key.Type = Key.self
    ) throws(StreamsError) -> KeyValueState<Key, Value> {
        let state = KeyValueState<Key, Value>()
        try register(state, named: name)
        return state
    }

    /// A single value, starting at `initial`.
    public func valueState<Value: Codable>(named name: String, initial: Value) throws(StreamsError) -> ValueState<Value>
    {
        let state = ValueState(initial)
        try register(state, named: name)
        return state
    }

    /// Calls `observer` after every restore, so that views and operators can rebuild what they
    /// derive from restored state.
    public func onRestore(_ observer: @escaping () -> Void) {
        restoreObservers.append(observer)
    }

    /// Every state's bytes as of now, by name: what a checkpoint keeps.
    public func snapshot() throws -> [String: Data] {
        var snapshots: [String: Data] = [:]
        for (name, state) in states { snapshots[name] = try state.snapshot() }
        return snapshots
    }

    /// Replaces every state with its bytes in `snapshots`, then tells the restore observers.
    public func restore(_ snapshots: [String: Data]) throws {
        for (name, data) in snapshots {
            // State that the pipeline no longer declares is ignored rather than failing the restart.
            try states[name]?.restore(from: data)
        }
        for observer in restoreObservers { observer() }
    }
}
