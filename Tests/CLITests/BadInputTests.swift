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
        var exitCode: Int32 = 2
        var environment: [String: String] = [:]
        /// Files written into the home (config.toml, rules.json) before the run; removed before history is checked.
        var homeFiles: [String: String] = [:]
        var testDescription: String { name }
    }

    /// A 1×1 RGB PNG, whole.
    static let png = TestImagesForCLI.png
    /// A PNG header (signature, IHDR) claiming width × height, then nothing else.
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be(width) + be(height)
                    + [8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE])
    }
    static let inputFiles: [String: Data] = [
        "notes.png": Data("just text".utf8),
        "anim.gif": Data(Array("GIF89a".utf8) + [10, 0, 10, 0, 0, 0, 0, 0x3B]),
        "huge.png": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
                         + [0, 0, 0, 8, 0, 0, 0, 8]) + Data(count: 30 * 1_048_576),
        "empty.png": Data(), "empty.jpg": Data(), "empty.webp": Data(),
        "truncated.png": png.prefix(20),
        "corrupt.png": Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 0x5A, count: 64),
        "truncated.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)),
        "corrupt.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)) + Data(count: 200),
        "truncated.webp": Data(Array("RIFF".utf8) + [0x24, 0, 0]),
        "corrupt.webp": Data(Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBP".utf8) + Array("JUNK".utf8)) + Data(count: 40),
        "giant.png": pngHeader(width: 100_000, height: 100_000),
        "zero.png": pngHeader(width: 0, height: 0),
        "latin1.txt": Data("a caf".utf8) + Data([0xE9, 0x20, 0xFF]) + Data(" at dawn".utf8),
        "nul.txt": Data("a boat\u{0} at dawn".utf8),
        "megabyte.txt": Data(repeating: UInt8(ascii: "a"), count: 1_048_576),
    ]

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
        Case(name: "0-byte PNG", arguments: ["--prompt", "x", "--image", "empty.png"], mentions: ["image", "empty.png is empty", "choose an image"]),
        Case(name: "0-byte JPEG", arguments: ["--prompt", "x", "--image", "empty.jpg"], mentions: ["image", "empty.jpg is empty"]),
        Case(name: "0-byte WebP", arguments: ["--prompt", "x", "--ref", "empty.webp"], mentions: ["referenceImages[0]", "empty.webp is empty"]),
        Case(name: "truncated PNG", arguments: ["--prompt", "x", "--image", "truncated.png"],
             mentions: ["image", "starts like a PNG but its header is cut short or damaged", "re-export"]),
        Case(name: "corrupt PNG", arguments: ["--prompt", "x", "--image", "corrupt.png"], mentions: ["image", "PNG", "damaged", "[image.corrupt]"]),
        Case(name: "truncated JPEG", arguments: ["--prompt", "x", "--image", "truncated.jpg"], mentions: ["image", "JPEG", "[image.corrupt]"]),
        Case(name: "corrupt JPEG", arguments: ["--prompt", "x", "--last-frame", "corrupt.jpg", "--image", "ref.png"],
             mentions: ["lastFrame", "JPEG", "[image.corrupt]"]),
        Case(name: "truncated WebP", arguments: ["--prompt", "x", "--image", "truncated.webp"], mentions: ["image", "WEBP", "[image.corrupt]"]),
        Case(name: "corrupt WebP", arguments: ["--prompt", "x", "--ref", "corrupt.webp"], mentions: ["referenceImages[0]", "WEBP", "[image.corrupt]"]),
        Case(name: "PNG claiming 0×0", arguments: ["--prompt", "x", "--image", "zero.png"], mentions: ["image", "0×0", "[image.corrupt]"]),
        Case(name: "PNG header claiming 100000×100000", arguments: ["--prompt", "x", "--image", "giant.png"],
             mentions: ["image", "100000×100000 pixels", "at most 16384 pixels on a side", "scale it down", "[image.too_many_pixels]"]),
        Case(name: "text file named .png", arguments: ["--image", "notes.png"], mentions: ["image", "notes.png is not an image", "choose a JPEG, PNG or WebP"]),
        Case(name: "invalid UTF-8 in --prompt-file", arguments: ["--prompt-file", "latin1.txt"],
             mentions: ["--prompt-file", "latin1.txt is not UTF-8 text (first bad byte at offset 5)", "iconv"]),
        Case(name: "NUL in --prompt-file", arguments: ["--prompt-file", "nul.txt"],
             mentions: ["prompt", "U+0000 (NUL) at character 6", "remove it", "[prompt.control_character]"]),
        Case(name: "1 MB prompt", arguments: ["--prompt-file", "megabyte.txt"],
             mentions: ["prompt", "1024 KB", "at most 64 KB", "shorten it", "[prompt.too_long]"]),
        Case(name: "broken config TOML", arguments: ["--prompt", "x"], mentions: ["config", "config.toml is not valid TOML (line 1", "fix the file"],
             homeFiles: ["config.toml": "[defaults\n"]),
        // The TOML parser underneath stops the process on this (found by fuzzing): refused before it sees it.
        Case(name: "config table named with a bare non-ASCII key", arguments: ["--prompt", "x"],
             mentions: ["config", "line 1, column 2", "quote an unusual table name"], homeFiles: ["config.toml": "[é]\n"]),
        // The same parser asserts on a "}" where an array expects a value (found by the full-size fuzz run).
        Case(name: "config array with a brace for a value", arguments: ["--prompt", "x"],
             mentions: ["config", "line 2, column 15", "an array is"], homeFiles: ["config.toml": "[defaults]\nproviders = [ }{\n"]),
        Case(name: "broken rules.json", arguments: ["--prompt", "x"], mentions: ["rules", "rules.json is not valid", "remove it to use the built-in rules"],
             homeFiles: ["rules.json": "{ broken"]),
        Case(name: "unknown flag", arguments: ["--prompt", "x", "--frobnicate", "3"], mentions: ["Unknown option '--frobnicate'", "--help"]),
        Case(name: "unknown flag before the command's own", arguments: ["--no-such-flag", "--prompt", "x"], mentions: ["Unknown option '--no-such-flag'"]),
    ]

    @Test(arguments: cases)
    func refusedClearly(_ testCase: Case) throws {
        let cli = CLIRunner()
        for (name, data) in Self.inputFiles { cli.write(name, data) }
        cli.write("ref.png", Self.png)
        if !testCase.homeFiles.isEmpty { try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true) }
        for (name, text) in testCase.homeFiles { try Data(text.utf8).write(to: cli.home.appendingPathComponent(name)) }
        let result = try cli.run(["generate"] + testCase.arguments, environment: testCase.environment)
        #expect(result.status == testCase.exitCode, "exit \(result.status): \(result.stderr)")
        for text in testCase.mentions {
            #expect(result.stderr.contains(text), "stderr lacks \"\(text)\":\n\(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        let database = cli.home.appendingPathComponent("journal.sqlite")
        if FileManager.default.fileExists(atPath: database.path) {
            #expect(try Journal.open(at: database).count() == 0, "nothing written to the journal")
        }
        for name in testCase.homeFiles.keys { try FileManager.default.removeItem(at: cli.home.appendingPathComponent(name)) }
        let history = try cli.run(["history", "--json"])
        #expect(history.status == 0 && (try? JSONValue.decode(Data(history.stdout.utf8)).arrayValue?.isEmpty) == true,
                "history is empty: \(history.stdout) \(history.stderr)")
    }

    /// A NUL cannot travel in a process argument (argv strings end at it), so `--prompt` with one is
    /// checked where every front end's prompt goes: the validator.
    @Test(arguments: ["a boat\u{0} at dawn", "\u{0}", "bell\u{7}", "escape \u{1B}[2J"])
    func controlCharactersInAPromptAreRefusedByTheValidator(prompt: String) throws {
        let validator = Validator(registry: try CapabilityRegistry.builtIn(), prices: try PriceTable.builtIn())
        for field in ["prompt", "negativePrompt"] {
            var draft = GenerationDraft()
            draft.provider = "sandbox"
            draft.prompt = field == "prompt" ? prompt : "a boat"
            draft.negativePrompt = field == "negativePrompt" ? prompt : nil
            let report = validator.validate(draft)
            #expect(!report.isValid && report.spec == nil, "\(field): \(prompt.debugDescription) accepted")
            let issue = report.errors.first { $0.code == "\(field).control_character" }
            #expect(issue?.field == field && issue?.message.contains("U+00") == true && issue?.fix.contains("plain text") == true,
                    "\(report.errors)")
        }
        var fine = GenerationDraft()
        fine.provider = "sandbox"
        fine.prompt = "a boat\tat dawn\r\nthen the harbour"
        #expect(validator.validate(fine).isValid, "tabs and line breaks stay allowed")
    }

    /// The longest prompt is accepted; one byte more is refused.
    @Test func thePromptLimitIsExact() throws {
        let validator = Validator(registry: try CapabilityRegistry.builtIn(), prices: try PriceTable.builtIn())
        var draft = GenerationDraft()
        draft.provider = "sandbox"
        draft.prompt = String(repeating: "a", count: Validator.maxPromptBytes)
        #expect(validator.validate(draft).isValid)
        draft.prompt = String(repeating: "a", count: Validator.maxPromptBytes + 1)
        #expect(validator.validate(draft).errors.map(\.code) == ["prompt.too_long"])
    }

    @Test func unreadableConfigIsNamed() throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(at: cli.home, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: cli.home.appendingPathComponent("config.toml").path, contents: Data("[defaults\n".utf8)))
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
        #expect(FileManager.default.createFile(atPath: config.path, contents: Data("[providers.gemini]\napi_key = \"k-123\"\n".utf8),
                                               attributes: [.posixPermissions: 0o644]))
        let open = try cli.run(["validate", "--prompt", "x"])
        #expect(open.stderr.contains("can be read by other users — run chmod 600"))
        #expect(!open.stderr.contains("k-123") && !open.stdout.contains("k-123"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        #expect(!(try cli.run(["validate", "--prompt", "x"])).stderr.contains("chmod"))
    }
}
