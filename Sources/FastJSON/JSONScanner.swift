import Foundation

/// A forward-only reader of JSON text in a byte buffer: the lexer under `FastJSONDecoder`.
///
/// It never copies the input; strings are materialised only when a field is decoded, and values a
/// type does not ask for are skipped without being built, which is where most of the speed comes from.
package struct JSONScanner {
    package let bytes: UnsafeRawBufferPointer
    package var index: Int

    package init(bytes: UnsafeRawBufferPointer, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    @inline(__always)
    package var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    package mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw JSONSyntaxError(message: "expected '\(Character(Unicode.Scalar(byte)))'", offset: index)
        }
        index += 1
    }

    /// Skips a string whose opening quote is at `index`; returns the range between the quotes and
    /// whether it contains escapes.
    package mutating func skipString() throws(JSONSyntaxError) -> (range: Range<Int>, hasEscapes: Bool) {
        let end = bytes.count
        guard index < end, let base = bytes.baseAddress,
            base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: "\"")
        else {
            throw JSONSyntaxError(message: "expected a string", offset: index)
        }
        // Every string of every event passes here: a local position over the base address, with
        // one test for the three bytes that end the plain run.
        let start = index + 1
        var position = start
        var hasEscapes = false
        while position < end {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte >= 0x20 {
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return (start..<position, hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 2
                continue
            }
            index = position
            throw JSONSyntaxError(message: "control character in a string", offset: position)
        }
        index = end
        throw JSONSyntaxError(message: "unterminated string", offset: start - 1)
    }

    /// Skips any value starting at `index` (after whitespace).
    package mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < 512 else { throw JSONSyntaxError(message: "nesting too deep", offset: index) }
        skipWhitespace()
        guard let byte = current else { throw JSONSyntaxError(message: "unexpected end", offset: index) }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "{"):
            try scanObject(depth: depth) { _ in }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = current else { throw JSONSyntaxError(message: "unterminated array", offset: index) }
                index += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else {
                    throw JSONSyntaxError(message: "expected ',' or ']'", offset: index - 1)
                }
            }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try numberRange()
        default:
            throw JSONSyntaxError(message: "unexpected character", offset: index)
        }
    }

    /// Reads the object whose `{` is at `index`, handing each field to `body`, and moves past it.
    @inline(__always)
    package mutating func scanObject(depth: Int, _ body: (JSONField) -> Void) throws(JSONSyntaxError) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let (key, hasEscapes) = try skipString()
            if current == UInt8(ascii: ":") {
                index += 1
            } else {
                try expect(UInt8(ascii: ":"))
            }
            skipWhitespace()
            let valueStart = index
            var valueHasEscapes = false
            if current == UInt8(ascii: "\"") {
                // Strings are most values: skipped here directly, noting escapes for the decoding.
                valueHasEscapes = try skipString().hasEscapes
            } else {
                try skipValue(depth: depth + 1)
            }
            body(
                JSONField(
                    key: key,
                    keyHasEscapes: hasEscapes,
                    valueStart: valueStart,
                    valueEnd: index,
                    valueHasEscapes: valueHasEscapes
                )
            )
            skipWhitespace()
            guard let next = current else { throw JSONSyntaxError(message: "unterminated object", offset: index) }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                throw JSONSyntaxError(message: "expected ',' or '}'", offset: index - 1)
            }
        }
    }

    package mutating func skipLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw JSONSyntaxError(message: "unexpected end", offset: index) }
        for offset in 0..<length where bytes[index + offset] != literal.utf8Start[offset] {
            throw JSONSyntaxError(message: "invalid literal", offset: index)
        }
        index += length
    }

    /// The range of the number at `index`, moving past it.
    package mutating func numberRange() throws(JSONSyntaxError) -> Range<Int> {
        let start = index
        while index < bytes.count {
            // Digits first: they are nearly every byte of a number.
            if bytes[index] &- UInt8(ascii: "0") < 10 {
                index += 1
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw JSONSyntaxError(message: "expected a number", offset: start) }
                return start..<index
            }
        }
        guard index > start else { throw JSONSyntaxError(message: "expected a number", offset: start) }
        return start..<index
    }

    /// Builds the string for a range found by `skipString`, resolving escapes when there are any.
    package func string(in range: Range<Int>, hasEscapes: Bool) throws(JSONSyntaxError) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard hasEscapes else {
            return String(decoding: slice, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                position += 1
                continue
            }
            guard position + 1 < range.upperBound else {
                throw JSONSyntaxError(message: "dangling escape", offset: position)
            }
            let escaped = bytes[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad(at: position)
                position += 4
                if (0xD800..<0xDC00).contains(scalar), position + 6 <= range.upperBound,
                    bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                {
                    let low = try hexQuad(at: position + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                output.append(contentsOf: String(character).utf8)
            default:
                throw JSONSyntaxError(message: "invalid escape", offset: position - 1)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func hexQuad(at position: Int) throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw JSONSyntaxError(message: "short \\u escape", offset: position) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError(message: "invalid \\u escape", offset: position)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Compares the raw bytes of a key without escapes to `name`, a key's UTF-8.
    @inline(__always)
    package func bytes(in range: Range<Int>, equal name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count == range.count else { return false }
        // Field names are short: a loop beats a call to memcmp.
        var index = 0
        while index < name.count {
            guard bytes[range.lowerBound + index] == name[index] else { return false }
            index += 1
        }
        return true
    }
}
