/// Where the web server listens, whom it answers and what it serves besides the apps.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Host names (`name` or `name:port`) answered besides the bound address and, for a loopback
    /// or wildcard bind, localhost: the names users type when Kibitz runs behind a proxy or on a LAN.
    public var allowedHosts: [String] = []
    /// Origins (`scheme://host[:port]`) whose pages may call the APIs besides Kibitz's own.
    public var allowedOrigins: [String] = []
    /// Where Debian's libjs-chart.js installs Chart.js; served at `/vendor/chart.js/`.
    public var chartJavaScriptDirectory = "/usr/share/javascript/chart.js"
    /// Sizes and timeouts of HTTP requests and connections.
    public var limits = HTTPLimits()

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// The `Host` and `Origin` rules of this configuration.
    public var originPolicy: RequestOriginPolicy {
        RequestOriginPolicy(host: host, allowedHosts: allowedHosts, allowedOrigins: allowedOrigins)
    }
}
