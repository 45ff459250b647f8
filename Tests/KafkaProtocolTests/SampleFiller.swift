import KafkaProtocol
import NIOCore

/// A coder that, instead of reading or writing, sets every field a message has at `version` away
/// from its default: numbers to distinct values, strings and bytes to short non-empty ones,
/// arrays to one filled element, and every known tagged field. A round trip of such a sample
/// changes bytes whenever a version condition drops, adds or misplaces a field.
struct SampleFiller: KafkaCoder {
    let version: Int16
    let isFlexible: Bool
    private var counter: Int64 = 0

    init(version: Int16, isFlexible: Bool) {
        self.version = version
        self.isFlexible = isFlexible
    }

    /// A message of type `Message` filled at `version`.
    static func sample<Message: KafkaMessage>(_ type: Message.Type, version: Int16) -> Message {
        var filler = SampleFiller(version: version, isFlexible: Message.isFlexible(version: version))
        var message = Message()
        try! message.code(with: &filler)
        return message
    }

    /// How many fields `Message` has at `version`, tagged ones included.
    static func fieldCount<Message: KafkaMessage>(_ type: Message.Type, version: Int16) -> Int64 {
        var filler = SampleFiller(version: version, isFlexible: Message.isFlexible(version: version))
        var message = Message()
        try! message.code(with: &filler)
        return filler.counter
    }

    private mutating func next() -> Int64 {
        counter += 1
        return counter
    }

    mutating func code(_ value: inout Int8, _ field: StaticString) {
        value = Int8(truncatingIfNeeded: next() % 100 + 1)
    }
    mutating func code(_ value: inout Int16, _ field: StaticString) { value = Int16(next() + 100) }
    mutating func code(_ value: inout Int32, _ field: StaticString) { value = Int32(next() + 10_000) }
    mutating func code(_ value: inout Int64, _ field: StaticString) { value = next() + 1_000_000_000_000 }
    mutating func code(_ value: inout UInt16, _ field: StaticString) { value = UInt16(next() + 200) }
    mutating func code(_ value: inout UInt32, _ field: StaticString) { value = UInt32(next() + 70_000) }
    mutating func code(_ value: inout Double, _ field: StaticString) { value = Double(next()) + 0.5 }
    mutating func code(_ value: inout Bool, _ field: StaticString) { value = !value }
    mutating func code(_ value: inout KafkaUUID, _ field: StaticString) {
        value = KafkaUUID(mostSignificantBits: UInt64(next()), leastSignificantBits: UInt64(next()))
    }
    mutating func code(_ value: inout String?, _ field: StaticString) { value = "s\(next())" }
    mutating func code(_ value: inout ByteBuffer?, _ field: StaticString) {
        value = ByteBuffer(bytes: [1, 2, UInt8(truncatingIfNeeded: next())])
    }

    mutating func code<Element>(
        _ elements: inout [Element]?,
        _ field: StaticString,
        minimumElementSize: Int,
        blank: Element,
        element: (inout Element, inout SampleFiller) throws -> Void
    ) throws {
        var value = blank
        try element(&value, &self)
        elements = [value]
    }

    mutating func codeTaggedFields(present: [UInt32], _ visit: (UInt32, inout SampleFiller) throws -> Bool) throws {
        // Tags are small numbers; a message knows at most a handful.
        for tag in UInt32(0)..<16 { _ = try visit(tag, &self) }
    }
}
