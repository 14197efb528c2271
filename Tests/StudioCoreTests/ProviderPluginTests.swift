import Foundation
import Testing
import StudioEmulator
@testable import StudioCore

/// Every registered protocol has what the proofs need to pick it up by themselves: an emulator
/// profile, golden fixtures, fuzz seeds its decoder reads, a page in docs/PROVIDERS.md; and every
/// provider of the registry has a plugin.
struct ProviderPluginTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var plugins: [String] { ProviderPlugins.all.map(\.wire.rawValue) }

    static func plugin(_ wire: String) throws -> any ProviderPlugin {
        try #require(ProviderPlugins.plugin(for: WireProtocol(rawValue: wire)))
    }

    @Test(arguments: plugins)
    func hasAnEmulatorProfile(wire: String) throws {
        let plugin = try Self.plugin(wire)
        #expect(EmulatorProfile(rawValue: plugin.emulatorProfile) != nil,
                "\(wire): no emulator profile \"\(plugin.emulatorProfile)\" (Sources/StudioEmulator/Server/EmulatorProfile.swift)")
    }

    @Test(arguments: plugins)
    func hasGoldenFixtures(wire: String) throws {
        let plugin = try Self.plugin(wire)
        let fixtures = Self.repository.appendingPathComponent("Tests/StudioCoreTests/Fixtures")
        let prefix = plugin.goldenFixtures
        let folder = fixtures.appendingPathComponent(prefix.hasSuffix("/") ? prefix : (prefix as NSString).deletingLastPathComponent)
        let start = prefix.hasSuffix("/") ? "" : (prefix as NSString).lastPathComponent
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(files.contains { $0.hasPrefix(start) && $0.hasSuffix(".json") },
                "\(wire): no golden fixture Tests/StudioCoreTests/Fixtures/\(prefix)*.json")
    }

    @Test(arguments: plugins)
    func hasFuzzSeedsItsDecoderReads(wire: String) throws {
        let plugin = try Self.plugin(wire)
        let corpus = Self.repository.appendingPathComponent("fuzz/corpus/fuzz-operation-decoders")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasPrefix("\(wire)-") }
        #expect(!seeds.isEmpty, "\(wire): no seed fuzz/corpus/fuzz-operation-decoders/\(wire)-…")
        let read = try seeds.filter { seed in
            (try? plugin.decodeAnswer(Data(contentsOf: corpus.appendingPathComponent(seed)))) != nil
        }
        #expect(!read.isEmpty, "\(wire): its decoder reads none of its seeds \(seeds)")
    }

    @Test(arguments: plugins)
    func hasAPageInTheProvidersDocument(wire: String) throws {
        let plugin = try Self.plugin(wire)
        let page = try String(contentsOf: Self.repository.appendingPathComponent("docs/PROVIDERS.md"), encoding: .utf8)
        #expect(page.split(separator: "\n").contains { $0.hasPrefix("## \(plugin.documentationHeading)") },
                "\(wire): docs/PROVIDERS.md has no section \"## \(plugin.documentationHeading)\"")
    }

    @Test func everyProviderOfTheRegistryHasAPluginAndEveryProfileOne() throws {
        for entry in Fixtures.registry.providers {
            #expect(ProviderPlugins.plugin(registryWire: entry.wire) != nil, "\(entry.id): no plugin for wire \(entry.wire)")
        }
        let profiles = Set(ProviderPlugins.all.map(\.emulatorProfile))
        for profile in EmulatorProfile.allCases {
            #expect(profiles.contains(profile.rawValue), "emulator profile \(profile.rawValue) is played by no plugin")
        }
        #expect(Set(Self.plugins).count == Self.plugins.count, "one plugin per protocol")
    }

    /// A sandbox is a way to reach a provider: the registry holds each provider once, and each
    /// `<id>-sandbox` (`sandbox` for the Gemini API) resolves to it on the emulator.
    @Test func eachProviderIsHeldOnceAndReachedOnItsSandboxByName() throws {
        let registry = Fixtures.registry
        #expect(registry.providers.allSatisfy { !registry.isSandbox($0.id) }, "no sandbox is held as a provider")
        #expect(Set(registry.providers.map(\.id)).count == registry.providers.count)
        for entry in registry.providers {
            let name = try #require(entry.sandbox?.id, "\(entry.id) has a sandbox")
            let identity = try #require(registry.identity(name))
            #expect(identity.onSandbox && identity.providerID == entry.id && identity.name == name)
            #expect(registry.counterpart(of: name) == entry.id && registry.counterpart(of: entry.id) == name)
            #expect(registry.identity(entry.id)?.onSandbox == false)
        }
        #expect(registry.identity("sandbox")?.providerID == "gemini")
        #expect(registry.identity("nowhere") == nil)
    }

    /// The shell text of a secret never holds a key, on any protocol, on the service or the sandbox.
    @Test func everyCurlSecretIsAReferenceNeverAValue() throws {
        let registry = Fixtures.registry
        for name in registry.providerIDs {
            for header in ["Authorization", "x-goog-api-key"] {
                let text = CurlCommand.secret(provider: name, header: header, registry: registry)
                #expect(text.contains("$") || text.contains("sandbox"), "\(name) \(header): \(text)")
            }
        }
    }
}
