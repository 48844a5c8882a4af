// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "barista",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "barista", targets: ["barista"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // ncursesw as a Swift module; only CursesTerminal imports it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The few variadic or macro-heavy libc calls Swift cannot make (prctl, TCP_INFO).
        .target(name: "CSystemShims"),
        .target(name: "CafeModel"),
        .target(name: "CafeHTTP", dependencies: ["CafeModel", "CSystemShims"]),
        .target(
            name: "Telemetry",
            dependencies: [
                "CafeModel", "CafeHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Generic, ratatui-like terminal drawing: Canvas, widgets, keys, the backend protocol and a test backend.
        // No ncurses: everything above it builds and tests without a terminal.
        .target(name: "TerminalUI"),
        // The real terminal: a TerminalUI backend on ncurses, the only code that calls it.
        .target(name: "CursesTerminal", dependencies: ["CNcurses", "TerminalUI"]),
        // barista's screen as an Elm loop: model, update, view, key map, the run loop.
        .target(name: "Dashboard", dependencies: ["TerminalUI", "CafeModel"]),
        .target(name: "SyncServer", dependencies: ["CafeModel", "CafeHTTP", "CSystemShims", "Telemetry"]),
        .target(
            name: "AsyncServer",
            dependencies: [
                "CafeModel", "CafeHTTP", "CSystemShims", "Telemetry",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Only for BareHelloServer, the yardstick `barista bench async` measures the café against.
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "LoadGenerator",
            dependencies: [
                "CafeModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // Supervisor (child cafés), StatsPoller client view merge, ScenarioRunner (the show's driver), the peer and
        // terminal guards, and the commands' runs: ShowSession (the show, a lesson, the demo), LoadSession.
        .target(
            name: "Runner",
            dependencies: [
                "CafeModel", "CafeHTTP", "CSystemShims", "Curriculum", "Dashboard", "LoadGenerator", "Telemetry",
                "TerminalUI",
            ]
        ),
        // Lessons: the file format, the player (a pure state machine), the driver around the show, headless play,
        // the demo's recorder (it records TerminalUI's Canvas) and report.
        .target(name: "Curriculum", dependencies: ["CafeModel", "TerminalUI"]),
        // The figures README reports: the cafés, the load generator and the frame build, measured on this machine.
        .target(
            name: "Benchmarks",
            dependencies: [
                "AsyncServer", "CafeModel", "CafeHTTP", "Dashboard", "LoadGenerator", "SyncServer", "Telemetry",
                "TerminalUI",
            ]
        ),
        // The option groups and flag values the commands share (the show's, a lesson's, the demo's, a café's), and
        // barista's one-line errors: read in-process by FlagsTests.
        .target(
            name: "Flags",
            dependencies: [
                "CafeModel", "CafeHTTP", "Curriculum", "Runner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "barista",
            dependencies: [
                "AsyncServer", "Benchmarks", "CafeModel", "CafeHTTP", "CSystemShims", "CursesTerminal", "Curriculum",
                "Dashboard", "Flags", "LoadGenerator", "Runner",
                "SyncServer", "Telemetry", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CafeModelTests", dependencies: ["CafeModel"]),
        .testTarget(name: "CafeHTTPTests", dependencies: ["CafeHTTP", "CafeModel", "CSystemShims", "TestSupport"]),
        .testTarget(
            name: "SyncServerTests",
            dependencies: [
                "SyncServer", "Telemetry", "CafeModel", "TestSupport", .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "RunnerTests", dependencies: ["Runner", "Curriculum", "Telemetry", "CafeHTTP", "TestSupport"]),
        .testTarget(
            name: "CurriculumTests", dependencies: ["Curriculum", "CafeModel", "Runner", "TerminalUI", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "TerminalUI", "CafeModel", "Curriculum", "TestSupport"]),
        .testTarget(
            name: "LoadGeneratorTests",
            dependencies: [
                "LoadGenerator", "AsyncServer", "SyncServer", "CafeHTTP", "TestSupport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]),
        .testTarget(
            name: "AsyncServerTests",
            dependencies: [
                "AsyncServer", "CafeHTTP", "CafeModel", "Telemetry", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["barista", "TestSupport"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "FlagsTests",
            dependencies: [
                "Flags", "CafeModel", "CafeHTTP", "Runner", "SyncServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "TelemetryTests",
            dependencies: [
                "Telemetry", "CafeModel", "CafeHTTP", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Shared test helpers: a tiny blocking HTTP client for loopback, the built binary's path, a tiny terminal
        // emulator that replays what a recording writes.
        .target(
            name: "TestSupport", dependencies: ["CafeModel", "CafeHTTP", "CSystemShims", "TerminalUI"],
            path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
