// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tuanthu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tuanthu", targets: ["tuanthu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // .xlsx files are zip archives, read for `import`; .docx files too, written for `dossier` and `report`.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // The audit history: SQLite in the workspace.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The shared history of a province's units: PostgreSQL (TLS and logging come with it).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The system's zlib (a module of its own: ZIPFoundation's CZLib is not a product): the Flate
        // streams of PDF files, read to tell validation data added after signing from changes.
        .systemLibrary(
            name: "CPDFZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "TuanThuPKI",
            dependencies: ["COpenSSL", "CPDFZlib"]
        ),
        // The rules that ship with the tool: Rules/ as Swift source (scripts/embed-rules.py), so the
        // binary needs no resource folder beside it.
        .target(name: "TuanThuRules"),
        .target(
            name: "TuanThuEngine",
            // YAML is read with the libyaml that Yams builds (its `CYaml` module): events straight
            // into tuanthu's own nodes. Yams itself serves the tests as the oracle.
            dependencies: ["TuanThuPKI", "TuanThuRules", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "TuanThuReport",
            // The papers a department signs are Word files: zip archives of XML parts.
            dependencies: ["TuanThuEngine", "TuanThuPKI", "TuanThuHistory",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Spreadsheets of systems (.xlsx, .csv) into inventories.
        .target(
            name: "TuanThuImport",
            dependencies: ["TuanThuEngine", "TuanThuPKI", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The history of audits: runs, their inputs and findings, in SQLite (or PostgreSQL, shared).
        .target(
            name: "TuanThuHistory",
            dependencies: [
                "TuanThuEngine", "TuanThuPKI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TuanThuCLI",
            dependencies: [
                "TuanThuEngine",
                "TuanThuReport",
                "TuanThuHistory",
                "TuanThuPKI",
                "TuanThuImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tuanthu",
            dependencies: ["TuanThuCLI", "TuanThuEngine"]
        ),
        // libFuzzer harnesses (scripts/fuzz.sh builds them with -sanitize=fuzzer,address -DFUZZING);
        // built plainly, it replays inputs (the regression tests of Tests/Fixtures/fuzz/).
        .executableTarget(
            name: "tuanthu-fuzz",
            dependencies: ["TuanThuPKI", "TuanThuEngine"]
        ),
        .executableTarget(
            name: "tuanthu-bench",
            dependencies: ["TuanThuPKI", "TuanThuEngine", "TuanThuReport"]
        ),
        .testTarget(
            name: "TuanThuPKITests",
            dependencies: ["TuanThuPKI"]
        ),
        .testTarget(
            name: "TuanThuReportTests",
            dependencies: ["TuanThuReport", "TuanThuEngine"]
        ),
        .testTarget(
            name: "TuanThuEngineTests",
            dependencies: ["TuanThuEngine", "TuanThuPKI"]
        ),
        .testTarget(
            name: "TuanThuCLITests",
            dependencies: ["TuanThuCLI", "TuanThuEngine", "TuanThuPKI", "TuanThuReport", "TuanThuImport", "TuanThuHistory"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
