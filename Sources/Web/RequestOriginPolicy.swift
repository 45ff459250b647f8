/// Which `Host` and `Origin` values the web server answers: its own address, the loopback names
/// of a loopback or wildcard bind, and what `--allowed-host` and `--allowed-origin` add.
///
/// A page on another site, or a name rebound to 127.0.0.1 (DNS rebinding), reaches a local server
/// only with a foreign `Origin` or `Host`; refusing those keeps such pages from driving Kibitz.
/// Ports are not compared: an attacker controls names, not the port a proxy or a forward uses.
public struct RequestOriginPolicy: Sendable {
    /// Host names answered.
    private let hostNames: Set<String>
    /// Whether any IP address is answered: a wildcard bind serves them all,
    /// and an address typed as such cannot be rebound.
    private let acceptsAnyAddress: Bool
    /// `--allowed-host` entries: `name` (any port) or `name:port`.
    private let allowedHosts: Set<String>
    /// `--allowed-origin` entries, as `scheme://host[:port]`.
    private let allowedOrigins: Set<String>

    public init(host: String, allowedHosts: [String] = [], allowedOrigins: [String] = []) {
        let bound = Self.normalizedName(host)
        let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "::1"]
        let isWildcard = ["0.0.0.0", "::", ""].contains(bound)
        let isLoopback = loopbackNames.contains(bound) || bound.hasPrefix("127.")
        var names: Set<String> = isWildcard ? [] : [bound]
        if isLoopback || isWildcard { names.formUnion(loopbackNames) }
        self.hostNames = names
        self.acceptsAnyAddress = isWildcard
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.allowedOrigins = Set(allowedOrigins.compactMap(Self.normalizedOrigin))
    }

    /// Whether a request's `Host` (its authority: `name`, `name:port` or `[v6]:port`) is this server.
    public func allowsHost(_ authority: String) -> Bool {
        guard let (name, _) = Self.split(authority: authority.lowercased()) else { return false }
        if allowedHosts.contains(name) || allowedHosts.contains(authority.lowercased()) { return true }
        return hostNames.contains(name) || (acceptsAnyAddress && Self.isIPAddress(name))
    }

    /// Whether a request whose `Host` is `host` may come from `origin`: a page of this server, or
    /// an origin allowed by configuration. `null` and anything but http(s) never are.
    public func allowsOrigin(_ origin: String, requestHost host: String?) -> Bool {
        guard let normalized = Self.normalizedOrigin(origin) else { return false }
        if allowedOrigins.contains(normalized) { return true }
        guard let host, let separator = normalized.range(of: "://") else { return false }
        let authority = String(normalized[separator.upperBound...])
        return authority == host.lowercased() && allowsHost(authority)
    }

    /// `scheme://authority` in lowercase without a trailing slash; nil for anything else (`null`, paths).
    public static func normalizedOrigin(_ origin: String) -> String? {
        var text = origin.lowercased()
        if text.hasSuffix("/") { text.removeLast() }
        for scheme in ["http://", "https://"] where text.hasPrefix(scheme) {
            let authority = text.dropFirst(scheme.count)
            guard !authority.isEmpty, !authority.contains("/"), split(authority: String(authority)) != nil else {
                return nil
            }
            return text
        }
        return nil
    }

    /// The name (brackets removed from IPv6) and the port, if any; nil when the port is no number.
    public static func split(authority: String) -> (name: String, port: Int?)? {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let name = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (name, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return nil }
            return (name, port)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (normalizedName(authority), nil)
        case 2:
            guard let port = Int(parts[1]) else { return nil }
            return (normalizedName(String(parts[0])), port)
        default: return (authority, nil)  // a bare IPv6 address
        }
    }

    private static func normalizedName(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    private static func isIPAddress(_ name: String) -> Bool {
        if name.contains(":") { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }
}
