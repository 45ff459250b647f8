import SQL
import Testing

/// A long chain of operators nests as deep as it is long; beyond the limit it is refused with a
/// clear error instead of overflowing the stack of every later step (a review crashed the server
/// with 850 `+`s).
@Suite struct ExpressionDepthTests {
    @Test func aChainWithinTheLimitParsesAndOneBeyondIsRefusedWhereItStarts() throws {
        let within = Array(repeating: "k", count: SQLParser.maximumExpressionDepth - 10).joined(separator: " + ")
        _ = try SQLParser.parseStatement("SELECT \(within) FROM t")
        for operators in [" + ", " OR ", " || "] {
            let beyond = Array(repeating: "k", count: 5_000).joined(separator: operators)
            #expect {
                _ = try SQLParser.parseStatement("SELECT 1,\n  \(beyond) FROM t")
            } throws: { error in
                guard let error = error as? SQLError else { return false }
                return error.location?.line == 2 && error.location?.column == 3
                    && error.message.contains("nests more than \(SQLParser.maximumExpressionDepth) operators deep")
            }
        }
    }
}
