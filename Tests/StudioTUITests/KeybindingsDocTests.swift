import Foundation
import Testing
import TermUI
@testable import StudioTUI

/// `docs/KEYBINDINGS.md` is generated from the key table; this keeps it current
/// (run with VEO_STUDIO_RECORD=1 to rewrite it after changing keys).
struct KeybindingsDocTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/KEYBINDINGS.md")

    @Test func documentMatchesTheTable() throws {
        if ProcessInfo.processInfo.environment["VEO_STUDIO_RECORD"] != nil {
            try StudioKeymap.markdown.write(to: Self.document, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOf: Self.document, encoding: .utf8)
        #expect(written == StudioKeymap.markdown, "docs/KEYBINDINGS.md is stale: run the tests with VEO_STUDIO_RECORD=1")
    }

    @Test func theIssuesKeysAreBound() {
        let table = StudioKeymap.table
        #expect(table.binding(for: .function(1), in: .history, inTextField: false)?.id == "help")
        #expect(table.binding(for: .function(2), in: .history, inTextField: true)?.id == "screen.generate")
        #expect(table.binding(for: .control("s"), in: .generate, inTextField: true)?.id == "submit")
        #expect(table.binding(for: .control("q"), in: .generate, inTextField: true)?.id == "quit")
        #expect(table.binding(for: .character("q"), in: .generate, inTextField: true) == nil, "q types a q in the prompt")
        #expect(table.binding(for: .character("/"), in: .history, inTextField: false)?.id == "history.search")
        #expect(table.binding(for: .character("j"), in: .history, inTextField: false)?.id == "list.down")
        #expect(table.binding(for: .enter, in: .generate, inTextField: true)?.id == "edit.newline", "Enter makes a new line in the prompt, and help says so")
        for character in "[]{}()<>/?qjk :" {
            #expect(table.binding(for: .character(character), in: .generate, inTextField: true) == nil,
                    "\(character) must type into the prompt")
        }
    }

    @Test func idsAreUnique() {
        let ids = StudioKeymap.table.bindings.map(\.id)
        #expect(Set(ids).count == ids.count)
    }
}
