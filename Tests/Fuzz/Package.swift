// swift-tools-version: 6.0
// Fuzz targets for Switchyard's readers and parsers, kept out of the normal build.
// Build with `swift build --sanitize=fuzzer` (see run.sh); each product is a libFuzzer binary.
import PackageDescription

let fuzzTargets = ["FuzzCSV", "FuzzXES", "FuzzXESGzip", "FuzzISO8601", "FuzzProfile", "FuzzModelFile"]

let package = Package(
    name: "SwitchyardFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Switchyard", path: "../..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "EventLog", package: "Switchyard")]),
        .systemLibrary(name: "CFuzzZlib"),
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "EventLog", package: "Switchyard")]
                    + (name == "FuzzXESGzip" ? ["CFuzzZlib"] : [])
                    + (name == "FuzzProfile" ? [.product(name: "Lifecycle", package: "Switchyard")] : [])
                    + (name == "FuzzModelFile" ? [.product(name: "Routing", package: "Switchyard")] : [])
            )
        }
)
