// swift-tools-version: 6.0
// libFuzzer targets for StudioCore's parsers. Not part of the product: build and run them with
// scripts/fuzz/run.sh. It passes -sanitize=fuzzer on the command line, so this manifest needs no
// unsafeFlags and every Swift module (StudioCore included) is instrumented for coverage feedback.
// Each harness starts libFuzzer from its @main through LLVMFuzzerRunDriver (see CFuzzerDriver.h),
// which is why the build also passes -parse-as-library.
// The harnesses use `@testable import StudioCore`, which works because debug builds compile the
// dependency with -enable-testing.
import PackageDescription

let fuzzTargets = [
    "fuzz-json-value",
    "fuzz-operation-decoders",
    "fuzz-chat-answer",
    "fuzz-inline-video",
    "fuzz-image-inspector",
    "fuzz-rules",
    "fuzz-config",
]

let package = Package(
    name: "veo-studio-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "veo-studio", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"], path: "Sources/FuzzSupport"),
    ] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "StudioCore", package: "veo-studio")],
            path: "Sources/\(name)"
        )
    }
)
