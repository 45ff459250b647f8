/// Why a pipeline could not be built, restored or run.
public enum StreamsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Two pieces of state were registered under one name.
    case duplicateStateName(String)
    /// The checkpoint file exists but cannot be read.
    case unreadableCheckpoint(path: String, reason: String)
    /// Writing a checkpoint failed.
    case checkpointFailed(path: String, reason: String)
    /// The log refused an operation.
    case storage(String)

    public var description: String {
        switch self {
        case .duplicateStateName(let name): "two states are named \(name)"
        case .unreadableCheckpoint(let path, let reason): "cannot read checkpoint \(path): \(reason)"
        case .checkpointFailed(let path, let reason): "cannot write checkpoint \(path): \(reason)"
        case .storage(let reason): "event log: \(reason)"
        }
    }
}
