import Foundation

/// A scalar JSON value in the bytes being decoded, converted on demand.
///
/// A struct, and the coding path an autoclosure used only for errors, so that decoding a field of an
/// object allocates nothing besides the resulting value.
struct JSONScalar {
    let bytes: UnsafeRawBufferPointer
    let start: Int
    /// Where the value ends and whether it is a string with escapes, when the scan of its object
    /// found them already; nil for a value not scanned yet.
    let scanned: (end: Int, hasEscapes: Bool)?

    init(bytes: UnsafeRawBufferPointer, start: Int) {
        self.bytes = bytes
        self.start = start
        scanned = nil
    }

    init(bytes: UnsafeRawBufferPointer, field: JSONField) {
        self.bytes = bytes
        start = field.valueStart
        scanned = (field.valueEnd, field.valueHasEscapes)
    }

    var firstByte: UInt8? { start < bytes.count ? bytes[start] : nil }

    static func typeMismatch(_ codingPath: [any CodingKey], _ type: Any.Type, _ message: String) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    static func doesNotFit(_ codingPath: [any CodingKey], _ type: Any.Type) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "number does not fit \(type)"))
    }

    func string(codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        var scanner = JSONScanner(bytes: bytes, index: start)
        guard firstByte == UInt8(ascii: "\"") else {
            throw Self.typeMismatch(codingPath(), String.self, "expected a string")
        }
        if let (end, hasEscapes) = scanned {
            return try scanner.string(in: start + 1..<end - 1, hasEscapes: hasEscapes)
        }
        let (range, hasEscapes) = try scanner.skipString()
        return try scanner.string(in: range, hasEscapes: hasEscapes)
    }

    func bool(codingPath: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch firstByte {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw Self.typeMismatch(codingPath(), Bool.self, "expected true or false")
        }
    }

    @_specialize(where Integer == Int64)
    @_specialize(where Integer == Int)
    func integer<Integer: FixedWidthInteger>(
        _ type: Integer.Type,
        codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> Integer {
        var index = start
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        // Up to 18 digits fit 64 bits: gathered without a check per digit, then fitted to `Integer`.
        var magnitude: UInt64 = 0
        let uncheckedEnd = Swift.min(bytes.count, digitsStart + 18)
        while index < uncheckedEnd {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            magnitude = magnitude &* 10 &+ UInt64(digit)
            index += 1
        }
        let moreDigits = index == uncheckedEnd && index < bytes.count && bytes[index] &- UInt8(ascii: "0") < 10
        if !moreDigits, index > digitsStart, !Self.continuesAsFraction(bytes, at: index) {
            let signed = negative ? -Int64(magnitude) : Int64(magnitude)
            guard let value = Integer(exactly: signed) else { throw Self.doesNotFit(codingPath(), Integer.self) }
            return value
        }
        index = digitsStart
        var value: Integer = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            let digit = Integer(byte &- UInt8(ascii: "0"))
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) =
                negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw Self.doesNotFit(codingPath(), Integer.self) }
            value = added
            index += 1
        }
        guard index > digitsStart else { throw Self.typeMismatch(codingPath(), Integer.self, "expected an integer") }
        if Self.continuesAsFraction(bytes, at: index) {
            // 12.0 or 1e3 written by a producer in a language without integers: accept exact values.
            let double = try self.double(codingPath: codingPath())
            guard let exact = Integer(exactly: double) else {
                throw Self.typeMismatch(codingPath(), Integer.self, "expected an integer, found \(double)")
            }
            return exact
        }
        return value
    }

    /// Whether the number whose digits end at `index` goes on with a fraction or an exponent.
    @inline(__always)
    private static func continuesAsFraction(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    func double(codingPath: @autoclosure () -> [any CodingKey]) throws -> Double {
        var scanner = JSONScanner(bytes: bytes, index: start)
        guard let first = firstByte, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            throw Self.typeMismatch(codingPath(), Double.self, "expected a number")
        }
        let range = try scanner.numberRange()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text) else {
            throw Self.typeMismatch(codingPath(), Double.self, "invalid number \(text)")
        }
        return value
    }
}
