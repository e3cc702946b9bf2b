// swift-tools-version: 6.0
import PackageDescription

// The modules follow the data: exports are imported into tickets, the store
// keeps them, the analysis reads them, reports are built from the analysis,
// and the application layer is the one place that combines store, analysis
// and report (see docs/ARCHITECTURE.md). Each target lists only what it uses,
// so a dependency against that direction does not build.
let package = Package(
    name: "Docket",
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "docket-dev", targets: ["docket-dev"]),
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
        // The JSON reader and writer that the store, the importers and the reports share.
        .target(name: "DocketJSON", dependencies: ["DocketModel"], path: "Sources/DocketJSON"),
        // Reading exports into tickets: one TicketImporter per format.
        .target(name: "DocketImport", dependencies: ["DocketModel", "DocketJSON"], path: "Sources/DocketImport"),
        // Text, vectors, clustering, activity, recommendations and suggestions: pure functions of the model.
        .target(name: "DocketAnalysis", dependencies: ["DocketModel"], path: "Sources/DocketAnalysis"),
        // Reports built from the analysis, rendered as Markdown and JSON.
        .target(name: "DocketReport", dependencies: ["DocketModel", "DocketAnalysis", "DocketJSON"], path: "Sources/DocketReport"),
        // The store's files: corpus, annotations, journal, clusters; locks and atomic writes.
        // The GitHub REST API, incrementally (URLSession: FoundationNetworking on Linux).
        .target(name: "DocketFetch", dependencies: ["DocketModel", "DocketImport"], path: "Sources/DocketFetch"),
        .target(name: "DocketStore", dependencies: ["DocketModel", "DocketJSON"], path: "Sources/DocketStore"),
        // Synthetic tickets for tests, benchmarks and the evaluation: not part of the product.
        .target(name: "DocketGenerator", dependencies: ["DocketModel"], path: "Sources/DocketGenerator"),
        // What the command-line tools share (the store option, errors, output).
        .target(
            name: "DocketCLI",
            dependencies: [
                "DocketModel", "DocketJSON", "DocketImport", "DocketStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/DocketCLI"
        ),
        // The embedded demo data: the JSON is the source of truth, compiled into the binary.
        .target(
            name: "DocketDemo",
            path: "Resources",
            exclude: ["README.md", "demo-tickets.json"],
            sources: ["DemoData.swift", "DemoTickets.swift"]
        ),
        // The browser's state, update and views: it takes values, never the store.
        .target(name: "DocketUI", dependencies: ["DocketModel", "DocketAnalysis", "DocketReport"], path: "Sources/DocketUI"),
        .target(name: "DocketTerminal", dependencies: ["CNcursesw", "DocketUI"], path: "Sources/DocketTerminal"),
        // The application layer: the only place that combines the store, the
        // analysis and the report (services), and the browser's runtime.
        .target(
            name: "DocketApp",
            dependencies: ["DocketModel", "DocketAnalysis", "DocketReport", "DocketStore", "DocketUI"],
            path: "Sources/DocketApp"
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketApp", "DocketModel", "DocketImport", "DocketAnalysis", "DocketReport", "DocketStore",
                "DocketCLI", "DocketUI", "DocketTerminal", "DocketDemo", "DocketFetch", "DocketJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket"
        ),
        .executableTarget(
            name: "docket-dev",
            dependencies: [
                "DocketModel", "DocketJSON", "DocketAnalysis", "DocketStore", "DocketCLI", "DocketGenerator", "DocketUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/docket-dev"
        ),
        // Fuzz targets for the parsers of untrusted input; `.ci/fuzz` builds it with libFuzzer.
        .executableTarget(
            name: "docket-fuzz",
            dependencies: ["DocketModel", "DocketJSON", "DocketImport", "DocketReport", "DocketTerminal"],
            path: "Sources/docket-fuzz"
        ),
        .testTarget(
            name: "DocketCoreTests",
            dependencies: [
                "DocketModel", "DocketJSON", "DocketImport", "DocketAnalysis", "DocketReport", "DocketStore", "DocketGenerator",
            ],
            path: "Tests/DocketCoreTests",
            exclude: ["Goldens"]
        ),
        .testTarget(name: "DocketUITests", dependencies: ["DocketUI", "DocketModel", "DocketReport"], path: "Tests/DocketUITests"),
        .testTarget(name: "DocketAppTests", dependencies: ["DocketApp", "DocketModel", "DocketReport", "DocketStore", "DocketUI"], path: "Tests/DocketAppTests"),
        .testTarget(name: "DocketTerminalTests", dependencies: ["DocketTerminal", "DocketUI"], path: "Tests/DocketTerminalTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["DocketModel", "DocketImport", "DocketStore", "DocketDemo"], path: "Tests/EndToEndTests"),
    ]
)

// Release builds optimise across our modules (the corpus reader in DocketJSON
// is called per field from DocketStore): without it, splitting DocketCore cost
// an import into a 100k store about 7% (BENCHMARKS.md).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
}
