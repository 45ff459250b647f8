/// Where a config's value comes from, with the codes DescribeConfigs answers.
public enum ConfigSource: Int8, Sendable, Hashable {
    case unknown = 0
    /// Set for this topic (CreateTopics, AlterConfigs, IncrementalAlterConfigs).
    case dynamicTopicConfig = 1
    case dynamicBrokerConfig = 2
    case dynamicDefaultBrokerConfig = 3
    /// The broker's default for every topic, set at start (a `kibitz serve` option).
    case staticBrokerConfig = 4
    /// Kafka's own default.
    case defaultConfig = 5
}
