// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Docket",
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
        // Value types, no I/O: tickets, annotations, edits, curation, clusters as data.
        .target(name: "DocketModel", path: "Sources/DocketModel"),
        // The JSON reader and writer the store, the importers and the reports share.
        .target(name: "DocketJSON", dependencies: ["DocketModel"], path: "Sources/DocketJSON"),
        // Reading exports into tickets: one TicketImporter per format.
        .target(name: "DocketImport", dependencies: ["DocketModel", "DocketJSON"], path: "Sources/DocketImport"),
        .target(name: "DocketCore", dependencies: ["DocketModel", "DocketJSON"], path: "Sources/DocketCore"),
        // Synthetic tickets for tests, benchmarks and the evaluation: not part of the product.
        .target(name: "DocketGenerator", dependencies: ["DocketCore", "DocketModel"], path: "Sources/DocketGenerator"),
        // What the command-line tools share (the store option, errors, output).
        .target(
            name: "DocketCLI",
            dependencies: ["DocketCore", "DocketModel", "DocketJSON", "DocketImport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/DocketCLI"
        ),
        // The embedded demo data: the JSON is the source of truth, compiled into the binary.
        .target(
            name: "DocketDemo",
            path: "Resources",
            exclude: ["README.md", "demo-tickets.json"],
            sources: ["DemoData.swift", "DemoTickets.swift"]
        ),
        .target(name: "DocketUI", dependencies: ["DocketCore", "DocketModel"], path: "Sources/DocketUI"),
        .target(name: "DocketTerminal", dependencies: ["CNcursesw", "DocketUI"], path: "Sources/DocketTerminal"),
        // The application layer: the only place that combines the store, the
        // analysis and the report (services), and the browser's runtime.
        .target(name: "DocketApp", dependencies: ["DocketCore", "DocketModel", "DocketUI"], path: "Sources/DocketApp"),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketApp", "DocketCore", "DocketModel", "DocketJSON", "DocketImport", "DocketCLI", "DocketUI", "DocketTerminal", "DocketDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket"
        ),
        .executableTarget(
            name: "docket-dev",
            dependencies: [
                "DocketCore", "DocketModel", "DocketJSON", "DocketCLI", "DocketGenerator", "DocketUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket-dev"
        ),
        .testTarget(name: "DocketCoreTests", dependencies: ["DocketCore", "DocketModel", "DocketJSON", "DocketImport", "DocketGenerator"], path: "Tests/DocketCoreTests", exclude: ["Goldens"]),
        .testTarget(name: "DocketUITests", dependencies: ["DocketUI", "DocketCore", "DocketModel"], path: "Tests/DocketUITests"),
        .testTarget(name: "DocketAppTests", dependencies: ["DocketApp", "DocketCore", "DocketModel", "DocketUI"], path: "Tests/DocketAppTests"),
        .testTarget(name: "DocketTerminalTests", dependencies: ["DocketTerminal", "DocketUI"], path: "Tests/DocketTerminalTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["DocketCore", "DocketModel", "DocketImport", "DocketDemo"], path: "Tests/EndToEndTests"),
    ]
)
