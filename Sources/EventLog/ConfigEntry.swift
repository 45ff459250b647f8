/// One config of a resource as DescribeConfigs answers it.
public struct ConfigEntry: Sendable, Hashable {
    /// A value this config would have from another source, most specific first (DescribeConfigs v1+).
    public struct Synonym: Sendable, Hashable {
        public var name: String
        public var value: String?
        public var source: ConfigSource

        public init(name: String, value: String?, source: ConfigSource) {
            self.name = name
            self.value = value
            self.source = source
        }
    }

    public var name: String
    public var value: String?
    public var source: ConfigSource
    /// Whether AlterConfigs may change it; every topic config may, as in Kafka.
    public var isReadOnly: Bool
    /// Whether the value is a secret DescribeConfigs must not show; no topic config is.
    public var isSensitive: Bool
    public var type: ConfigType
    public var synonyms: [Synonym]
    /// Whether Kibitz acts on the value; the others are kept and described with no effect on one broker.
    public var isEnforced: Bool

    public init(
        name: String,
        value: String?,
        source: ConfigSource,
        isReadOnly: Bool,
        isSensitive: Bool = false,
        type: ConfigType,
        synonyms: [Synonym] = [],
        isEnforced: Bool
    ) {
        self.name = name
        self.value = value
        self.source = source
        self.isReadOnly = isReadOnly
        self.isSensitive = isSensitive
        self.type = type
        self.synonyms = synonyms
        self.isEnforced = isEnforced
    }

    /// Whether the value is a default rather than set for the resource (DescribeConfigs v0's `is_default`).
    public var isDefault: Bool { source == .defaultConfig || source == .staticBrokerConfig }
}
