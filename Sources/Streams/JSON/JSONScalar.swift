import Foundation

/// A scalar JSON value in the bytes being decoded, converted on demand.
///
/// A struct, and the coding path an autoclosure used only for errors, so that decoding a field of an
/// object allocates nothing besides the resulting value.
struct JSONScalar {
    let bytes: UnsafeRawBufferPointer
    let start: Int

    var firstByte: UInt8? { start < bytes.count ? bytes[start] : nil }

    static func typeMismatch(_ codingPath: [any CodingKey], _ type: Any.Type, _ message: String) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(codingPath: codingPath, debugDescription: message))
    }

    func string(codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        var scanner = JSONScanner(bytes: bytes, index: start)
        guard firstByte == UInt8(ascii: "\"") else {
            throw Self.typeMismatch(codingPath(), String.self, "expected a string")
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
        var value: Integer = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            let digit = Integer(byte &- UInt8(ascii: "0"))
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) =
                negative ? multiplied.subtractingReportingOverflow(digit) : multiplied.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: codingPath(),
                        debugDescription: "number does not fit \(Integer.self)"
                    )
                )
            }
            value = added
            index += 1
        }
        guard index > digitsStart else { throw Self.typeMismatch(codingPath(), Integer.self, "expected an integer") }
        if index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                // 12.0 or 1e3 written by a producer in a language without integers: accept exact values.
                let double = try self.double(codingPath: codingPath())
                guard let exact = Integer(exactly: double) else {
                    throw Self.typeMismatch(codingPath(), Integer.self, "expected an integer, found \(double)")
                }
                return exact
            }
        }
        return value
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
