import Foundation
import TOMLKit
import TermUI

/// The studio's themes: TOML files mapping style roles to colours (`themes/` in the project,
/// shipped with the studio; more in the config folder's `themes/`).
public struct ThemeCatalog: Sendable {
    /// Theme name → file.
    public let files: [String: URL]

    /// The shipped themes plus any in `configDirectory/themes` (which win on a name clash).
    public init(configDirectory: URL?) {
        var files: [String: URL] = [:]
        var folders: [URL] = []
        if let shipped = Bundle.module.resourceURL?.appendingPathComponent("themes") { folders.append(shipped) }
        if let configDirectory { folders.append(configDirectory.appendingPathComponent("themes")) }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasSuffix(".toml") {
                files[String(name.dropLast(5))] = folder.appendingPathComponent(name)
            }
        }
        self.files = files
    }

    public var names: [String] { files.keys.sorted() }

    /// The theme to use: `NO_COLOR` selects mono; otherwise the requested name (or `default`).
    public func resolve(requested: String?, environment: [String: String]) throws -> Theme {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return try load("mono") }
        return try load(requested ?? "default")
    }

    /// Reads one theme; an unknown name or a broken file names the fix.
    public func load(_ name: String) throws -> Theme {
        guard let url = files[name] else {
            throw ThemeError(message: "theme \"\(name)\" not found — choose one of: \(names.joined(separator: ", "))")
        }
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw ThemeError(message: "theme file \(url.path) is not valid TOML — fix it or remove it")
        }
        var styles: [StyleRole: CellStyle] = [:]
        for (key, value) in table["roles"]?.table ?? TOMLTable() {
            guard let role = StyleRole(rawValue: key) else {
                throw ThemeError(message: "theme \(name): unknown role \"\(key)\" — roles are \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            styles[role] = try Self.style(value, role: key, theme: name)
        }
        return Theme(name: table["name"]?.string ?? name, styles: styles)
    }

    static func style(_ value: TOMLValueConvertible, role: String, theme: String) throws -> CellStyle {
        func color(_ raw: TOMLValueConvertible?) throws -> TerminalColor {
            guard let raw else { return .standard }
            let text = raw.string ?? raw.int.map(String.init) ?? ""
            guard let color = TerminalColor(name: text) else {
                throw ThemeError(message: "theme \(theme), role \(role): \"\(text)\" is not a colour — use a name, 0–255 or #rrggbb")
            }
            return color
        }
        if let table = value.table {
            return CellStyle(foreground: try color(table["fg"]), background: try color(table["bg"]),
                             bold: table["bold"]?.bool ?? false, dim: table["dim"]?.bool ?? false,
                             underline: table["underline"]?.bool ?? false, reverse: table["reverse"]?.bool ?? false)
        }
        return CellStyle(foreground: try color(value))
    }
}

/// A theme that cannot be used, with what to do about it.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
