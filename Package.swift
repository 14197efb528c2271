// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "veo-studio",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "StudioCore", targets: ["StudioCore"]),
        .library(name: "StudioEmulator", targets: ["StudioEmulator"]),
        .library(name: "TermUI", targets: ["TermUI"]),
        .executable(name: "veo-studio", targets: ["veo-studio"]),
        .executable(name: "veo-bench", targets: ["veo-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "StudioCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Resources/rules.json"), .copy("Resources/prices.json"), .copy("Resources/parameters.json")]
        ),
        .target(
            name: "StudioEmulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/server-rules.json"), .copy("Resources/builtin.mp4")]
        ),
        .target(
            name: "StudioSandbox",
            dependencies: ["StudioCore", "StudioEmulator", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "TermUI"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TermUICurses", dependencies: ["TermUI", "CNcurses"]),
        .target(
            name: "StudioTUI",
            dependencies: ["TermUI", "StudioCore", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.copy("Resources/themes")]
        ),
        .executableTarget(
            name: "veo-studio",
            dependencies: [
                "StudioCore",
                "StudioEmulator",
                "StudioSandbox",
                "TermUI",
                "TermUICurses",
                "StudioTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "veo-bench",
            dependencies: [
                "StudioCore",
                "StudioEmulator",
                "StudioSandbox",
                "StudioTUI",
                "TermUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "StudioCoreTests",
            dependencies: ["StudioCore", "StudioEmulator", "StudioSandbox", .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TermUITests",
            dependencies: ["TermUI", "TermUICurses"]
        ),
        .testTarget(
            name: "StudioTUITests",
            dependencies: ["StudioTUI", "TermUI", "StudioCore"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["veo-studio", "StudioCore", "StudioEmulator"]
        ),
        .testTarget(
            name: "StudioEmulatorTests",
            dependencies: [
                "StudioEmulator",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
    ]
)
