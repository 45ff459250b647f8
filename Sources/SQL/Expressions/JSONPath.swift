import FastJSON

/// A basic SQL/JSON path for JSON_VALUE: `$`, `.name`, `['name']` and `[index]` steps, lax mode.
struct JSONPath: Sendable {
    enum Step: Sendable, Hashable {
        case member(String)
        case element(Int)
    }

    let steps: [Step]

    init(_ value: SQLValue, at location: SourceLocation?) throws(SQLError) {
        guard case .string(let text) = value else {
            throw SQLError(.execution, "JSON path must be a string", at: location)
        }
        let invalid = SQLError(
            .execution,
            "Invalid JSON path '\(text)': only $, .name and [index] steps are supported",
            at: location
        )
        var remaining = Substring(text).trimmingSpaces()
        if remaining.hasPrefix("lax ") { remaining = remaining.dropFirst(4).trimmingSpaces() }
        guard remaining.first == "$" else { throw invalid }
        remaining = remaining.dropFirst()
        var steps: [Step] = []
        while let first = remaining.first {
            if first == "." {
                let name = remaining.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw invalid }
                steps.append(.member(String(name)))
                remaining = remaining.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = remaining.firstIndex(of: "]") else { throw invalid }
                let inside = remaining[remaining.index(after: remaining.startIndex)..<close].trimmingSpaces()
                if let index = Int(inside) {
                    steps.append(.element(index))
                } else if inside.count >= 2, inside.first == "'" || inside.first == "\"", inside.last == inside.first {
                    steps.append(.member(String(inside.dropFirst().dropLast())))
                } else {
                    throw invalid
                }
                remaining = remaining[remaining.index(after: close)...]
            } else {
                throw invalid
            }
        }
        self.steps = steps
    }

    /// The scalar at the path as text (numbers and booleans as written), nil when the text is not
    /// JSON, the path leads nowhere, or to an object, an array or null (lax mode's NULL ON EMPTY).
    func scalar(in text: String) -> String? {
        var text = text
        return text.withUTF8 { utf8 -> String? in
            let bytes = UnsafeRawBufferPointer(utf8)
            var scanner = JSONScanner(bytes: bytes)
            do {
                // Validate the whole document first, as a JSON parser would.
                try scanner.skipValue()
                scanner.skipWhitespace()
                guard scanner.current == nil else { return nil }
                scanner.index = 0
                scanner.skipWhitespace()
                for step in steps {
                    switch step {
                    case .member(let name):
                        guard scanner.current == UInt8(ascii: "{") else { return nil }
                        var found: Int?
                        var nameCopy = name
                        let reader = scanner
                        try nameCopy.withUTF8 { nameBytes in
                            try scanner.scanObject(depth: 0) { field in
                                if found == nil,
                                    let key = try? reader.string(in: field.key, hasEscapes: field.keyHasEscapes),
                                    key.utf8.elementsEqual(nameBytes)
                                {
                                    found = field.valueStart
                                }
                            }
                        }
                        guard let found else { return nil }
                        scanner.index = found
                    case .element(let index):
                        guard scanner.current == UInt8(ascii: "[") else { return nil }
                        scanner.index += 1
                        for _ in 0..<index {
                            try scanner.skipValue()
                            scanner.skipWhitespace()
                            guard scanner.current == UInt8(ascii: ",") else { return nil }
                            scanner.index += 1
                        }
                        scanner.skipWhitespace()
                        guard scanner.current != UInt8(ascii: "]") else { return nil }
                    }
                }
                scanner.skipWhitespace()
                let start = scanner.index
                switch scanner.current ?? 0 {
                case UInt8(ascii: "\""):
                    let (range, hasEscapes) = try scanner.skipString()
                    return try scanner.string(in: range, hasEscapes: hasEscapes)
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try scanner.skipValue()
                    return String(
                        decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<scanner.index]),
                        as: UTF8.self
                    )
                default:
                    return nil
                }
            } catch {
                return nil
            }
        }
    }
}
