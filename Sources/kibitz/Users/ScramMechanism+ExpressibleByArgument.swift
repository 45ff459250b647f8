import ArgumentParser
import Broker

/// `--mechanism SCRAM-SHA-256` on the command line.
extension ScramMechanism: ExpressibleByArgument {}
