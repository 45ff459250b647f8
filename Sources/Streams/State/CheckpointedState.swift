import Foundation

/// State that a checkpoint saves and a restart restores; it lives in the `StateStore`, apart from
/// the operators that use it, so that checkpointing needs no cooperation from operator code.
public protocol CheckpointedState: AnyObject {
    /// The state's bytes as of now.
    func snapshot() throws -> Data
    /// Replaces the state with a snapshot taken earlier.
    func restore(from snapshot: Data) throws
}
