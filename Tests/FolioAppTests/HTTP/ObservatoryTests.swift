import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Mozilla HTTP Observatory's scoring (its published methodology: a baseline of 100, penalties,
/// and bonuses counted only when the score without them is at least 90), applied to the headers
/// and HTML Folio sends. The redirection test (http:// → https:// on the same host) belongs to
/// the ingress or CDN in front of Folio and is not scored here.
struct Observatory {
    var modifiers: [(test: String, score: Int)] = []

    var score: Int {
        let penalties = modifiers.filter { $0.score < 0 }.reduce(0) { $0 + $1.score }
        let bonuses = modifiers.filter { $0.score > 0 }.reduce(0) { $0 + $1.score }
        return max(0, 100 + penalties + (100 + penalties >= 90 ? bonuses : 0))
    }

    var grade: String {
        switch score {
        case 100...: "A+"
        case 90..<100: "A"
        case 85..<90: "A-"
        case 80..<85: "B+"
        default: "below B+"
        }
    }

    init(headers: HTTPFields, html: String) {
        func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
        // Content Security Policy
        var directives: [String: [String]] = [:]
        for part in (header("Content-Security-Policy") ?? "").split(separator: ";") {
            let words = part.split(separator: " ").map { String($0) }
            if let name = words.first { directives[name.lowercased()] = Array(words.dropFirst()) }
        }
        if directives.isEmpty {
            modifiers.append(("csp-not-implemented", -25))
        } else {
            let scripts = directives["script-src"] ?? directives["default-src"] ?? ["*"]
            let styles = directives["style-src"] ?? directives["default-src"] ?? ["*"]
            let active = directives.filter { ["script-src", "style-src", "object-src", "default-src", "frame-src", "connect-src"].contains($0.key) }
                .flatMap(\.value)
            let passive = directives.filter { ["img-src", "media-src", "font-src"].contains($0.key) }.flatMap(\.value)
            func insecure(_ sources: [String]) -> Bool {
                sources.contains { $0 == "http:" || $0 == "*" || $0.lowercased().hasPrefix("http://") }
            }
            if scripts.contains("'unsafe-inline'") || scripts.contains("data:") {
                modifiers.append(("csp-implemented-with-unsafe-inline", -20))
            } else if insecure(active) {
                modifiers.append(("csp-implemented-with-insecure-scheme", -20))
            } else if scripts.contains("'unsafe-eval'") {
                modifiers.append(("csp-implemented-with-unsafe-eval", -10))
            } else if insecure(passive) {
                modifiers.append(("csp-implemented-with-insecure-scheme-in-passive-content-only", -10))
            } else if styles.contains("'unsafe-inline'") {
                modifiers.append(("csp-implemented-with-unsafe-inline-in-style-src-only", 0))
            } else if directives["default-src"] == ["'none'"] {
                modifiers.append(("csp-implemented-with-no-unsafe-default-src-none", 10))
            } else {
                modifiers.append(("csp-implemented-with-no-unsafe", 5))
            }
        }
        // Cookies
        let cookies = headers[values: .setCookie]
        if cookies.isEmpty {
            modifiers.append(("cookies-not-found", 0))
        } else if cookies.allSatisfy({ $0.contains("Secure") && $0.contains("HttpOnly") && $0.contains("SameSite") }) {
            modifiers.append(("cookies-secure-with-httponly-sessions-and-samesite", 5))
        } else {
            modifiers.append(("cookies-without-secure-flag", -20))
        }
        // CORS: a public Access-Control-Allow-Origin is fine; credentials to anyone are not.
        if header("Access-Control-Allow-Origin") == "*", header("Access-Control-Allow-Credentials") == "true" {
            modifiers.append(("cross-origin-resource-sharing-implemented-with-universal-access", -50))
        }
        // Referrer Policy
        switch header("Referrer-Policy")?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) {
        case "no-referrer"?, "same-origin"?, "strict-origin"?, "strict-origin-when-cross-origin"?:
            modifiers.append(("referrer-policy-private", 5))
        case nil: modifiers.append(("referrer-policy-not-implemented", 0))
        case "no-referrer-when-downgrade"?: modifiers.append(("referrer-policy-no-referrer-when-downgrade", 0))
        default: modifiers.append(("referrer-policy-unsafe", -5))
        }
        // HTTP Strict Transport Security
        if let hsts = header("Strict-Transport-Security"),
           let maxAge = hsts.split(separator: ";").compactMap({ part -> Int? in
               let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=")
               return pair.count == 2 && pair[0].lowercased() == "max-age" ? Int(pair[1]) : nil
           }).first {
            modifiers.append(maxAge >= 15_768_000 ? ("hsts-implemented-max-age-at-least-six-months", 0)
                                                  : ("hsts-implemented-max-age-less-than-six-months", -10))
        } else {
            modifiers.append(("hsts-not-implemented", -20))
        }
        // Subresource Integrity: scripts from this origin need none; from elsewhere they do.
        let scriptSources = html.components(separatedBy: "<script").dropFirst().compactMap { tag -> String? in
            guard let range = tag.range(of: "src=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        if scriptSources.contains(where: { $0.hasPrefix("http:") || $0.hasPrefix("//") }) {
            modifiers.append(("sri-not-implemented-and-external-scripts-not-loaded-securely", -50))
        } else if scriptSources.contains(where: { $0.hasPrefix("https:") }) {
            modifiers.append(("sri-not-implemented-but-external-scripts-loaded-securely", -5))
        } else {
            modifiers.append(("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0))
        }
        // X-Content-Type-Options
        modifiers.append(header("X-Content-Type-Options")?.lowercased() == "nosniff"
                         ? ("x-content-type-options-nosniff", 0) : ("x-content-type-options-not-implemented", -5))
        // X-Frame-Options
        if directives["frame-ancestors"] != nil {
            modifiers.append(("x-frame-options-implemented-via-csp", 5))
        } else if ["DENY", "SAMEORIGIN"].contains(header("X-Frame-Options")?.uppercased() ?? "") {
            modifiers.append(("x-frame-options-sameorigin-or-deny", 0))
        } else {
            modifiers.append(("x-frame-options-not-implemented", -20))
        }
    }
}

@Suite struct ObservatoryTests {
    @Test(arguments: TestDatabase.kinds)
    func theMainSiteScoresAPlusOverHTTPS(database: TestDatabase) async throws {
        try await Site.run(database, demo: true, configure: {
            $0.siteURL = "https://docs.example.org"
            $0.untrustedURL = "https://samples.example.net"
        }) { site in
            for (browser, path) in [(site.anonymous, "/en-US/"), (site.anonymous, "/en-US/docs/Web/HTML"),
                                    (site.contributor, "/en-US/docs/Web/HTML$edit"), (site.anonymous, "/users/login")] {
                let response = try await browser.get(path)
                let result = Observatory(headers: response.headers, html: response.text)
                let report = result.modifiers.map { "\($0.test) \($0.score)" }.joined(separator: ", ")
                #expect(result.score >= 105 && result.grade == "A+", "\(path): \(result.score) — \(report)")
                #expect(result.modifiers.contains { $0.test == "csp-implemented-with-no-unsafe-default-src-none" }, "\(path): \(report)")
            }
        }
    }

    @Test func sourceOriginsAreWrittenAsCSPWantsThem() {
        #expect(ContentSecurityPolicy.origin(of: "https://Samples.Example.net/embed/") == "https://samples.example.net")
        #expect(ContentSecurityPolicy.origin(of: "http://[::1]:8001") == "http://[::1]:8001")
        #expect(ContentSecurityPolicy.origin(of: "not a url") == nil)
    }

    @Test func theScorerPenalizesWhatObservatoryPenalizes() {
        let weak = Observatory(headers: [.contentSecurityPolicy: "default-src 'self'; script-src 'self' 'unsafe-inline'"],
                               html: "<script src=\"http://cdn.example/x.js\"></script>")
        let total = weak.modifiers.reduce(0) { $0 + $1.score }
        #expect(total == -115)   // unsafe-inline -20, no HSTS -20, http script -50, no nosniff -5, no XFO -20
        #expect(weak.score == 0)
        #expect(weak.grade == "below B+")
    }

    @Test(arguments: TestDatabase.kinds)
    func livesSamplesAndEmbedsMayBeFramedAndNothingElse(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { $0.untrustedURL = "https://samples.example.net" }) { site in
            let csp = try #require(try await site.anonymous.get("/en-US/").headers[.contentSecurityPolicy])
            let frames = try #require(csp.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("frame-src ") })
            #expect(frames.contains("https://samples.example.net"))
            #expect(frames.contains("https://www.youtube-nocookie.com") && frames.contains("https://mdn.github.io"))
            #expect(!frames.contains("*") && !frames.contains("'self'"))
            #expect(csp.contains("img-src 'self' data: https: https://samples.example.net"))
            #expect(csp.contains("script-src 'self';") && !csp.contains("unsafe"))
        }
    }
}
