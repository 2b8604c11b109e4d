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
    /// `json` (one object per line) or `text`; by default JSON unless stderr is a terminal.
    public var logJSON: Bool = isatty(2) == 0
    public var databasePoolSize: Int = 8
    /// iframe `src` prefixes the sanitizer keeps (scheme, host and path prefix).
    public var iframeHosts: [String] = ["https://www.youtube-nocookie.com/embed/", "https://www.youtube.com/embed/"]
    /// The untrusted origin for live samples and attachments (never the main site's origin).
    public var untrustedURL: String? = nil
    /// How long a render on save may take before the page is left to the background queue.
    public var renderBudgetMilliseconds: Int = 10_000
    /// Which part of Folio this process runs (`all` in the embedded mode).
    public var role: FolioRole = .all
    /// Maintenance mode: every write answers 503, reads go on, background jobs pause.
    public var readOnly: Bool = false
    /// After SIGTERM: seconds to keep serving with readiness false (so load balancers stop
    /// sending traffic) before the listener closes.
    public var drainSeconds: Int = 0
    /// After SIGTERM: the longest wait for in-flight requests and the current job.
    public var shutdownGraceSeconds: Int = 25
    /// The renderer role's base URL; `web` and `worker` render there when it is set.
    public var rendererURL: String? = nil
    /// Shared secret between the renderer and its callers (at least 16 characters).
    public var rendererSecret: String? = nil
    /// A separate port for `/metrics`; without one, `/metrics` answers loopback callers only.
    public var metricsPort: Int? = nil
    /// The port of the untrusted origin (live samples), served by the roles that serve pages;
    /// nil: the main port + 1; 0: none.
    public var untrustedPort: Int? = nil
    /// Memory for the in-process cache of anonymous page views (0 turns it off).
    public var pageCacheMegabytes: Int = 64
    /// How often each process reads the purge log (not a setting: tests poll by hand).
    public var pageCachePollInterval: Duration = .milliseconds(500)
    /// CDN endpoints that receive purges (`PURGE` or `BAN` with the surrogate keys).
    public var cdnPurgeURLs: [String] = []
    public var cdnPurgeMethod: String = "PURGE"
    /// More host names the main site answers to (an API host, a service's in-cluster name);
    /// requests for any other name are refused (421).
    public var allowedHosts: [String] = []
    /// A YAML file of static redirect rules (regular expressions; see docs/redirects.md).
    public var redirectsFile: String? = nil
    /// A folder of old files served as they are on the untrusted origin (`/diagrams/…`,
    /// `/presentations/…`, `/samples/…`, as Kuma's LEGACY_ROOT).
    public var legacyDirectory: String? = nil
    /// Bytes one person may upload per day, in MB (administrators are exempt).
    public var uploadQuotaMegabytes: Int = 100
    /// Days the bytes of a deleted file are kept (so a mistaken delete can be undone), after
    /// which the hourly clean-up removes them; 0: at the next clean-up.
    public var deletedFilesDays: Int = 30

    public init() {}

    /// The untrusted origin: configured, or the main site's host on the next port (so the two
    /// origins differ even on a laptop: http://localhost:8000 and http://localhost:8001).
    public var publicUntrustedURL: String { untrustedURL ?? "http://localhost:\(nextPort)" }

    /// The port beside the main one: the untrusted origin's unless configured otherwise.
    var nextPort: Int { port == 65535 ? port - 1 : port + 1 }

    /// The port the untrusted origin listens on, if any.
    public var listenUntrustedPort: Int? {
        let chosen = untrustedPort ?? nextPort
        return chosen == 0 ? nil : chosen
    }

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
        ("untrusted.url", "FOLIO_UNTRUSTED_URL", "public URL of the untrusted origin for live samples, attachments and legacy files (default: site port + 1)"),
        ("render.budget.ms", "FOLIO_RENDER_BUDGET_MS", "render time on save before a page is left to the background (default 10000)"),
        ("log.format", "FOLIO_LOG_FORMAT", "json or text (default json, text when stderr is a terminal)"),
        ("role", "FOLIO_ROLE", "all, web, api, renderer or worker: the part of Folio this process runs (default all)"),
        ("renderer.url", "FOLIO_RENDERER_URL", "base URL of the renderer role; web and worker render there when set"),
        ("renderer.secret", "FOLIO_RENDERER_SECRET", "shared secret of the renderer and its callers (16+ characters; secret file renderer-secret)"),
        ("page.cache.mb", "FOLIO_PAGE_CACHE_MB", "memory for cached anonymous page views, in MB (default 64; 0 turns it off)"),
        ("cdn.purge.url", "FOLIO_CDN_PURGE_URL", "comma-separated CDN URLs sent purges of changed pages' surrogate keys"),
        ("cdn.purge.method", "FOLIO_CDN_PURGE_METHOD", "PURGE (default) or BAN"),
        ("untrusted.port", "FOLIO_UNTRUSTED_PORT", "port of the untrusted origin (samples, attachments, legacy files; default: port + 1; 0: none)"),
        ("allowed.hosts", "FOLIO_ALLOWED_HOSTS", "comma-separated extra host names of the main site (the API host; .example.org for a domain and its subdomains); others get 421"),
        ("redirects.file", "FOLIO_REDIRECTS_FILE", "YAML file of static redirect rules (regular expressions, 301/302, locale-aware)"),
        ("legacy.dir", "FOLIO_LEGACY_DIR", "folder of old files served as-is on the untrusted origin under /diagrams, /presentations, /samples"),
        ("upload.quota.mb", "FOLIO_UPLOAD_QUOTA_MB", "attachment bytes one person may upload per day, in MB (default 100; admins exempt)"),
        ("deleted.files.days", "FOLIO_DELETED_FILES_DAYS", "days the bytes of deleted attachments are kept before the hourly clean-up removes them (default 30; 0: at once)"),
        ("metrics.port", "FOLIO_METRICS_PORT", "port serving /metrics (Prometheus); unset: /metrics on the main port, loopback callers only"),
        ("read.only", "FOLIO_READ_ONLY", "maintenance mode: writes answer 503, reads go on (default false)"),
        ("drain.seconds", "FOLIO_DRAIN_SECONDS", "after SIGTERM, seconds to serve with readiness false before closing (default 0)"),
        ("shutdown.grace.seconds", "FOLIO_SHUTDOWN_GRACE_SECONDS", "after SIGTERM, longest wait for in-flight work (default 25)"),
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
            guard let value = reader.string(forKey: configKey, isSecret: key.contains("url") || key.contains("secret"))
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
            // Cookies ignore ports and reach subdomains: sample code on the same host, or on a
            // parent or child domain of the site, could set the site's cookies.
            if let site = siteURL.flatMap({ URL(string: $0)?.host?.lowercased() }), let host = url.host?.lowercased(),
               site == host || site.hasSuffix("." + host) || host.hasSuffix("." + site) {
                throw Problem(key: "FOLIO_UNTRUSTED_URL",
                              message: "must be on another site than FOLIO_SITE_URL (\(site)), or sample code could set the site's cookies")
            }
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
        func bool(_ key: String) throws -> Bool? {
            guard let text = string(key) else { return nil }
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Problem(key: Self.envName(key), message: "expected true or false, got “\(text)”")
            }
        }
        if let value = try bool("demo.content") { demoContent = value }
        if let value = try bool("read.only") { readOnly = value }
        if let value = try int("drain.seconds", 0...300) { drainSeconds = value }
        if let value = try int("shutdown.grace.seconds", 1...600) { shutdownGraceSeconds = value }
        if let text = string("log.format") {
            guard ["json", "text"].contains(text.lowercased()) else {
                throw Problem(key: "FOLIO_LOG_FORMAT", message: "expected json or text, got “\(text)”")
            }
            logJSON = text.lowercased() == "json"
        }
        if let text = string("role") {
            guard let value = FolioRole(rawValue: text.lowercased()) else {
                throw Problem(key: "FOLIO_ROLE", message: "expected all, web, api, renderer or worker, got “\(text)”")
            }
            role = value
        }
        if let text = string("log.level") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw Problem(key: "FOLIO_LOG_LEVEL", message: "expected trace, debug, info, notice, warning, error or critical, got “\(text)”")
            }
            logLevel = level
        }
        if let value = try int("metrics.port", 1...65535) { metricsPort = value }
        if let value = try int("untrusted.port", 0...65535) { untrustedPort = value }
        if let value = try int("page.cache.mb", 0...65536) { pageCacheMegabytes = value }
        if let text = string("cdn.purge.url") {
            let urls = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for url in urls {
                guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                      parsed.host != nil else {
                    throw Problem(key: "FOLIO_CDN_PURGE_URL", message: "expected http:// or https:// URLs, got “\(url)”")
                }
            }
            cdnPurgeURLs = urls
        }
        if let text = string("allowed.hosts") {
            let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            for name in names where HostPolicy.hostname(name) != name {
                throw Problem(key: "FOLIO_ALLOWED_HOSTS", message: "expected host names without scheme or port, got “\(name)”")
            }
            allowedHosts = names
        }
        if let value = string("redirects.file") { redirectsFile = value }
        if let value = string("legacy.dir") { legacyDirectory = value }
        if let value = try int("upload.quota.mb", 0...1_000_000) { uploadQuotaMegabytes = value }
        if let value = try int("deleted.files.days", 0...3650) { deletedFilesDays = value }
        if let text = string("cdn.purge.method") {
            guard ["PURGE", "BAN"].contains(text.uppercased()) else {
                throw Problem(key: "FOLIO_CDN_PURGE_METHOD", message: "expected PURGE or BAN, got “\(text)”")
            }
            cdnPurgeMethod = text.uppercased()
        }
        if let value = string("renderer.url") {
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host != nil else {
                throw Problem(key: "FOLIO_RENDERER_URL", message: "expected an http:// or https:// URL, got “\(value)”")
            }
            rendererURL = value
        }
        if let value = string("renderer.secret") {
            guard value.utf8.count >= 16 else {
                throw Problem(key: "FOLIO_RENDERER_SECRET", message: "expected at least 16 characters")
            }
            rendererSecret = value
        }
        try checkRoles()
    }

    /// Settings that only make sense together.
    public func checkRoles() throws {
        if role == .renderer || rendererURL != nil, rendererSecret == nil {
            throw Problem(key: "FOLIO_RENDERER_SECRET", message: role == .renderer
                ? "the renderer role needs a shared secret for its callers"
                : "FOLIO_RENDERER_URL needs the renderer's shared secret")
        }
        if role == .renderer, rendererURL != nil {
            throw Problem(key: "FOLIO_RENDERER_URL", message: "the renderer role renders itself; unset FOLIO_RENDERER_URL")
        }
    }

    static func envName(_ key: String) -> String {
        keys.first { $0.key == key }?.env ?? key
    }
}
