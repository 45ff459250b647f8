extension EventLog {
    /// Longest topic name Kafka allows.
    public static let maximumTopicNameLength = 249

    /// Checks a topic name against Kafka's rules: 1 to 249 of `[a-zA-Z0-9._-]`, not "." or "..".
    /// The name with '.' as '_': two topics whose names agree this way collide, as in Kafka.
    static func collisionName(of name: String) -> String {
        String(name.map { $0 == "." ? "_" : $0 })
    }

    public static func validateTopicName(_ name: String) throws(EventLogError) {
        guard !name.isEmpty else { throw .invalidTopic(name: name, reason: "the name is empty") }
        guard name != "." && name != ".." else { throw .invalidTopic(name: name, reason: "'.' and '..' are reserved") }
        guard name.utf8.count <= maximumTopicNameLength else {
            throw .invalidTopic(name: name, reason: "longer than \(maximumTopicNameLength) characters")
        }
        let isLegal = name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        guard isLegal else {
            throw .invalidTopic(name: name, reason: "only ASCII letters, digits, '.', '_' and '-' are allowed")
        }
    }
}
