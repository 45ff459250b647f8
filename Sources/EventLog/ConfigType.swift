/// A config's type as DescribeConfigs (v3 and later) reports it, with Kafka's codes.
public enum ConfigType: Int8, Sendable, Hashable {
    case unknown = 0
    case boolean = 1
    case string = 2
    case int = 3
    case short = 4
    case long = 5
    case double = 6
    case list = 7
    case `class` = 8
    case password = 9
}
