import Foundation
import StudioCore
import TermUI

/// Draws the picker: the folder (or library) on the left with selection marks, and on the right
/// the highlighted image's preview, its facts, its warnings and the chosen images in order.
enum PickerView {
    /// Rows of the entry list at a terminal size (update scrolls with it).
    static func listHeight(_ size: Size) -> Int { max(1, size.height - 8) }

    static func draw(_ picker: ImagePicker, model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let source = picker.showingLibrary ? "library of past inputs" : picker.directory
        let inner = Frame.draw(rect, title: "Pick the \(picker.target.title) — \(source)", focused: true, into: &buffer)
        guard inner.height >= 4 else { return }
        let (main, noticeRow) = inner.splitBottom(1)
        let (left, right) = main.splitLeft(max(30, main.width - model.previewCells.width - 3))
        drawList(picker, in: Rect(x: left.x, y: left.y, width: left.width - 1, height: left.height), into: &buffer)
        for y in right.y..<right.maxY { buffer.write("│", at: Point(x: right.x, y: y), role: .border) }
        drawDetails(picker, colors: model.colors, in: Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height),
                    into: &buffer)
        if let typed = picker.uriDraft {
            let prompt = "Cloud Storage image: \(typed)▏  Enter adds · Esc drops"
            buffer.write(prompt, at: noticeRow.origin, role: .accent, clip: noticeRow)
            return
        }
        let notice = picker.notice ?? (picker.allowsMany
            ? "Space (\(picker.selection.count)/\(ImagePicker.maxAssets)) · s style · J/K order · Enter uses them · l library · g gs://"
            : "Enter chooses · Space selects · l library · c convert · g gs:// · ← up")
        buffer.write(notice, at: noticeRow.origin, role: picker.notice == nil ? .muted : .warning, clip: noticeRow)
    }

    private static func drawList(_ picker: ImagePicker, in rect: Rect, into buffer: inout CellBuffer) {
        guard !picker.entries.isEmpty else {
            let text = picker.showingLibrary ? "No past inputs yet." : "No images or folders here."
            buffer.write(text, at: rect.origin, role: .muted, clip: rect)
            return
        }
        ListView.draw(count: picker.entries.count, state: picker.list, in: rect, into: &buffer) { index in
            let entry = picker.entries[index]
            let name = entry.isDirectory ? entry.name + "/" : entry.name
            let facts = entry.isDirectory ? "" : entry.facts
            let room = max(4, rect.width - ListView.cursorWidth - 3 - DisplayWidth.of(facts) - 1)
            let shown = DisplayWidth.prefix(name, fitting: room)
            let line = "\(picker.mark(for: entry)) " + shown + String(repeating: " ", count: max(1, room - DisplayWidth.of(shown) + 1)) + facts
            let role: StyleRole = entry.isDirectory ? .accent : (entry.image == nil ? .disabled
                : picker.warnings(for: entry).isEmpty ? .text : .warning)
            return (line, role)
        }
    }

    private static func drawDetails(_ picker: ImagePicker, colors: Int, in rect: Rect, into buffer: inout CellBuffer) {
        var y = rect.y
        func line(_ text: String, _ role: StyleRole) {
            guard y < rect.maxY else { return }
            buffer.write(text, at: Point(x: rect.x, y: y), role: role, clip: rect)
            y += 1
        }
        if let entry = picker.highlighted, !entry.isDirectory {
            let previewRows = max(2, rect.height - 7 - picker.selection.count)
            switch picker.preview {
            case .image(let path, let image)? where path == entry.path:
                image.draw(in: Rect(x: rect.x, y: y, width: rect.width, height: previewRows), colors: colors, into: &buffer)
                y += min(previewRows, (image.height + 1) / 2)
            case .unavailable(let path, let problem)? where path == entry.path:
                line(problem, .muted)
            default:
                line("preview…", .muted)
            }
            y += 1
            line(entry.name, .accent)
            line(entry.facts, .text)
            if let origin = entry.origin { line("first picked from \(origin)", .muted) }
            for warning in picker.warnings(for: entry) {
                for part in WordWrap.lines(Array("! " + warning), width: rect.width) { line(part.text, .warning) }
            }
        }
        guard !picker.selection.isEmpty else { return }
        y = max(y, rect.maxY - picker.selection.count - 1)
        line(picker.allowsMany ? "Chosen, in order:" : "Chosen:", .muted)
        for (index, chosen) in picker.selection.enumerated() {
            let kind = chosen.kind == .style ? " (style)" : ""
            line("\(index + 1). \(InputLoader.displayName(chosen.path))\(kind)", .success)
        }
    }
}
