// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "docket-dev", targets: ["docket-dev"]),
        .library(name: "DocketCore", targets: ["DocketCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "DocketCore", path: "Sources/DocketCore"),
        // Synthetic tickets for tests, benchmarks and the evaluation: not part of the product.
        .target(name: "DocketGenerator", dependencies: ["DocketCore"], path: "Sources/DocketGenerator"),
        // What the command-line tools share (the store option, errors, output).
        .target(
            name: "DocketCLI",
            dependencies: ["DocketCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/DocketCLI"
        ),
        // The embedded demo data: the JSON is the source of truth, compiled into the binary.
        .target(
            name: "DocketDemo",
            path: "Resources",
            exclude: ["README.md", "demo-tickets.json"],
            sources: ["DemoData.swift", "DemoTickets.swift"]
        ),
        .target(name: "DocketUI", dependencies: ["DocketCore"], path: "Sources/DocketUI"),
        .target(name: "DocketTerminal", dependencies: ["CNcursesw", "DocketUI"], path: "Sources/DocketTerminal"),
        // The application layer: the only place that combines the store, the
        // analysis and the report (services), and the browser's runtime.
        .target(name: "DocketApp", dependencies: ["DocketCore", "DocketUI"], path: "Sources/DocketApp"),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketApp", "DocketCore", "DocketCLI", "DocketUI", "DocketTerminal", "DocketDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket"
        ),
        .executableTarget(
            name: "docket-dev",
            dependencies: [
                "DocketCore", "DocketCLI", "DocketGenerator", "DocketUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket-dev"
        ),
        .testTarget(name: "DocketCoreTests", dependencies: ["DocketCore", "DocketGenerator"], path: "Tests/DocketCoreTests", exclude: ["Goldens"]),
        .testTarget(name: "DocketUITests", dependencies: ["DocketUI", "DocketCore"], path: "Tests/DocketUITests"),
        .testTarget(name: "DocketAppTests", dependencies: ["DocketApp", "DocketCore", "DocketUI"], path: "Tests/DocketAppTests"),
        .testTarget(name: "DocketTerminalTests", dependencies: ["DocketTerminal", "DocketUI"], path: "Tests/DocketTerminalTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["DocketCore", "DocketDemo"], path: "Tests/EndToEndTests"),
    ]
)
