/// The SASL mechanisms the SASL listener offers in SaslHandshake.
public enum SaslMechanism: String, Sendable, CaseIterable {
    case plain = "PLAIN"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA512 = "SCRAM-SHA-512"

    /// The SCRAM mechanism this is, nil for PLAIN.
    var scram: ScramMechanism? { ScramMechanism(rawValue: rawValue) }
}
