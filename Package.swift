// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "folio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // Pure wiki rules: locales, slugs, diff, escaping. No HTTP, no SQL.
        .target(name: "FolioWiki"),
        // Pure engines: Markdown (CommonMark + GFM + MDN extensions) and HTML (parser, sanitizer, post-processing).
        .target(name: "FolioMarkdown", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "FolioHTML"),
        // Browser compatibility data: model, loader, checks, compat tables and specifications.
        .target(name: "FolioCompat"),
        // KumaScript-compatible macros: parser, registry, `MacroContext`, the built-in library.
        .target(name: "FolioMacros", dependencies: ["FolioHTML", "FolioWiki", "FolioCompat"]),
        // The render pipeline: source → HTML → sanitize → post-process. Pure, so benchmarks and
        // fuzzers build it without the app.
        .target(
            name: "FolioRender",
            dependencies: ["FolioMarkdown", "FolioHTML", "FolioMacros", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The application: storage, HTTP, views, services.
        .target(
            name: "FolioApp",
            dependencies: [
                "FolioWiki",
                "FolioMarkdown",
                "FolioHTML",
                "FolioRender",
                "FolioMacros",
                "FolioCompat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "folio",
            dependencies: [
                "FolioApp",
                "FolioWiki",
                "FolioMarkdown",
                "FolioHTML",
                "FolioMacros",
                "FolioCompat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift run -c release folio-bench FOLDER`: rendering throughput over real pages.
        .executableTarget(name: "folio-bench", dependencies: ["FolioRender", "FolioMarkdown", "FolioHTML", "FolioMacros", "FolioCompat"]),
        // libFuzzer targets (scripts/fuzz builds them with -DFUZZING; a normal build makes replayers).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzTokenizer", dependencies: ["FolioHTML", "FuzzSupport"]),
        .executableTarget(name: "FuzzSanitizer", dependencies: ["FolioHTML", "FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FolioMarkdown", "FolioHTML", "FuzzSupport"]),
        .testTarget(name: "FolioWikiTests", dependencies: ["FolioWiki"]),
        .testTarget(name: "FolioMarkdownTests", dependencies: ["FolioMarkdown"]),
        .testTarget(name: "FolioHTMLTests", dependencies: ["FolioHTML"]),
        .testTarget(name: "FolioMacrosTests", dependencies: ["FolioMacros", "FolioHTML", "FolioCompat"]),
        .testTarget(name: "FolioCompatTests", dependencies: ["FolioCompat", "FolioHTML"]),
        .testTarget(
            name: "FolioAppTests",
            dependencies: [
                "FolioApp",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
