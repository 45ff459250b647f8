// The KafkaClient layer; see docs/ARCHITECTURE.md.
