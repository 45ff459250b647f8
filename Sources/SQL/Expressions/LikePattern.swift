/// A compiled SQL LIKE pattern: `%` any run, `_` one character, and an optional escape character.
struct LikePattern: Sendable {
    private enum Element: Sendable {
        case literal(Character)
        case anyOne
        case anyRun
    }

    private let elements: [Element]

    /// The pattern, or an error for a dangling escape.
    init(_ pattern: String, escape: Character?) throws(SQLError) {
        var elements: [Element] = []
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            if character == escape {
                guard let escaped = iterator.next(), escaped == "%" || escaped == "_" || escaped == escape else {
                    throw SQLError(.execution, "Invalid escape sequence in LIKE pattern '\(pattern)'")
                }
                elements.append(.literal(escaped))
            } else if character == "%" {
                if case .anyRun = elements.last { continue }
                elements.append(.anyRun)
            } else if character == "_" {
                elements.append(.anyOne)
            } else {
                elements.append(.literal(character))
            }
        }
        self.elements = elements
    }

    /// Whether `text` matches the whole pattern (case-sensitive, as Flink).
    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        // Greedy matching with one backtrack point for the last `%`: linear for typical patterns.
        var textIndex = 0
        var elementIndex = 0
        var runElement = -1
        var runText = 0
        while textIndex < characters.count {
            if elementIndex < elements.count {
                switch elements[elementIndex] {
                case .anyRun:
                    runElement = elementIndex
                    runText = textIndex
                    elementIndex += 1
                    continue
                case .anyOne:
                    textIndex += 1
                    elementIndex += 1
                    continue
                case .literal(let character) where character == characters[textIndex]:
                    textIndex += 1
                    elementIndex += 1
                    continue
                default: break
                }
            }
            guard runElement >= 0 else { return false }
            runText += 1
            textIndex = runText
            elementIndex = runElement + 1
        }
        while elementIndex < elements.count, case .anyRun = elements[elementIndex] { elementIndex += 1 }
        return elementIndex == elements.count
    }
}
