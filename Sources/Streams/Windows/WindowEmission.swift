/// When a window's result leaves the window operator.
public enum WindowEmission: Sendable, Hashable {
    /// After every event added to the window: live, but downstream sees several results per window.
    case everyUpdate
    /// Once, when the watermark passes the window's end plus the allowed lateness: final results only.
    case onClose
}
