import Foundation

/// Turns one fuzzer input into the bytes to parse and a deterministic split of them into pieces,
/// so streaming readers see their body cut anywhere (inside a key, an escape, a base64 quad…).
///
/// Layout: the first byte seeds the piece sizes (0 = one piece); the rest is the body.
public struct FuzzInput {
    public let body: [UInt8]
    private let seed: UInt8

    public init(_ bytes: UnsafeRawBufferPointer) {
        let all = Array(bytes)
        seed = all.first ?? 0
        body = all.isEmpty ? [] : Array(all.dropFirst())
    }

    /// The body cut into pieces whose sizes cycle through a small sequence derived from the seed.
    public var pieces: [ArraySlice<UInt8>] {
        guard seed != 0, !body.isEmpty else { return [body[...]] }
        var state = UInt32(seed) &* 2_654_435_761
        var result: [ArraySlice<UInt8>] = []
        var index = 0
        while index < body.count {
            state = state &* 1_103_515_245 &+ 12_345
            // Mostly tiny pieces (1…8 bytes), sometimes up to 64.
            let size = (state >> 16) % 8 == 0 ? Int((state >> 8) % 64) + 1 : Int((state >> 20) % 8) + 1
            let end = min(body.count, index + size)
            result.append(body[index..<end])
            index = end
        }
        return result
    }
}

/// A private scratch directory for one fuzz process (files the harness writes go here).
public enum FuzzScratch {
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("veo-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FuzzScratch.directory) }
        return url
    }()

    /// Writes `bytes` to `name` in the scratch directory and returns its URL.
    public static func write(_ bytes: [UInt8], named name: String, permissions: Int = 0o600) -> URL {
        let url = directory.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: Data(bytes),
                                       attributes: [.posixPermissions: permissions])
        return url
    }
}

import CFuzzerDriver

/// The signature libFuzzer calls for each input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer with this process's arguments and exits with its status.
public func runFuzzer(_ callback: FuzzCallback) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

extension UnsafeRawBufferPointer {
    /// The bytes libFuzzer handed over (it may pass a null pointer for the empty input).
    public init(fuzz data: UnsafePointer<UInt8>?, _ count: Int) {
        self.init(start: count == 0 ? nil : data, count: count)
    }
}
