import Configuration
import Foundation
import Logging
import SystemPackage

/// Folio's settings, read through swift-configuration from (first wins): `FOLIO_*` environment
/// variables, Kubernetes-style secret files in `FOLIO_SECRETS_DIR` (one file per key, named like
/// `database-url`), and an optional JSON file named by `FOLIO_CONFIG_FILE`.
public struct FolioConfig: Sendable {
    public var dataDirectory: String = "./folio-data"
    public var host: String = "127.0.0.1"
    public var port: Int = 8000
    public var databaseURL: String? = nil
    public var siteURL: String? = nil
    public var maxBodyBytes: Int = 5 * 1024 * 1024
    public var bcryptCost: Int = 12
    public var demoContent: Bool = true
    public var logLevel: Logger.Level = .info
    public var databasePoolSize: Int = 8
    /// iframe `src` prefixes the sanitizer keeps (scheme, host and path prefix).
    public var iframeHosts: [String] = ["https://www.youtube-nocookie.com/embed/", "https://www.youtube.com/embed/"]
    /// The untrusted origin for live samples and attachments (never the main site's origin).
    public var untrustedURL: String? = nil
    /// How long a render on save may take before the page is left to the background queue.
    public var renderBudgetMilliseconds: Int = 10_000

    public init() {}

    /// The untrusted origin: configured, or the main site's host on the next port (so the two
    /// origins differ even on a laptop: http://localhost:8000 and http://localhost:8001).
    public var publicUntrustedURL: String { untrustedURL ?? "http://localhost:\(port == 65535 ? port - 1 : port + 1)" }

    /// The public URL of the main site (for printing and absolute links).
    public var publicURL: String { siteURL ?? "http://localhost:\(port)" }
    /// Session cookies are `Secure` when the site is served over HTTPS.
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
    public var sqlitePath: String { dataDirectory + "/folio.sqlite" }

    /// One setting that could not be used: names the key as an operator would type it.
    public struct Problem: Error, CustomStringConvertible {
        public var key: String
        public var message: String
        public var description: String { "\(key): \(message)" }
    }

    /// Every setting, with its environment name, for `--help` and the README.
    public static let keys: [(key: String, env: String, meaning: String)] = [
        ("data.dir", "FOLIO_DATA_DIR", "folder for the SQLite database and files (default ./folio-data)"),
        ("host", "FOLIO_HOST", "address to listen on (default 127.0.0.1)"),
        ("port", "FOLIO_PORT", "port to listen on (default 8000)"),
        ("database.url", "FOLIO_DATABASE_URL", "postgres://user:pass@host:5432/db to use PostgreSQL instead of SQLite"),
        ("site.url", "FOLIO_SITE_URL", "public URL of the site, e.g. https://docs.example.org"),
        ("max.body.bytes", "FOLIO_MAX_BODY_BYTES", "largest request body accepted (default 5242880)"),
        ("bcrypt.cost", "FOLIO_BCRYPT_COST", "bcrypt work factor, 4–16 (default 12)"),
        ("demo.content", "FOLIO_DEMO_CONTENT", "seed demo pages into an empty database (default true)"),
        ("log.level", "FOLIO_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (default info)"),
        ("database.pool.size", "FOLIO_DATABASE_POOL_SIZE", "connections per process (default 8)"),
        ("iframe.hosts", "FOLIO_IFRAME_HOSTS", "comma-separated iframe src prefixes pages may embed (default YouTube embeds)"),
        ("untrusted.url", "FOLIO_UNTRUSTED_URL", "public URL of the untrusted origin for live samples (default: site port + 1)"),
        ("render.budget.ms", "FOLIO_RENDER_BUDGET_MS", "render time on save before a page is left to the background (default 10000)"),
    ]

    /// Reads the configuration from the process environment (or `environment`, for tests).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> FolioConfig {
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "folio"),
        ]
        if let directory = environment["FOLIO_SECRETS_DIR"], !directory.isEmpty {
            do {
                providers.append(try await DirectoryFilesProvider(directoryPath: FilePath(directory)))
            } catch {
                throw Problem(key: "FOLIO_SECRETS_DIR", message: "cannot read the folder \(directory)")
            }
        }
        if let file = environment["FOLIO_CONFIG_FILE"], !file.isEmpty {
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(file)))
            } catch {
                throw Problem(key: "FOLIO_CONFIG_FILE", message: "cannot read \(file) as a JSON object")
            }
        }
        return try FolioConfig(reader: ConfigReader(providers: providers))
    }

    init(reader: ConfigReader) throws {
        func string(_ key: String) -> String? {
            // A JSON file may hold numbers and booleans; environment variables and secret files hold text.
            let configKey = ConfigKey(key)
            guard let value = reader.string(forKey: configKey, isSecret: key.contains("url"))
                    ?? reader.int(forKey: configKey).map(String.init)
                    ?? reader.bool(forKey: configKey).map(String.init) else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        func int(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = string(key) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw Problem(key: Self.envName(key), message: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got “\(text)”")
            }
            return value
        }
        if let value = string("data.dir") { dataDirectory = value }
        if let value = string("host") { host = value }
        if let value = try int("port", 1...65535) { port = value }
        if let value = string("database.url") {
            let lower = value.lowercased()
            guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres+tcp://") else {
                throw Problem(key: "FOLIO_DATABASE_URL", message: "expected a postgres://user:password@host:port/database URL")
            }
            databaseURL = lower.hasPrefix("postgresql://") ? "postgres://" + value.dropFirst("postgresql://".count) : value
        }
        if let value = string("site.url") {
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host != nil else {
                throw Problem(key: "FOLIO_SITE_URL", message: "expected an http:// or https:// URL, got “\(value)”")
            }
            siteURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        if let value = string("untrusted.url") {
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host != nil, url.path.isEmpty || url.path == "/" else {
                throw Problem(key: "FOLIO_UNTRUSTED_URL", message: "expected an http:// or https:// origin, got “\(value)”")
            }
            untrustedURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        if let value = try int("render.budget.ms", 0...600_000) { renderBudgetMilliseconds = value }
        if let value = try int("max.body.bytes", 1024...(1 << 30)) { maxBodyBytes = value }
        if let value = try int("bcrypt.cost", 4...16) { bcryptCost = value }
        if let value = try int("database.pool.size", 1...200) { databasePoolSize = value }
        if let text = string("iframe.hosts") {
            let hosts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for host in hosts {
                guard let url = URL(string: host), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                      url.host != nil else {
                    throw Problem(key: "FOLIO_IFRAME_HOSTS", message: "expected https:// URL prefixes, got “\(host)”")
                }
            }
            iframeHosts = hosts
        }
        if let text = string("demo.content") {
            switch text.lowercased() {
            case "1", "true", "yes", "on": demoContent = true
            case "0", "false", "no", "off": demoContent = false
            default: throw Problem(key: "FOLIO_DEMO_CONTENT", message: "expected true or false, got “\(text)”")
            }
        }
        if let text = string("log.level") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw Problem(key: "FOLIO_LOG_LEVEL", message: "expected trace, debug, info, notice, warning, error or critical, got “\(text)”")
            }
            logLevel = level
        }
    }

    static func envName(_ key: String) -> String {
        keys.first { $0.key == key }?.env ?? key
    }
}
