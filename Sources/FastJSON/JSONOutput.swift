import Foundation

/// The bytes `FastJSONEncoder` writes, and the containers still open in them.
///
/// Containers are written as they are used, not built as a tree first. A container stays open until
/// something is written at its own level or above (the `Encoder` contract: a nested container is
/// finished once its parent moves on), and an object's members are put in key order when it closes,
/// so output is deterministic even for dictionaries, whose order differs from one process to the next.
package final class JSONOutput {
    /// An open object or array.
    struct Frame {
        var isObject: Bool
        /// Identifies the encoder that opened it, so that asking the same encoder again reuses it.
        var owner: Int
        var count = 0
        /// Where the frame's members start in `members` (objects only).
        var membersBase: Int
    }

    /// Where one member of an open object starts, and where its key ends.
    struct Member {
        var start: Int
        var keyEnd: Int
    }

    // One encoding call on one thread owns the output, so the per-access runtime exclusivity
    // checks (a good part of the encoder's time) guard nothing here.
    @exclusivity(unchecked) package var bytes: [UInt8] = []
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var members: [Member] = []
    @exclusivity(unchecked) private var nextOwner = 0

    init() {
        bytes.reserveCapacity(128)
    }

    /// A fresh identity for an encoder.
    func makeOwner() -> Int {
        nextOwner += 1
        return nextOwner
    }

    /// Closes every container deeper than `depth`: writing at `depth` finishes them.
    @inline(__always)
    func closeFrames(deeperThan depth: Int) {
        while frames.count > depth { closeLastFrame() }
    }

    /// Opens a container at `depth` for `owner`, or returns false when that owner's is still open there.
    @discardableResult
    func openFrame(isObject: Bool, depth: Int, owner: Int) -> Bool {
        if frames.count > depth, frames[depth].owner == owner, frames[depth].isObject == isObject {
            closeFrames(deeperThan: depth + 1)
            return false
        }
        closeFrames(deeperThan: depth)
        frames.append(Frame(isObject: isObject, owner: owner, membersBase: members.count))
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return true
    }

    /// Starts the member `key` of the object at `depth`; its value is written next.
    func beginMember(_ key: String, depth: Int) {
        closeFrames(deeperThan: depth + 1)
        if frames[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[depth].count += 1
        let start = bytes.count
        writeString(key)
        members.append(Member(start: start, keyEnd: bytes.count))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of the array at `depth`.
    func beginElement(depth: Int) {
        closeFrames(deeperThan: depth + 1)
        if frames[depth].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[depth].count += 1
    }

    /// How many elements the array at `depth` has so far.
    func count(depth: Int) -> Int { frames.count > depth ? frames[depth].count : 0 }

    private func closeLastFrame() {
        let frame = frames.removeLast()
        guard frame.isObject else {
            bytes.append(UInt8(ascii: "]"))
            return
        }
        if members.count - frame.membersBase > 1 { sortMembers(from: frame.membersBase) }
        members.removeSubrange(frame.membersBase...)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Reorders the members recorded from `base` on (the last ones in `bytes`) by their keys' bytes.
    private func sortMembers(from base: Int) {
        let end = bytes.count
        let isSorted = bytes.withUnsafeBufferPointer { buffer in
            (base + 1..<members.count).allSatisfy { index in
                !Self.key(members[index], in: buffer).lexicographicallyPrecedes(
                    Self.key(members[index - 1], in: buffer)
                )
            }
        }
        guard !isSorted else { return }
        let start = members[base].start
        let original = Array(bytes[start..<end])
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(members.count - base)
        for index in base..<members.count {
            // A member ends before the comma that starts the next one, or at the end of the object.
            let memberEnd = index + 1 < members.count ? members[index + 1].start - 1 : end
            ranges.append(members[index].start - start..<memberEnd - start)
        }
        let keys = (base..<members.count).map { index in
            members[index].start + 1 - start..<members[index].keyEnd - 1 - start
        }
        let order = ranges.indices.sorted { original[keys[$0]].lexicographicallyPrecedes(original[keys[$1]]) }
        bytes.removeSubrange(start...)
        for (position, index) in order.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: original[ranges[index]])
        }
    }

    private static func key(
        _ member: Member,
        in buffer: UnsafeBufferPointer<UInt8>
    ) -> Slice<UnsafeBufferPointer<UInt8>> {
        // Between the quotes.
        buffer[member.start + 1..<member.keyEnd - 1]
    }

    // MARK: Scalars

    /// Writes `value` when it is a scalar (a string, number, Boolean or `Data`); false otherwise.
    @inline(__always)
    package func writeScalar<Value: Encodable>(
        _ value: Value,
        codingPath: @autoclosure () -> [any CodingKey]
    ) throws -> Bool {
        // Metatype comparisons, not dynamic casts: this runs for every field of every record.
        if Value.self == String.self {
            writeString(unsafeBitCast(value, to: String.self))
        } else if Value.self == Int64.self {
            writeInteger(unsafeBitCast(value, to: Int64.self))
        } else if Value.self == Int.self {
            writeInteger(unsafeBitCast(value, to: Int.self))
        } else if Value.self == Double.self {
            try writeDouble(unsafeBitCast(value, to: Double.self), codingPath: codingPath())
        } else if Value.self == Bool.self {
            writeBool(unsafeBitCast(value, to: Bool.self))
        } else if Value.self == Int32.self {
            writeInteger(unsafeBitCast(value, to: Int32.self))
        } else if Value.self == Int16.self {
            writeInteger(unsafeBitCast(value, to: Int16.self))
        } else if Value.self == Int8.self {
            writeInteger(unsafeBitCast(value, to: Int8.self))
        } else if Value.self == UInt64.self {
            writeInteger(unsafeBitCast(value, to: UInt64.self))
        } else if Value.self == UInt.self {
            writeInteger(unsafeBitCast(value, to: UInt.self))
        } else if Value.self == UInt32.self {
            writeInteger(unsafeBitCast(value, to: UInt32.self))
        } else if Value.self == UInt16.self {
            writeInteger(unsafeBitCast(value, to: UInt16.self))
        } else if Value.self == UInt8.self {
            writeInteger(unsafeBitCast(value, to: UInt8.self))
        } else if Value.self == Float.self {
            try writeDouble(Double(unsafeBitCast(value, to: Float.self)), codingPath: codingPath())
        } else if Value.self == Data.self {
            writeBase64(unsafeBitCast(value, to: Data.self))
        } else {
            return false
        }
        return true
    }

    func writeNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    func writeBool(_ value: Bool) {
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [
                UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e"),
            ])
        }
    }

    /// A 64-bit integer, for writers in other modules: their calls to the generic `writeInteger`
    /// are not specialized and cost the pipelines a tenth of their time.
    package func writeInt64(_ value: Int64) {
        writeInteger(value)
    }

    @inline(__always)
    func writeInteger(_ value: some FixedWidthInteger) {
        guard value != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits of the magnitude, least significant first, then reversed in place.
        var magnitude = value.magnitude
        let start = bytes.count
        while magnitude > 0 {
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder))
            magnitude = quotient
        }
        bytes[start...].reverse()
    }

    /// Writes a finite number as Swift prints it, without a trailing ".0" (as Foundation does).
    func writeDouble(_ value: Double, codingPath: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: codingPath(), debugDescription: "\(value) is not valid JSON")
            )
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Writes `data` as a quoted, padded Base64 string (Foundation's default `dataEncodingStrategy`),
    /// straight into the output: checkpoints hold every staged sink record this way.
    func writeBase64(_ data: Data) {
        bytes.reserveCapacity(bytes.count + (data.count + 2) / 3 * 4 + 2)
        bytes.append(UInt8(ascii: "\""))
        Self.base64Alphabet.withUnsafeBufferPointer { alphabet in
            data.withUnsafeBytes { input in
                var index = 0
                while index + 3 <= input.count {
                    let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                    bytes.append(alphabet[Int(group >> 18)])
                    bytes.append(alphabet[Int(group >> 12 & 0x3F)])
                    bytes.append(alphabet[Int(group >> 6 & 0x3F)])
                    bytes.append(alphabet[Int(group & 0x3F)])
                    index += 3
                }
                let remaining = input.count - index
                guard remaining > 0 else { return }
                let group = UInt32(input[index]) << 16 | (remaining == 2 ? UInt32(input[index + 1]) << 8 : 0)
                bytes.append(alphabet[Int(group >> 18)])
                bytes.append(alphabet[Int(group >> 12 & 0x3F)])
                bytes.append(remaining == 2 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
                bytes.append(UInt8(ascii: "="))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a quoted string, escaping quotes, backslashes and control characters (not slashes).
    func writeString(_ value: String) {
        Self.appendQuoted(value, to: &bytes)
    }

    /// Appends `value` as a quoted JSON string to `bytes`, for writers of JSON in other modules.
    package static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                appendEscape(byte, to: &bytes)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)],
            ])
        }
    }
}
