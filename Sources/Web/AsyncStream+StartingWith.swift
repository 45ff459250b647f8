extension AsyncStream where Element: Sendable {
    /// `first`, then what `transform` makes of each of `changes` (nil skips one), until `changes`
    /// ends or the stream is dropped: what a live channel sends, its snapshot and then its updates.
    ///
    /// Subscribe to `changes` before taking `first`, so that no change falls between the two.
    ///
    /// Each element is a whole snapshot, so only the newest unsent one is kept: a client that reads
    /// slowly or not at all gets fewer updates, and its channel never buffers more than one.
    public static func startingWith<Change: Sendable>(
        _ first: Element,
        then changes: AsyncStream<Change>,
        _ transform: @escaping @Sendable (Change) -> Element?
    ) -> AsyncStream<Element> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            continuation.yield(first)
            let task = Task {
                for await change in changes {
                    if let element = transform(change) { continuation.yield(element) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
