/// LIKE with `%`, `_` and ESCAPE; a constant pattern is compiled once.
extension ExpressionCompiler {
    func compileLike(
        _ operand: SQLExpression,
        pattern: SQLExpression,
        escape: SQLExpression?,
        negated: Bool,
        at location: SourceLocation
    ) throws(SQLError) -> CompiledExpression {
        let value = try compile(operand)
        let patternExpression = try compile(pattern)
        let escapeExpression = try escape.map { expression throws(SQLError) in try compile(expression) }
        for operand in [value, patternExpression] + (escapeExpression.map { [$0] } ?? [])
        where !operand.type.isCharacterString && operand.type.kind != .null {
            throw .validation(
                "Cannot apply 'LIKE' to arguments of type '\(value.type.kind)' and '\(patternExpression.type.kind)'",
                at: location
            )
        }
        var escapeCharacter: Character?
        if let escapeExpression {
            guard case .string(let text) = escapeExpression.constantValue, text.count == 1 else {
                throw .validation("The ESCAPE of LIKE must be a single character", at: escape?.location ?? location)
            }
            escapeCharacter = text.first
        }
        let escapeUsed = escapeCharacter
        var constantPattern: LikePattern?
        if case .string(let text) = patternExpression.constantValue {
            do throws(SQLError) {
                constantPattern = try LikePattern(text, escape: escapeUsed)
            } catch {
                throw SQLError(.validation, error.message, at: pattern.location)
            }
        }
        let compiledPattern = constantPattern
        let evaluateValue = value.evaluate
        let evaluatePattern = patternExpression.evaluate
        let type = SQLType(.boolean, isNullable: value.type.isNullable || patternExpression.type.isNullable)
        return CompiledExpression(type: type, isConstant: value.isConstant && patternExpression.isConstant) {
            row throws(SQLError) in
            guard case .string(let text) = try evaluateValue(row) else { return .null }
            if let compiledPattern { return .boolean(compiledPattern.matches(text) != negated) }
            guard case .string(let patternText) = try evaluatePattern(row) else { return .null }
            return .boolean(try LikePattern(patternText, escape: escapeUsed).matches(text) != negated)
        }
    }
}
