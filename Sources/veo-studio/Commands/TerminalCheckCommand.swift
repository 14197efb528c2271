import ArgumentParser
import Foundation
import TermUI
import TermUICurses

/// `veo-studio terminal-check`: shows what this terminal displays (wide text, every style role)
/// and which key each press sends — for checking a terminal before using the studio.
struct TerminalCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-check",
        abstract: "Show how this terminal displays the studio's styles and which keys it sends (q quits).")

    /// Accepted like everywhere (scripts pass `--home` to every command); nothing here reads it.
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try global.refuseCloudPlace(for: "terminal-check", because: "it only looks at this terminal")
    }

    @MainActor
    func run() async throws {
        let terminal = CursesTerminal(theme: ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? .fallback : .mono)
        terminal.start()
        var lastKey = "none yet"
        var keys = 0
        var needsFrame = true
        defer { terminal.stop() }
        while terminationSignal.load(ordering: .relaxed) == 0 {
            while let key = terminal.readKey() {
                if key == .character("q") || key == .control("q") { return }
                if key != .resize { lastKey = key.description; keys += 1 }
                needsFrame = true
            }
            if needsFrame {
                terminal.draw(Self.frame(size: terminal.size, colors: terminal.colors, lastKey: lastKey, keys: keys), cursor: nil)
                needsFrame = false
            }
            try await Task.sleep(nanoseconds: 15_000_000)
        }
    }

    /// A 24×4 pixel colour gradient.
    static let gradient: HalfBlockImage = {
        var rgb: [UInt8] = []
        for y in 0..<4 {
            for x in 0..<24 { rgb += [UInt8(x * 10), UInt8(y * 60), UInt8(255 - x * 10)] }
        }
        return HalfBlockImage(width: 24, height: 4, rgb: rgb)
    }()

    static func frame(size: Size, colors: Int, lastKey: String, keys: Int) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        let inner = Frame.draw(buffer.bounds, title: "Terminal check", focused: true, into: &buffer)
        var y = inner.y
        func line(_ text: String, _ role: StyleRole = .text) {
            guard y < inner.maxY else { return }
            buffer.write(text, at: Point(x: inner.x + 1, y: y), role: role, clip: inner)
            y += 1
        }
        line("size: \(size)   colours: \(colors)")
        line("wide text: héllo 世界 🎬")
        line("last key: \(lastKey) (\(keys) pressed)", .accent)
        y += 1
        for role in StyleRole.allCases { line("\(role.rawValue) — sample text", role) }
        if y + 2 < inner.maxY {
            line("picture (half blocks):")
            Self.gradient.draw(in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: 2), colors: colors, into: &buffer)
        }
        HintBar.draw([KeyBinding(id: "quit", keys: [.character("q")], summary: "quit", scope: .global)],
                     in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), into: &buffer)
        return buffer
    }
}
