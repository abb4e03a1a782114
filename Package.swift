// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Switchyard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "switchyard", targets: ["switchyard"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Discovery", targets: ["Discovery"]),
        .library(name: "Lifecycle", targets: ["Lifecycle"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "KPI", targets: ["KPI"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries (Debian: libsqlite3-dev, libopenblas-dev, zlib1g-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Layers, lowest first. Each depends only on layers below it.
        // Block-at-a-time byte scanning (SSE2/AVX2) for the CSV reader's common rows.
        .target(name: "CByteScan"),

        .target(name: "EventLog", dependencies: ["CSQLite", "CZlib", "CByteScan"]),
        .target(name: "Discovery", dependencies: ["EventLog"]),
        .target(name: "Lifecycle", dependencies: ["EventLog", .product(name: "Yams", package: "Yams")]),
        .target(name: "Generator", dependencies: ["EventLog"]),
        .target(name: "Routing", dependencies: ["EventLog", "Lifecycle", "CBLAS"]),
        .target(name: "KPI", dependencies: ["Lifecycle", "EventLog"]),
        .target(name: "Reports", dependencies: ["KPI", "Routing", "Discovery", "Lifecycle", "EventLog"]),
        .target(
            name: "RoutingService",
            dependencies: [
                "Routing", "EventLog", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["openapi.json"]
        ),
        .executableTarget(
            name: "switchyard",
            dependencies: [
                "EventLog", "Discovery", "Lifecycle", "Generator", "Routing", "KPI",
                "Reports", "RoutingService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "EventLogTests", dependencies: ["EventLog"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "EventLog"]),
        .testTarget(name: "LifecycleTests", dependencies: ["Lifecycle", "EventLog"]),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "EventLog"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "Lifecycle", "EventLog", "CBLAS"]),
        .testTarget(name: "KPITests", dependencies: ["KPI", "Lifecycle", "EventLog"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "KPI", "Routing", "Lifecycle", "EventLog", "CZlib"]),
        .testTarget(name: "RoutingServiceTests", dependencies: ["RoutingService", "Routing", "EventLog"]),
        .testTarget(name: "SwitchyardCLITests", dependencies: ["EventLog", "switchyard"]),
    ]
)
