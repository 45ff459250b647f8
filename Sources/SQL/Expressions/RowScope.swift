/// The columns an expression can refer to: the row its `CompiledExpression` is evaluated on, in
/// order, each with the alias of the table it came from.
public struct RowScope: Sendable, Hashable {
    /// One column of the row.
    public struct Column: Sendable, Hashable {
        /// The table name or alias that qualifies it (`m` in `m.game_id`), if any.
        public var qualifier: String?
        public var name: String
        public var type: SQLType

        public init(qualifier: String? = nil, name: String, type: SQLType) {
            self.qualifier = qualifier
            self.name = name
            self.type = type
        }
    }

    public var columns: [Column]

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Whether some column is qualified by `qualifier`: it names a table of the scope.
    public func hasQualifier(_ qualifier: String) -> Bool {
        columns.contains { $0.qualifier == qualifier }
    }

    /// The position of the column `name` (qualified by `qualifier` when given), or a validation
    /// error when it is unknown or ambiguous.
    public func resolve(qualifier: Identifier?, name: Identifier) throws(SQLError) -> Int {
        let matches = columns.indices.filter {
            columns[$0].name == name.value && (qualifier == nil || columns[$0].qualifier == qualifier?.value)
        }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw .validation("Column '\(name.value)' is ambiguous", at: qualifier?.location ?? name.location)
        }
        if let qualifier {
            guard hasQualifier(qualifier.value) else {
                throw .validation("Table '\(qualifier.value)' not found", at: qualifier.location)
            }
            throw .validation(
                "Column '\(name.value)' not found in table '\(qualifier.value)'" + suggestion(for: name.value),
                at: name.location
            )
        }
        throw .validation(
            "Column '\(name.value)' not found in any table" + suggestion(for: name.value),
            at: name.location
        )
    }

    /// "; did you mean 'x'?" for the closest column name a typo away, or nothing.
    private func suggestion(for name: String) -> String {
        let candidates = Set(columns.map(\.name))
        let scored = candidates.map { ($0, Self.editDistance($0.lowercased(), name.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }),
            best.1 <= max(1, name.count / 2)
        else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    private static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left.unicodeScalars)
        let right = Array(right.unicodeScalars)
        var previous = Array(0...right.count)
        for (leftIndex, leftScalar) in left.enumerated() {
            var current = [leftIndex + 1]
            for (rightIndex, rightScalar) in right.enumerated() {
                current.append(
                    min(
                        previous[rightIndex + 1] + 1,
                        current[rightIndex] + 1,
                        previous[rightIndex] + (leftScalar == rightScalar ? 0 : 1)
                    )
                )
            }
            previous = current
        }
        return previous[right.count]
    }
}
