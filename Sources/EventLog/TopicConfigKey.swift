/// One of the topic configs Kafka defines: its name, type, rule, default and broker-wide property,
/// and for those the log acts on, how it reads and sets the `TopicConfiguration` field.
public struct TopicConfigKey: Sendable {
    /// The topic config name, as CreateTopics and DescribeConfigs spell it.
    public let name: String
    public let type: ConfigType
    /// Kafka's default, as DescribeConfigs shows it.
    public let kafkaDefault: String
    /// The broker property that sets the default for every topic (Kafka's "server default
    /// property"); nil for configs that have none.
    public let brokerName: String?
    let validator: ConfigValidator
    /// The value the configuration holds, for configs that are a field of `TopicConfiguration`.
    let read: (@Sendable (TopicConfiguration) -> String)?
    /// Sets the field from a value that passed `check`.
    let apply: (@Sendable (inout TopicConfiguration, String) -> Void)?
    /// Whether the log acts on the value; some act without being a field of their own.
    public let isEnforced: Bool
    /// A further rule of Kibitz's: a value Kafka accepts that this broker cannot honour.
    let refusal: (@Sendable (String) -> String?)?

    init(
        _ name: String,
        _ type: ConfigType,
        default kafkaDefault: String,
        broker brokerName: String?,
        _ validator: ConfigValidator,
        read: (@Sendable (TopicConfiguration) -> String)? = nil,
        apply: (@Sendable (inout TopicConfiguration, String) -> Void)? = nil,
        isEnforced: Bool? = nil,
        refusal: (@Sendable (String) -> String?)? = nil
    ) {
        self.name = name
        self.type = type
        self.kafkaDefault = kafkaDefault
        self.brokerName = brokerName
        self.validator = validator
        self.read = read
        self.apply = apply
        self.isEnforced = isEnforced ?? (apply != nil)
        self.refusal = refusal
    }

    /// Throws Kafka's INVALID_CONFIG answer for a value this config cannot take.
    func check(_ value: String) throws(EventLogError) {
        try validator.check(value, for: name)
        if let reason = refusal?(value) {
            throw .invalidConfiguration(key: name, value: value, reason: reason)
        }
    }

    /// The key of a topic config name, or Kafka's answer for an unknown name.
    static func named(_ name: String) throws(EventLogError) -> TopicConfigKey {
        guard let key = byName[name] else { throw .unknownConfiguration(name) }
        return key
    }

    static let byName: [String: TopicConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
