// swift-tools-version:6.1
import PackageDescription

// Layered targets, arrows pointing down only (see docs/architecture.md):
// C system libraries → thin wrappers → domain → store → service → edges → executable.

/// The streaming readers mutate handler state on every XML event; in release builds the dynamic exclusivity
/// checks on those class properties cost about a tenth of the reading time (docs/benchmarks.md), so they are
/// compiled out there. Debug builds and tests keep them.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Duijie",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "duijie", targets: ["duijie"]),
        .executable(name: "duijie-dev", targets: ["duijie-dev"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(name: "CSystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // MARK: Thin wrappers (the only modules that import C)
        .target(name: "XMLStream", dependencies: ["CLibXML2"], swiftSettings: hotPathSettings),
        .target(name: "ZlibStream", dependencies: ["CSystemZlib"]),
        .target(name: "QRCode", dependencies: ["CQREncode"]),

        // MARK: Domain (value types, synchronous, deterministic)
        .target(name: "DuijieCore"),
        .target(
            name: "Sheets",
            dependencies: ["DuijieCore", "XMLStream", "ZlibStream", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "Ingestion", dependencies: ["DuijieCore", "Sheets"],
            resources: [.copy("Resources/vocabulary"), .copy("Resources/gazetteer.txt")]),
        .target(name: "Judging", dependencies: ["DuijieCore"]),
        .target(name: "Registry", dependencies: ["DuijieCore"]),
        .target(name: "Matching", dependencies: ["DuijieCore"], resources: [.copy("Resources/synonyms.txt")]),

        // MARK: Store (the only SQL)
        .target(
            name: "Store",
            dependencies: [
                "DuijieCore", "Matching", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding values directly on the import's hot path (DirectStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),

        // MARK: Use cases shared by CLI and HTTP
        .target(
            name: "Service",
            dependencies: [
                "DuijieCore", "Sheets", "Ingestion", "Matching", "Judging", "Registry", "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),

        // MARK: Edges
        .target(
            name: "DuijieCLI",
            dependencies: [
                "DuijieCore", "Service", "DuijieHTTP", "Matching", "Judging", "Registry", "Sheets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "DuijieHTTP",
            dependencies: [
                "DuijieCore", "Service", "Judging", "Matching", "Registry", "Sheets", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBasicAuth", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The pages' templates and their words in both languages (Views.swift).
            resources: [.copy("Templates")]
        ),
        .executableTarget(name: "duijie", dependencies: ["DuijieCLI", .product(name: "Logging", package: "swift-log")]),
        // The developers' tools: benchmarks and their inputs, the sample event's generator, generated docs.
        .executableTarget(
            name: "duijie-dev",
            dependencies: [
                "Service", "Sheets", "Ingestion", "Matching", "DuijieCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The readers under a fuzzer (docs/testing.md); without `-DDUIJIE_FUZZING` it replays files through them.
        .executableTarget(name: "duijie-fuzz", dependencies: ["Sheets", "Ingestion", "DuijieCore"]),

        // MARK: Tests
        // What several test targets share: fixture paths, temporary folders, golden files for the JSON contracts.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(
            name: "DuijieHTTPTests",
            dependencies: [
                "DuijieHTTP", "Service", "Store", "Sheets", "DuijieCore", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DuijieCoreTests", dependencies: ["DuijieCore"]),
        .testTarget(name: "JudgingTests", dependencies: ["Judging", "DuijieCore"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "DuijieCore"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "DuijieCore"]),
        .testTarget(
            name: "SheetsTests",
            dependencies: ["Sheets", "DuijieCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "Sheets", "DuijieCore"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "DuijieCore", "Ingestion", "Registry", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "ServiceTests",
            dependencies: ["Service", "Store", "DuijieCore", "Matching", "Judging", "Registry", "Sheets", "TestSupport"]),
        .testTarget(name: "DuijieCLITests", dependencies: ["DuijieCLI", "Service", "duijie", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
