import Foundation

/// The string functions, with Flink's edge cases (SUBSTRING from 0 or from the end, NULL on a
/// negative length, SPLIT_INDEX out of range).
extension ExpressionCompiler {
    func compileStringFunction(_ call: Call) throws(SQLError) -> CompiledExpression? {
        let isString: (Int, SQLType) -> Bool = { _, type in type.isCharacterString }
        let string = SQLType.Kind.varchar(length: SQLType.maximumLength)
        switch call.name {
        case "UPPER", "LOWER", "INITCAP", "REVERSE":
            try call.require(1...1, isString)
            let name = call.name
            return call.strict(string) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                switch name {
                case "UPPER": return .string(text.uppercased())
                case "LOWER": return .string(text.lowercased())
                case "REVERSE": return .string(String(text.reversed()))
                default: return .string(Self.initialCapitals(text))
                }
            }
        case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH":
            try call.require(1...1, isString)
            return call.strict(.integer) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                return .integer(Int64(text.count))
            }
        case "TRIM":
            // The parser gives TRIM('BOTH' | 'LEADING' | 'TRAILING', characters, text).
            try call.require(1...3, isString)
            guard call.arguments.count != 2 else { throw call.noMatch }
            let mode = call.arguments.count == 3 ? call.constant(0) : .string("BOTH")
            guard case .string(let side) = mode else { throw call.noMatch }
            let leading = side.uppercased() != "TRAILING"
            let trailing = side.uppercased() != "LEADING"
            let arguments = call.arguments.count == 3 ? Array(call.arguments.dropFirst()) : call.arguments
            return Call(name: call.name, arguments: arguments, timeUnit: nil, location: call.location).strict(string) {
                values throws(SQLError) in
                guard case .string(let text) = values.last else { return .null }
                var characters: Set<Character> = [" "]
                if values.count == 2, case .string(let set) = values[0] { characters = Set(set) }
                return .string(Self.trim(text, characters, leading: leading, trailing: trailing))
            }
        case "LTRIM", "RTRIM":
            try call.require(1...2, isString)
            let leading = call.name == "LTRIM"
            return call.strict(string) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                var characters: Set<Character> = [" "]
                if values.count == 2, case .string(let set) = values[1] { characters = Set(set) }
                return .string(Self.trim(text, characters, leading: leading, trailing: !leading))
            }
        case "SUBSTRING", "SUBSTR":
            try call.require(2...3) { index, type in index == 0 ? type.isCharacterString : type.isExactInteger }
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0], let start = values[1].integerValue else { return .null }
                let length = values.count == 3 ? values[2].integerValue ?? 0 : Int64(Int32.max)
                return Self.substring(text, start: start, length: length).map { .string($0) } ?? .null
            }
        case "REPLACE":
            try call.require(3...3, isString)
            return call.strict(string) { values throws(SQLError) in
                guard case .string(let text) = values[0], case .string(let search) = values[1],
                    case .string(let replacement) = values[2]
                else { return .null }
                return .string(search.isEmpty ? text : text.replacingOccurrences(of: search, with: replacement))
            }
        case "CONCAT":
            try call.require(1...Int.max, isString)
            return call.strict(string) { values throws(SQLError) in
                var result = ""
                for case .string(let text) in values { result += text }
                return .string(result)
            }
        case "CONCAT_WS":
            try call.require(1...Int.max, isString)
            let evaluators = call.arguments.map(\.evaluate)
            return CompiledExpression(
                type: SQLType(string, isNullable: call.types[0].isNullable),
                isConstant: call.isConstant
            ) {
                row throws(SQLError) in
                guard case .string(let separator) = try evaluators[0](row) else { return .null }
                var parts: [String] = []
                for evaluate in evaluators.dropFirst() {
                    if case .string(let text) = try evaluate(row) { parts.append(text) }
                }
                return .string(parts.joined(separator: separator))
            }
        case "POSITION", "LOCATE":
            try call.require(2...(call.name == "LOCATE" ? 3 : 2)) { index, type in
                index < 2 ? type.isCharacterString : type.isExactInteger
            }
            return call.strict(.integer) { values throws(SQLError) in
                guard case .string(let needle) = values[0], case .string(let haystack) = values[1] else { return .null }
                let from = values.count == 3 ? max(1, values[2].integerValue ?? 1) : 1
                let characters = Array(haystack)
                let pattern = Array(needle)
                guard from <= characters.count + 1 else { return .integer(0) }
                var index = Int(from) - 1
                while index + pattern.count <= characters.count {
                    if characters[index..<index + pattern.count].elementsEqual(pattern) {
                        return .integer(Int64(index + 1))
                    }
                    index += 1
                }
                return .integer(0)
            }
        case "LPAD", "RPAD":
            try call.require(3...3) { index, type in index == 1 ? type.isExactInteger : type.isCharacterString }
            let isLeft = call.name == "LPAD"
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0], let length = values[1].integerValue,
                    case .string(let pad) = values[2], length >= 0
                else { return .null }
                let characters = Array(text)
                if length <= characters.count { return .string(String(characters.prefix(Int(length)))) }
                guard !pad.isEmpty else { return .null }
                let padding = Array(pad)
                let needed = Int(length) - characters.count
                let fill = String((0..<needed).map { padding[$0 % padding.count] })
                return .string(isLeft ? fill + text : text + fill)
            }
        case "REGEXP_REPLACE":
            try call.require(3...3, isString)
            var constantPattern: NSRegularExpression?
            if let pattern = call.constant(1) { constantPattern = try Self.regex(pattern) }
            let compiledPattern = constantPattern
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0], case .string(let replacement) = values[2],
                    let regex = try compiledPattern.map(
                        { $0 },
                        or: { () throws(SQLError) in try Self.regex(values[1]) }
                    )
                else { return .null }
                let range = NSRange(text.startIndex..., in: text)
                return .string(regex.stringByReplacingMatches(in: text, range: range, withTemplate: replacement))
            }
        case "REGEXP_EXTRACT":
            try call.require(2...3) { index, type in index < 2 ? type.isCharacterString : type.isExactInteger }
            var constantPattern: NSRegularExpression?
            if let pattern = call.constant(1) { constantPattern = try Self.regex(pattern) }
            let compiledPattern = constantPattern
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0],
                    let regex = try compiledPattern.map(
                        { $0 },
                        or: { () throws(SQLError) in try Self.regex(values[1]) }
                    )
                else {
                    return .null
                }
                let group = values.count == 3 ? Int(values[2].integerValue ?? 0) : 0
                guard group >= 0, group <= regex.numberOfCaptureGroups,
                    let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                    let range = Range(match.range(at: group), in: text)
                else { return .null }
                return .string(String(text[range]))
            }
        case "SPLIT_INDEX":
            try call.require(3...3) { index, type in index < 2 ? type.isCharacterString : type.isExactInteger }
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0], case .string(let separator) = values[1],
                    let index = values[2].integerValue, index >= 0, !separator.isEmpty
                else { return .null }
                let parts = text.components(separatedBy: separator)
                return index < parts.count ? .string(parts[Int(index)]) : .null
            }
        case "JSON_VALUE":
            try call.require(2...2, isString)
            var constantPath: JSONPath?
            if let path = call.constant(1) { constantPath = try JSONPath(path, at: call.location) }
            let compiledPath = constantPath
            return call.strict(string, alwaysNullable: true) { values throws(SQLError) in
                guard case .string(let text) = values[0] else { return .null }
                let path = try compiledPath.map({ $0 }, or: { () throws(SQLError) in try JSONPath(values[1], at: nil) })
                return path.scalar(in: text).map { .string($0) } ?? .null
            }
        default:
            return nil
        }
    }

    /// Flink's SUBSTRING: 1-based, 0 as 1, a negative start counts from the end; nil (NULL) for a
    /// negative length.
    static func substring(_ text: String, start: Int64, length: Int64) -> String? {
        guard length >= 0 else { return nil }
        let characters = Array(text)
        let count = Int64(characters.count)
        let first: Int64
        if start > 0 {
            first = start - 1
            if first >= count { return "" }
        } else if start < 0 {
            first = count + start
            if first < 0 { return "" }
        } else {
            first = 0
        }
        let end = count - first < length ? count : first + length
        return String(characters[Int(first)..<Int(end)])
    }

    private static func trim(_ text: String, _ characters: Set<Character>, leading: Bool, trailing: Bool) -> String {
        var result = Substring(text)
        if leading { result = result.drop { characters.contains($0) } }
        if trailing {
            while let last = result.last, characters.contains(last) { result = result.dropLast() }
        }
        return String(result)
    }

    private static func initialCapitals(_ text: String) -> String {
        var result = ""
        var startsWord = true
        for character in text {
            result += startsWord ? character.uppercased() : character.lowercased()
            startsWord = !(character.isLetter || character.isNumber)
        }
        return result
    }

    private static func regex(_ pattern: SQLValue) throws(SQLError) -> NSRegularExpression? {
        guard case .string(let text) = pattern else { return nil }
        do {
            return try NSRegularExpression(pattern: text)
        } catch {
            throw SQLError(.execution, "Invalid regular expression '\(text)'")
        }
    }
}

extension Optional {
    /// The wrapped value transformed, or `fallback` when nil, with a typed error from the fallback.
    fileprivate func map<Result>(
        _ transform: (Wrapped) -> Result,
        or fallback: () throws(SQLError) -> Result
    ) throws(SQLError) -> Result {
        if let value = self { return transform(value) }
        return try fallback()
    }
}
