extension EventLog {
    /// The topic's configs as DescribeConfigs answers them: every Kafka topic config, or those of
    /// `names` that Kafka defines (others are left out, as Kafka does), sorted by name.
    ///
    /// A config set for the topic is `dynamicTopicConfig`; otherwise the store's default, which is
    /// `staticBrokerConfig` when `kibitz serve` changed it from Kafka's and `defaultConfig` when
    /// not. Synonyms list the topic's value, then the broker's and Kafka's defaults.
    public func describeTopicConfigs(_ topic: String, names: [String]? = nil) throws(EventLogError) -> [ConfigEntry] {
        guard let description = describeTopic(topic) else {
            throw .unknownTopicOrPartition(topic: topic, partition: -1)
        }
        let wanted = names.map(Set.init)
        return TopicConfigKey.all.filter { wanted?.contains($0.name) ?? true }.map { key in
            configEntry(key, overrides: description.configOverrides)
        }
    }

    /// The store's topic defaults under Kafka's broker property names (`log.retention.ms`,
    /// `message.max.bytes`, ...), read-only, for DescribeConfigs on the broker resource; `names`
    /// filters as for topics.
    public func describeBrokerTopicDefaults(names: [String]? = nil) -> [ConfigEntry] {
        let wanted = names.map(Set.init)
        let defaults = configuration.defaultTopicConfiguration
        return TopicConfigKey.all.compactMap { key -> ConfigEntry? in
            guard let brokerName = key.brokerName, wanted?.contains(brokerName) ?? true else { return nil }
            let value = key.read?(defaults) ?? key.kafkaDefault
            return ConfigEntry(
                name: brokerName,
                value: value,
                source: value == key.kafkaDefault ? .defaultConfig : .staticBrokerConfig,
                isReadOnly: true,
                type: key.type,
                synonyms: [ConfigEntry.Synonym(name: brokerName, value: value, source: .defaultConfig)],
                isEnforced: key.isEnforced
            )
        }
        .sorted { $0.name < $1.name }
    }

    /// Replaces every config set for the topic with `configs`, as AlterConfigs does: names left out
    /// return to their defaults. Checked in full first (an unknown name or a bad value throws
    /// INVALID_CONFIG with Kafka's message and changes nothing); with `validateOnly`, nothing more.
    /// Otherwise the topic's metadata file is replaced atomically and its partitions take the new
    /// settings at once (retention, rolling, `max.message.bytes`, timestamps, compaction).
    @discardableResult
    public func alterTopicConfigs(
        _ topic: String,
        replacingWith configs: [String: String],
        validateOnly: Bool = false
    ) throws(EventLogError) -> TopicDescription {
        try changeTopicConfigs(topic, validateOnly: validateOnly) { _ throws(EventLogError) in configs }
    }

    /// Applies IncrementalAlterConfigs' changes to the configs set for the topic: `set` a value,
    /// `delete` it (back to the default), `append` or `subtract` items of a list config (from its
    /// current value, the default if it is not set). All or nothing, checked as
    /// `alterTopicConfigs` checks; a name given twice is INVALID_REQUEST, as in Kafka.
    @discardableResult
    public func incrementalAlterTopicConfigs(
        _ topic: String,
        _ alterations: [ConfigAlteration],
        validateOnly: Bool = false
    ) throws(EventLogError) -> TopicDescription {
        guard Set(alterations.map(\.name)).count == alterations.count else {
            throw .invalidRequest("Error due to duplicate config keys")
        }
        let defaults = configuration.defaultTopicConfiguration
        return try changeTopicConfigs(topic, validateOnly: validateOnly) { current throws(EventLogError) in
            var overrides = current
            for alteration in alterations {
                let key = try TopicConfigKey.named(alteration.name)
                switch alteration.operation {
                case .set:
                    overrides[key.name] = alteration.value ?? ""
                case .delete:
                    overrides[key.name] = nil
                case .append, .subtract:
                    guard key.type == .list else {
                        let verb = alteration.operation == .append ? "append" : "subtract"
                        throw .configurationRejected("Config value \(verb) is not allowed for config key: \(key.name)")
                    }
                    let existing = ConfigValidator.listItems(
                        overrides[key.name] ?? key.read?(defaults) ?? key.kafkaDefault
                    )
                    let items = ConfigValidator.listItems(alteration.value ?? "")
                    let result =
                        alteration.operation == .append
                        ? existing + items.filter { !existing.contains($0) }
                        : existing.filter { !items.contains($0) }
                    overrides[key.name] = result.joined(separator: ",")
                }
            }
            return overrides
        }
    }

    /// Computes the topic's new overrides from its current ones, checks them, and unless
    /// `validateOnly` persists and applies them; under the topics lock, so alterations of one
    /// topic never interleave.
    private func changeTopicConfigs(
        _ topic: String,
        validateOnly: Bool,
        _ newOverrides: ([String: String]) throws(EventLogError) -> [String: String]
    ) throws(EventLogError) -> TopicDescription {
        let defaults = configuration.defaultTopicConfiguration
        return try topics.withLock { topics throws(EventLogError) -> TopicDescription in
            guard !isClosed.load(ordering: .acquiring) else { throw .closed }
            guard var entry = topics[topic] else { throw .unknownTopicOrPartition(topic: topic, partition: -1) }
            let overrides = try newOverrides(entry.description.configOverrides)
            let configuration = try TopicConfiguration(kafkaConfigs: overrides, base: defaults)
            var description = entry.description
            description.configuration = configuration
            description.configOverrides = overrides
            guard !validateOnly else { return description }
            try Topic.MetadataFile(description).write(to: topicsDirectory + "/" + topic + "/" + Topic.metadataFileName)
            entry.description = description
            topics[topic] = entry
            for partition in entry.partitions { partition.reconfigure(configuration) }
            logger.info("altered topic configs", metadata: ["topic": "\(topic)", "configs": "\(overrides)"])
            return description
        }
    }

    /// One config of a topic as DescribeConfigs shows it.
    private func configEntry(_ key: TopicConfigKey, overrides: [String: String]) -> ConfigEntry {
        let defaultValue = key.read?(configuration.defaultTopicConfiguration) ?? key.kafkaDefault
        var synonyms: [ConfigEntry.Synonym] = []
        if let value = overrides[key.name] {
            synonyms.append(ConfigEntry.Synonym(name: key.name, value: value, source: .dynamicTopicConfig))
        }
        if let brokerName = key.brokerName {
            if defaultValue != key.kafkaDefault {
                synonyms.append(ConfigEntry.Synonym(name: brokerName, value: defaultValue, source: .staticBrokerConfig))
            }
            synonyms.append(ConfigEntry.Synonym(name: brokerName, value: key.kafkaDefault, source: .defaultConfig))
        }
        let value = overrides[key.name] ?? defaultValue
        let source: ConfigSource =
            overrides[key.name] != nil
            ? .dynamicTopicConfig : defaultValue == key.kafkaDefault ? .defaultConfig : .staticBrokerConfig
        return ConfigEntry(
            name: key.name,
            value: value,
            source: source,
            isReadOnly: false,
            type: key.type,
            synonyms: synonyms,
            isEnforced: key.isEnforced
        )
    }
}
