/// A small custom operator, in the style of Kafka Streams' processors and Arroyo's operators: it
/// sees each event, the watermark and checkpoints, and keeps its state in the pipeline's
/// `StateStore` (asked for in `open`), never in its own properties, so checkpoints capture it.
public protocol StreamOperator<Input, Output>: AnyObject {
    associatedtype Input
    associatedtype Output

    /// Registers the operator's state; called once while the pipeline is built.
    func open(state: StateStore, name: String) throws

    /// Handles one event.
    func process(_ input: Input, at timestamp: Int64, context: OperatorContext<Output>)

    /// Called when the watermark advances.
    func onWatermark(_ watermark: Int64, context: OperatorContext<Output>)
}

extension StreamOperator {
    public func open(state: StateStore, name: String) throws {}
    public func onWatermark(_ watermark: Int64, context: OperatorContext<Output>) {}
}
