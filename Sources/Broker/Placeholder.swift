// The Broker layer; see docs/ARCHITECTURE.md.
