/// When appended bytes are forced from the page cache to the disk.
public enum FlushPolicy: Sendable, Hashable {
    /// Group commit: a background thread fsyncs every dirty segment as soon as it is written, then
    /// releases every durability waiter that registered before that fsync started. acks=all waits
    /// for it; acks=1 does not, but its data reaches the disk just as soon.
    case always
    /// A background thread fsyncs dirty segments every so many milliseconds; waiters do not wait.
    case interval(milliseconds: Int)
    /// The operating system writes back when it likes; waiters do not wait.
    case never
}
