// swift-tools-version:6.1
import PackageDescription

// Layers; imports only go downward (ARCHITECTURE.md):
//   roster         -> RosterConsole, RosterCurses, RosterTerminal, RosterCore (ArgumentParser)
//   RosterConsole  -> RosterCore, RosterTerminal        (state, reducers, views; no ncurses, no SQL)
//   RosterCurses   -> RosterTerminal, CNcursesw         (the only ncurses code)
//   RosterTerminal -> RosterText, CQRencode             (canvas, widgets, keys)
//   RosterCore     -> RosterText, GRDB, CLibpq, …       (the domain; the only SQL)
//   RosterText                                          (the sanitizer)
let package = Package(
    name: "Roster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "roster", targets: ["roster"]),
        .executable(name: "roster-bench", targets: ["RosterBench"]),
        // For the fuzz targets in Fuzz/ImportFuzz, which drive the import reader and planner.
        .library(name: "RosterCore", targets: ["RosterCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // libpq, PostgreSQL's own client: PGHOST/PGPASSFILE/PGSERVICE, .pgpass, sslmode, multi-host
        // addresses with target_session_attrs, COPY and LISTEN/NOTIFY, as PostgreSQL users expect.
        // Opened at run time (dlopen) by the first PostgreSQL address, not linked: its two dozen
        // libraries cost every process start, SQLite ones included, about 4 ms and 5 MB.
        .target(name: "CLibpq"),
        // zxcvbn-c estimates how many guesses a password takes (breached passwords, names, words, patterns).
        .systemLibrary(name: "CZxcvbn", providers: [.apt(["libzxcvbn-dev"])]),
        // libpng and libjpeg decode avatars (PNG or JPEG by content). C, because libjpeg reports
        // errors by longjmp, which Swift can't catch; the default handler would exit the console.
        .target(name: "CImageDecode", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]),
        // The one sanitizer for untrusted text, below both the domain (mail bodies) and the terminal.
        .target(name: "RosterText"),
        .target(
            name: "RosterCore",
            dependencies: [
                "RosterText",
                "CZxcvbn",
                "CImageDecode",
                "CLibpq",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the few loops that read tens of thousands of ids
                // straight from a statement (IntegerColumnCursor).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // RFC 4180 CSV for `users import` and `users export`, read and written as streams.
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // libqrencode draws the TOTP enrollment QR code.
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "RosterTerminal", dependencies: ["CQRencode", "RosterText"]),
        .target(name: "RosterConsole", dependencies: ["RosterCore", "RosterTerminal"]),
        .target(name: "RosterCurses", dependencies: ["CNcursesw", "RosterTerminal"]),
        // glibc's <malloc.h> (mallopt), part of libc itself.
        .systemLibrary(name: "CMalloc"),
        .executableTarget(
            name: "roster",
            dependencies: [
                "RosterCore", "RosterTerminal", "RosterConsole", "RosterCurses", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
                // `$XDG_CONFIG_HOME/roster/config.toml` (key rebinding, theme), with line numbers for bad files.
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Benchmarks for release builds (BENCHMARKS.md): drives the real console runtime without a terminal.
        .executableTarget(name: "RosterBench", dependencies: ["RosterCore", "RosterConsole", "RosterTerminal"], path: "Sources/RosterBench"),
        // Throwaway servers for the tests (PostgreSQL clusters), shared by the test targets.
        .target(name: "RosterTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore", "RosterTestSupport"], exclude: ["Golden", "Images"]),
        .testTarget(name: "RosterTerminalTests", dependencies: ["RosterTerminal"]),
        .testTarget(name: "RosterConsoleTests", dependencies: ["RosterConsole", "RosterCore", "RosterTerminal", "RosterTestSupport"], exclude: ["Golden"]),
        // Runs the real `roster` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "RosterCLITests", dependencies: [
            "roster", "RosterCore", "RosterTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
