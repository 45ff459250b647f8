/// Where the web server listens and what it serves besides the apps.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Where Debian's libjs-chart.js installs Chart.js; served at `/vendor/chart.js/`.
    public var chartJavaScriptDirectory = "/usr/share/javascript/chart.js"

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
