/// A value sent by bench/streams/produce_paced.py: its wall-clock send time in nanoseconds.
struct LatencyProbe: Codable, Sendable {
    var id: Int
    var sentNanoseconds: Int64
    var ts: Int64

    enum CodingKeys: String, CodingKey {
        case id
        case sentNanoseconds = "sent_ns"
        case ts
    }
}
