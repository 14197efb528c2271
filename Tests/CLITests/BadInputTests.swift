import Foundation
import Testing
@testable import StudioCore

/// Bad input gets one clear message naming the field and the fix, a non-zero exit, and nothing in the journal.
@Suite(.serialized)
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var mentions: [String]
        var environment: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing file", arguments: ["--prompt", "x", "--image", "nowhere.png"], mentions: ["image", "no file at nowhere.png"]),
        Case(name: "not an image", arguments: ["--prompt", "x", "--image", "notes.png"], mentions: ["image", "not an image"]),
        Case(name: "GIF", arguments: ["--prompt", "x", "--image", "anim.gif"], mentions: ["image", "GIF", "convert"]),
        Case(name: "30 MB image", arguments: ["--prompt", "x", "--image", "huge.png"], mentions: ["image", "20 MB"]),
        Case(name: "empty prompt without image", arguments: ["--prompt", "  "], mentions: ["prompt", "needs a prompt"]),
        Case(name: "duration 5", arguments: ["--prompt", "x", "--duration", "5"], mentions: ["durationSeconds", "set duration to 4, 6 or 8"]),
        Case(name: "samples 9", arguments: ["--prompt", "x", "--samples", "9"], mentions: ["sampleCount", "between 1 and 4"]),
        Case(name: "seed out of uint32", arguments: ["--prompt", "x", "--provider", "vertex", "--seed", "4294967296"],
             mentions: ["seed", "0 and 4294967295"]),
        Case(name: "unknown provider", arguments: ["--prompt", "x", "--provider", "acme"], mentions: ["provider", "choose one of"]),
        Case(name: "wrong enum", arguments: ["--prompt", "x", "--aspect-ratio", "4:3"], mentions: ["aspectRatio", "16:9 or 9:16"]),
        Case(name: "Gemini API without a key", arguments: ["--prompt", "x", "--provider", "gemini"],
             mentions: ["GEMINI_API_KEY", "--provider sandbox"]),
        Case(name: "no network", arguments: ["--prompt", "x", "--provider", "gemini", "--base-url", "http://127.0.0.1:9"],
             mentions: ["network", "nothing was sent or recorded"], environment: ["GEMINI_API_KEY": "k"]),
        Case(name: "malformed --param", arguments: ["--prompt", "x", "--param", "novalue"], mentions: ["--param", "key=value"]),
    ]

    @Test(arguments: cases)
    func refusedClearly(_ testCase: Case) throws {
        let cli = CLIRunner()
        cli.write("notes.png", Data("just text".utf8))
        cli.write("anim.gif", Data(Array("GIF89a".utf8) + [10, 0, 10, 0, 0, 0, 0, 0x3B]))
        cli.write("huge.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
                                   + [0, 0, 0, 8, 0, 0, 0, 8]) + Data(count: 30 * 1_048_576))
        let result = try cli.run(["generate"] + testCase.arguments, environment: testCase.environment)
        #expect(result.status != 0)
        for text in testCase.mentions {
            #expect(result.stderr.contains(text), "stderr lacks \"\(text)\":\n\(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        let database = cli.home.appendingPathComponent("journal.sqlite")
        if FileManager.default.fileExists(atPath: database.path) {
            #expect(try Journal.open(at: database).count() == 0, "nothing written to the journal")
        }
    }

    @Test func unreadableConfigIsNamed() throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: cli.home.appendingPathComponent("config.toml").path, contents: Data("[defaults\n".utf8))
        let result = try cli.run(["generate", "--prompt", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("config.toml is not valid TOML (line 1"))
    }
}

/// A key in a config file other users can read is warned about; a 0600 file is not.
struct ConfigPermissionTests {
    @Test func readableKeyFileIsWarnedAbout() throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        let config = cli.home.appendingPathComponent("config.toml")
        FileManager.default.createFile(atPath: config.path, contents: Data("[providers.gemini]\napi_key = \"k-123\"\n".utf8),
                                       attributes: [.posixPermissions: 0o644])
        let open = try cli.run(["validate", "--prompt", "x"])
        #expect(open.stderr.contains("can be read by other users — run chmod 600"))
        #expect(!open.stderr.contains("k-123") && !open.stdout.contains("k-123"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        #expect(!(try cli.run(["validate", "--prompt", "x"])).stderr.contains("chmod"))
    }
}
