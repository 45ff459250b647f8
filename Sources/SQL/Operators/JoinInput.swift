import Streams

/// A change of either input of a join: both inputs are merged into one stream of these, since
/// Streams' operators have one input.
public struct JoinInput: Sendable, Hashable {
    public var side: JoinSide
    public var change: RowChange

    public init(_ side: JoinSide, _ change: RowChange) {
        self.side = side
        self.change = change
    }

    /// The changes of `left` and `right`, tagged with their side, as one stream.
    public static func merge(left: Stream<RowChange>, right: Stream<RowChange>) -> Stream<JoinInput> {
        left.map { JoinInput(.left, $0) }.merge(right.map { JoinInput(.right, $0) })
    }

    /// Whether a joined row satisfies the rest of a join's ON condition; a row whose condition
    /// fails at run time goes to `onError` and counts as not matching.
    static func matches(
        _ joinedRow: SQLRow,
        condition: ((SQLRow) throws(SQLError) -> Bool)?,
        onError: RowErrorHandler
    ) -> Bool {
        guard let condition else { return true }
        do {
            return try condition(joinedRow)
        } catch {
            onError(error, joinedRow)
            return false
        }
    }
}
