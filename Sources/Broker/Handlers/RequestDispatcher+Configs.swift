import EventLog
import KafkaProtocol

extension RequestDispatcher {
    /// Kafka's config resource types.
    enum ConfigResourceType: Int8 {
        case topic = 2
        case broker = 4
    }

    /// The error code and message of a failure, Kafka's wording where the log gives it.
    static func failure(_ error: any Error) -> (code: Int16, message: String) {
        (errorCode(for: error).rawValue, "\(error)")
    }

    /// Whether `name` names this broker: its id, or empty for the cluster-wide defaults.
    private func isThisBroker(_ name: String) -> Bool { name.isEmpty || name == "\(configuration.nodeId)" }

    /// DescribeConfigs: every topic config with its value and where it comes from; the broker's
    /// topic defaults, read-only. Synonyms only when asked (version 1+), as Kafka answers.
    func describeConfigs(_ request: DescribeConfigsRequest) -> DescribeConfigsResponse {
        DescribeConfigsResponse(
            results: request.resources.map { resource in
                var result = DescribeConfigsResponse.DescribeConfigsResult(
                    errorMessage: nil,
                    resourceType: resource.resourceType,
                    resourceName: resource.resourceName
                )
                let entries: [ConfigEntry]
                do {
                    switch ConfigResourceType(rawValue: resource.resourceType) {
                    case .topic where resource.resourceName.isEmpty:
                        result.errorCode = ErrorCode.invalidTopicException.rawValue
                        result.errorMessage = "Topic name cannot be empty."
                        return result
                    case .topic:
                        entries = try log.describeTopicConfigs(resource.resourceName, names: resource.configurationKeys)
                    case .broker where isThisBroker(resource.resourceName):
                        entries = log.describeBrokerTopicDefaults(names: resource.configurationKeys)
                    case .broker:
                        result.errorCode = ErrorCode.invalidRequest.rawValue
                        result.errorMessage =
                            "unexpected broker id \(resource.resourceName), this is broker \(configuration.nodeId)"
                        return result
                    case nil:
                        result.errorCode = ErrorCode.invalidRequest.rawValue
                        result.errorMessage = "unsupported resource type \(resource.resourceType)"
                        return result
                    }
                } catch {
                    (result.errorCode, result.errorMessage) = Self.failure(error)
                    return result
                }
                result.configs = entries.map { entry in
                    .init(
                        name: entry.name,
                        value: entry.value,
                        readOnly: entry.isReadOnly,
                        isDefault: entry.isDefault,
                        configSource: entry.source.rawValue,
                        isSensitive: entry.isSensitive,
                        synonyms: request.includeSynonyms
                            ? entry.synonyms.map { .init(name: $0.name, value: $0.value, source: $0.source.rawValue) }
                            : [],
                        configType: entry.type.rawValue,
                        documentation: nil
                    )
                }
                return result
            }
        )
    }

    /// AlterConfigs: replaces a topic's configs whole (names left out return to defaults).
    func alterConfigs(_ request: AlterConfigsRequest) -> AlterConfigsResponse {
        AlterConfigsResponse(
            responses: request.resources.map { resource in
                let outcome = alter(resourceType: resource.resourceType, name: resource.resourceName) {
                    () throws(EventLogError) in
                    // As Kafka's legacy AlterConfigs: null values are left out (the config returns to
                    // its default) and the last of a repeated name wins; librdkafka's 0092 relies on it.
                    let configs = Dictionary(
                        resource.configs.compactMap { config in config.value.map { (config.name, $0) } },
                        uniquingKeysWith: { _, last in last }
                    )
                    try log.alterTopicConfigs(
                        resource.resourceName,
                        replacingWith: configs,
                        validateOnly: request.validateOnly
                    )
                }
                return .init(
                    errorCode: outcome.code,
                    errorMessage: outcome.message,
                    resourceType: resource.resourceType,
                    resourceName: resource.resourceName
                )
            }
        )
    }

    /// IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT on a topic's configs.
    func incrementalAlterConfigs(_ request: IncrementalAlterConfigsRequest) -> IncrementalAlterConfigsResponse {
        // A resource named twice is refused both times, as Kafka does.
        let counts = Dictionary(
            request.resources.map { ("\($0.resourceType)/\($0.resourceName)", 1) },
            uniquingKeysWith: +
        )
        return IncrementalAlterConfigsResponse(
            responses: request.resources.map { resource in
                let outcome = alter(resourceType: resource.resourceType, name: resource.resourceName) {
                    () throws(EventLogError) in
                    guard counts["\(resource.resourceType)/\(resource.resourceName)"] == 1 else {
                        throw .invalidRequest(
                            "Error due to duplicate resources: \(resource.resourceName) appears more than once"
                        )
                    }
                    // DELETE needs no value; every other operation does.
                    if let unset = resource.configs.first(where: { $0.value == nil && $0.configOperation != 1 }) {
                        throw .invalidRequest("Null value not supported for : \(unset.name)")
                    }
                    let alterations = try resource.configs.map { config throws(EventLogError) in
                        guard let operation = ConfigAlteration.Operation(rawValue: config.configOperation) else {
                            throw .invalidRequest(
                                "unknown config operation \(config.configOperation) for \(config.name)"
                            )
                        }
                        return ConfigAlteration(name: config.name, operation: operation, value: config.value)
                    }
                    try log.incrementalAlterTopicConfigs(
                        resource.resourceName,
                        alterations,
                        validateOnly: request.validateOnly
                    )
                }
                return .init(
                    errorCode: outcome.code,
                    errorMessage: outcome.message,
                    resourceType: resource.resourceType,
                    resourceName: resource.resourceName
                )
            }
        )
    }

    /// Runs a topic config change and reports it; broker configs are fixed at start here.
    private func alter(
        resourceType: Int8,
        name: String,
        _ change: () throws(EventLogError) -> Void
    ) -> (code: Int16, message: String?) {
        switch ConfigResourceType(rawValue: resourceType) {
        case .topic:
            do {
                try change()
                logger.info("altered topic configs", metadata: ["topic": "\(name)"])
                return (0, nil)
            } catch {
                return Self.failure(error)
            }
        case .broker:
            return (
                ErrorCode.invalidRequest.rawValue,
                "broker configs are set when kibitz serve starts (see kibitz serve --help) and cannot be changed while it runs"
            )
        case nil:
            return (ErrorCode.invalidRequest.rawValue, "unsupported resource type \(resourceType)")
        }
    }
}
