/// What one `source(...)` call does with a topic's records, in two steps: decoding, which needs
/// nothing of the pipeline and so may run on another thread while the graph works on earlier
/// records, then delivery of each decoded record into the graph, on the pipeline's task.
@usableFromInline
struct SourceBinding {
    /// Decodes the values of `records`, in order.
    @usableFromInline let decode: (SourceRecords) -> DecodedValues
    /// Prepares to deliver decoded values: the result sends the record at an index into the graph.
    @usableFromInline let deliverer: (DecodedValues) -> (Int) -> Void

    @inlinable
    init(
        decode: @escaping (SourceRecords) -> DecodedValues,
        deliverer: @escaping (DecodedValues) -> (Int) -> Void
    ) {
        self.decode = decode
        self.deliverer = deliverer
    }
}
