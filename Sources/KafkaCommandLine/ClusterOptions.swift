import ArgumentParser
import KafkaClient

/// The options every client command shares: where the cluster is, how long to wait, extra librdkafka settings.
public struct ClusterOptions: ParsableArguments {
    @Option(name: .long, help: "Comma-separated host:port pairs of Kafka brokers.")
    public var bootstrap = "localhost:9092"

    @Option(name: .long, help: "Seconds to wait for the cluster before giving up.")
    public var timeout: Double = 5

    @Option(
        name: [.customShort("X"), .customLong("property")],
        help: ArgumentHelp("A librdkafka property, as kcat's -X (repeatable).", valueName: "name=value")
    )
    public var properties: [String] = []

    public init() {}

    public func validate() throws {
        guard timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds, not \(timeout)")
        }
        _ = try parsedProperties()
    }

    /// `--timeout` as a `Duration`.
    public var timeoutDuration: Duration { .milliseconds(Int64(timeout * 1_000)) }

    /// The cluster configuration, with `defaults` that `-X` properties can override.
    public func configuration(defaults: [String: String] = [:]) throws -> KafkaConfiguration {
        // librdkafka logs every failed connection attempt to stderr; the commands report failures
        // themselves in one line, so its log stays quiet unless asked for with -X log_level=7.
        var properties = ["log_level": "0"].merging(defaults) { $1 }
        properties.merge(try parsedProperties()) { $1 }
        let configuration = KafkaConfiguration(bootstrapServers: bootstrap, properties: properties)
        try configuration.validate()
        return configuration
    }

    /// Fetches the cluster's metadata, turning an unreachable cluster into one clear line.
    public func metadata(with administrator: KafkaAdministrator) async throws -> KafkaClusterMetadata {
        do {
            return try await administrator.metadata(timeout: timeoutDuration)
        } catch let error as KafkaError {
            let reason = error.code.explanation
            throw CommandFailure("cannot reach Kafka at \(bootstrap) within \(timeout.formattedSeconds) s (\(reason))")
        }
    }

    /// An administrator for a topic that must exist; a missing topic is one plain line, whatever
    /// the broker's own error would say.
    public func administrator(forExistingTopic name: String) async throws -> KafkaAdministrator {
        let administrator = try KafkaAdministrator(configuration: try configuration())
        guard try await metadata(with: administrator).topic(named: name) != nil else {
            throw CommandFailure("topic \(name) does not exist")
        }
        return administrator
    }

    private func parsedProperties() throws -> [String: String] {
        try Self.parseAssignments(properties, option: "-X")
    }

    /// Splits `name=value` arguments, rejecting any without a name or an `=`.
    public static func parseAssignments(_ assignments: [String], option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("\(option) expects name=value, not '\(assignment)'")
            }
            result[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        return result
    }
}

extension Double {
    /// The number without a trailing `.0`, as in "5 s" or "0.5 s".
    public var formattedSeconds: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
