import CRdKafka

/// Where a Kafka cluster is and how to talk to it: bootstrap servers plus any librdkafka property.
///
/// Properties are librdkafka's own names (see its CONFIGURATION.md), so anything librdkafka supports,
/// such as `security.protocol` or `socket.timeout.ms`, can be passed through unchanged.
/// Properties set here are applied last, after the settings a producer, consumer or administrator
/// derives from its own arguments, so they always have the final word.
public struct KafkaConfiguration: Sendable, Equatable {
    /// Comma-separated `host:port` pairs of brokers to learn the cluster from, such as `localhost:9092`.
    public var bootstrapServers: String
    /// librdkafka properties by name, such as `["client.id": "simulator"]`.
    public var properties: [String: String]

    /// Makes a configuration for the cluster at `bootstrapServers` with extra librdkafka `properties`.
    public init(bootstrapServers: String = "localhost:9092", properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.properties = properties
    }

    /// Reads or sets one librdkafka property.
    public subscript(property: String) -> String? {
        get { properties[property] }
        set { properties[property] = newValue }
    }

    /// Checks the bootstrap servers and every property with librdkafka, throwing a `KafkaError`
    /// that names the first offending entry.
    public func validate() throws {
        rd_kafka_conf_destroy(try makeNativeConfiguration())
    }

    /// Builds an `rd_kafka_conf_t` from `defaults`, then the bootstrap servers, then `properties`.
    ///
    /// The caller owns the result and must hand it to `rd_kafka_new` or destroy it.
    func makeNativeConfiguration(defaults: [(String, String)] = []) throws -> OpaquePointer {
        try validateBootstrapServers()
        let configuration = rd_kafka_conf_new()!
        do {
            // Sorting keeps the first reported error stable from run to run.
            let explicit = properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let bootstrap = bootstrapServers.isEmpty ? [] : [("bootstrap.servers", bootstrapServers)]
            for (name, value) in defaults + bootstrap + explicit {
                try Self.set(name, to: value, in: configuration)
            }
            return configuration
        } catch {
            rd_kafka_conf_destroy(configuration)
            throw error
        }
    }

    private static func set(_ name: String, to value: String, in configuration: OpaquePointer) throws {
        var reason = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(configuration, name, value, &reason, reason.count)
        guard result != RD_KAFKA_CONF_OK else { return }
        let explanation = String(nullTerminated: reason)
        throw KafkaError(
            code: .invalidArgument,
            message: "invalid Kafka configuration property \(name)=\(value): \(explanation)"
        )
    }

    private func validateBootstrapServers() throws {
        // An empty list is only meaningful when librdkafka makes its own mock cluster.
        if bootstrapServers.isEmpty {
            guard properties["test.mock.num.brokers"] != nil else {
                throw KafkaError(code: .invalidArgument, message: "no bootstrap servers given")
            }
            return
        }
        for server in bootstrapServers.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = Self.trimmingWhitespace(server)
            guard let colon = trimmed.lastIndex(of: ":") else {
                if trimmed.isEmpty { throw Self.invalidServer(server, "empty entry") }
                continue  // librdkafka uses port 9092 when none is given.
            }
            let host = trimmed[..<colon]
            let port = trimmed[trimmed.index(after: colon)...]
            if host.isEmpty { throw Self.invalidServer(server, "missing host") }
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw Self.invalidServer(server, "port must be a number from 1 to 65535")
            }
        }
    }

    private static func trimmingWhitespace(_ text: Substring) -> Substring {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }

    private static func invalidServer(_ server: Substring, _ reason: String) -> KafkaError {
        KafkaError(code: .invalidArgument, message: "invalid bootstrap server '\(server)': \(reason)")
    }
}
