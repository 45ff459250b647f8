extension TopicConfiguration {
    /// Every topic config name Kafka defines; all are accepted, `TopicConfigKey.isEnforced` says
    /// which the log acts on.
    public static let supportedKafkaConfigNames: [String] = TopicConfigKey.all.map(\.name)

    /// Applies Kafka config entries (`retention.ms` and so on) on top of `base`.
    ///
    /// An unknown name or a value Kafka would refuse throws with Kafka's message, so that
    /// CreateTopics and AlterConfigs can answer INVALID_CONFIG and change nothing.
    public init(kafkaConfigs: [String: String], base: TopicConfiguration = TopicConfiguration()) throws(EventLogError) {
        self = base
        for (name, value) in kafkaConfigs.sorted(by: { $0.key < $1.key }) {
            let key = try TopicConfigKey.named(name)
            try key.check(value)
            key.apply?(&self, value)
        }
        if let difference = kafkaConfigs["message.timestamp.difference.max.ms"].flatMap({ Int64($0.trimmingWhitespace) }
        ) {
            messageTimestampBeforeMaxMilliseconds = min(messageTimestampBeforeMaxMilliseconds, difference)
            messageTimestampAfterMaxMilliseconds = min(messageTimestampAfterMaxMilliseconds, difference)
        }
        try validate()
    }

    /// The settings the log acts on, as Kafka config entries.
    public var kafkaConfigs: [String: String] {
        var configs: [String: String] = [:]
        for key in TopicConfigKey.all {
            if let read = key.read { configs[key.name] = read(self) }
        }
        return configs
    }

    /// The Kafka config entries that make `base` into this configuration: what a topic created
    /// with it overrides.
    func kafkaConfigs(differingFrom base: TopicConfiguration) -> [String: String] {
        let mine = kafkaConfigs
        let theirs = base.kafkaConfigs
        return mine.filter { theirs[$0.key] != $0.value }
    }
}
