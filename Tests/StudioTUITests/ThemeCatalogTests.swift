import Foundation
import Testing
import TermUI
@testable import StudioTUI

struct ThemeCatalogTests {
    static let catalog = ThemeCatalog(configDirectory: nil)

    @Test func shippedThemesLoad() throws {
        #expect(Set(Self.catalog.names).isSuperset(of: ["default", "high-contrast", "mono"]))
        let standard = try Self.catalog.load("default")
        #expect(standard.style(for: .accent).foreground == .indexed(39))
        #expect(standard.style(for: .selection).background == .indexed(39))
        let contrast = try Self.catalog.load("high-contrast")
        #expect(contrast.style(for: .error).bold)
        let mono = try Self.catalog.load("mono")
        #expect(StyleRole.allCases.allSatisfy { mono.style(for: $0).foreground == .standard })
    }

    @Test func noColorSelectsMono() throws {
        #expect(try Self.catalog.resolve(requested: "default", environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try Self.catalog.resolve(requested: nil, environment: [:]).name == "default")
    }

    @Test func badThemesNameTheFix() throws {
        #expect(throws: ThemeError.self) { try Self.catalog.load("neon") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veo-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("themes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[roles]\naccent = \"chartreuse\"\n".utf8).write(to: folder.appendingPathComponent("themes/odd.toml"))
        let catalog = ThemeCatalog(configDirectory: folder)
        do {
            _ = try catalog.load("odd")
            Issue.record("expected an error")
        } catch let error as ThemeError {
            #expect(error.message.contains("accent") && error.message.contains("#rrggbb"))
        }
    }
}
