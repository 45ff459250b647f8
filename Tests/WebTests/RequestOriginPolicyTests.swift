import Testing
import Web

/// Which Host and Origin values the web server answers.
@Suite struct RequestOriginPolicyTests {
    @Test func aLoopbackBindAnswersEveryLoopbackName() {
        let policy = RequestOriginPolicy(host: "127.0.0.1")
        for host in [
            "127.0.0.1:8080", "localhost:8080", "LocalHost:8080", "[::1]:8080", "localhost.:8080", "localhost",
            "localhost:8081",
        ] {
            #expect(policy.allowsHost(host), "\(host)")
        }
        for host in ["evil.example:8080", "evil.example", "10.0.0.1:8080", "localhost:x", ""] {
            #expect(!policy.allowsHost(host), "\(host)")
        }
    }

    @Test func aWildcardBindAnswersAddressesButNotForeignNames() {
        let policy = RequestOriginPolicy(
            host: "0.0.0.0",
            allowedHosts: ["kibitz.lan", "proxy.example:443"]
        )
        #expect(policy.allowsHost("192.168.1.20:8080"))
        #expect(policy.allowsHost("[fe80::1]:8080"))
        #expect(policy.allowsHost("kibitz.lan:9999"))
        #expect(policy.allowsHost("proxy.example:443"))
        #expect(!policy.allowsHost("proxy.example:8080"), "allowed at port 443 only")
        #expect(!policy.allowsHost("rebound.evil.example:8080"))
    }

    @Test func originsMustBeThisServerOrConfigured() {
        let policy = RequestOriginPolicy(host: "127.0.0.1", allowedOrigins: ["https://App.example/"])
        #expect(policy.allowsOrigin("http://127.0.0.1:8080", requestHost: "127.0.0.1:8080"))
        #expect(policy.allowsOrigin("http://localhost:8080", requestHost: "localhost:8080"))
        #expect(policy.allowsOrigin("https://app.example", requestHost: "127.0.0.1:8080"))
        #expect(!policy.allowsOrigin("http://localhost:8080", requestHost: "127.0.0.1:8080"), "not the same origin")
        #expect(!policy.allowsOrigin("http://localhost:3000", requestHost: "localhost:8080"), "same site, other origin")
        #expect(!policy.allowsOrigin("null", requestHost: "127.0.0.1:8080"))
        #expect(!policy.allowsOrigin("file://", requestHost: "127.0.0.1:8080"))
        #expect(!policy.allowsOrigin("http://evil.example", requestHost: "evil.example"), "a rebound name")
    }
}
