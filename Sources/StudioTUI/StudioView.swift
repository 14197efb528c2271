import Foundation
import StudioCore
import TermUI

/// Draws the whole frame from the model into a buffer; the backend writes what changed.
public enum StudioView {
    /// Below this the studio asks for a larger terminal instead of drawing a broken screen.
    public static let minimumSize = Size(width: 80, height: 24)
    /// The most rows a long status message takes (it wraps instead of being cut).
    static let statusRows = 3

    public static func render(_ model: AppModel) -> CellBuffer {
        var buffer = CellBuffer(size: model.size)
        guard model.size.width >= minimumSize.width, model.size.height >= minimumSize.height else {
            drawTooSmall(model.size, into: &buffer)
            return buffer
        }
        let status = statusLines(model)
        let (tabs, rest) = buffer.bounds.splitTop(1)
        let (body, footer) = rest.splitBottom(1 + status.count)
        let screens = StudioScreen.allCases
        TabBar.draw(screens.map(\.title), selected: screens.firstIndex(of: model.screen) ?? 0, in: tabs, into: &buffer)
        if model.showingHelp {
            HelpView.draw(model, in: body, into: &buffer)
        } else if let picker = model.picker {
            PickerView.draw(picker, model: model, in: body, into: &buffer)
        } else if let conversation = model.conversation {
            ConversationView.draw(conversation, model: model, in: body, into: &buffer)
        } else if let panel = model.panel {
            drawPanel(panel, colors: model.colors, in: body, into: &buffer)
        } else {
            switch model.screen {
            case .operations: drawOperations(model, in: body, into: &buffer)
            case .history: drawHistory(model, in: body, into: &buffer)
            case .generate: GenerateView.draw(model, in: body, into: &buffer)
            case .storyboard: StoryboardView.draw(model, in: body, into: &buffer)
            }
        }
        if let problems = model.problems { drawProblems(problems, model: model, in: body, into: &buffer) }
        if let presets = model.presets { drawPresets(presets, in: body, into: &buffer) }
        if let chooser = model.sampleChooser { drawSampleChooser(chooser, in: body, into: &buffer) }
        if let question = model.confirmation { drawConfirmation(question, in: body, into: &buffer) }
        for (index, line) in status.enumerated() {
            buffer.write(line.text, at: Point(x: footer.x, y: footer.y + index), role: line.role,
                         clip: Rect(x: footer.x, y: footer.y + index, width: footer.width, height: 1))
        }
        HintBar.draw(hints(model), in: Rect(x: footer.x, y: footer.maxY - 1, width: footer.width, height: 1), into: &buffer)
        return buffer
    }

    /// The hint bar's keys: the scope's, with F2 first while Operations has nothing to show.
    static func hints(_ model: AppModel) -> [KeyBinding] {
        var hints = StudioKeymap.table.hints(for: model.hintScope, inTextField: model.inTextField)
        if model.screen == .operations, model.operations.isEmpty, model.keyScope == .operations,
           let generate = StudioKeymap.table.bindings.first(where: { $0.id == "screen.generate" }) {
            hints.removeAll { $0.id == generate.id || $0.id.hasPrefix("job.") }
            hints.insert(generate, at: 0)
        }
        return hints
    }

    /// ` · spent today $4.80 of $10.00 · month …`, or nothing when nothing was spent and no cap is set.
    static func spending(_ model: AppModel) -> String {
        model.journal.spending.line(caps: model.journal.caps).map { " · " + $0 } ?? ""
    }

    /// The status message wrapped to the width (at most `statusRows` rows, the last cut with `…`).
    static func statusLines(_ model: AppModel) -> [(text: String, role: StyleRole)] {
        let text: String
        let role: StyleRole
        // On the form, the line speaks of the form's provider and endpoint (the Endpoint row switches them).
        let onForm = model.screen == .generate
        let name = onForm ? model.form.provider : model.providerName
        if let toast = model.toast {
            (text, role) = (toast, .text)
        } else if onForm ? model.registry.isSandbox(name) : model.synthetic {
            (text, role) = ("\(name) — synthetic videos, nothing charged; costs shown are the real service's", .synthetic)
        } else if onForm {
            (text, role) = ("\(name) — the service itself: each video is charged" + spending(model), .text)
        } else {
            (text, role) = ("provider \(name)" + spending(model), .text)
        }
        let wrapped = WordWrap.lines(Array(text), width: model.size.width).map { $0.text.trimmingCharacters(in: .whitespaces) }
        guard wrapped.count > statusRows else { return wrapped.map { ($0, role) } }
        var shown = Array(wrapped.prefix(statusRows))
        shown[statusRows - 1] = TableLayout.fit(shown[statusRows - 1] + " …", width: model.size.width)
        return shown.map { ($0, role) }
    }

    static func drawOperations(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let running = model.runningJobs.count
        let waiting = model.operations.filter { $0.record.status == .waiting }
        let held = waiting.filter { $0.queue?.entry.paused == true }.count
        let ended = model.operations.count - running - waiting.count
        let title = "Operations — \(running) running"
            + (waiting.isEmpty ? "" : ", \(waiting.count) waiting" + (held > 0 ? " (\(held) held)" : ""))
            + (ended > 0 ? ", \(ended) finished (d dismisses, D all)" : "")
        let inner = Frame.draw(rect, title: title, focused: true, into: &buffer)
        guard !model.operations.isEmpty else {
            buffer.write("No job is running. F2 makes one; jobs of earlier runs and of the CLI appear here as they run.",
                         at: Point(x: inner.x + 1, y: inner.y), role: .muted, clip: inner)
            if model.synthetic {
                let lines = ["This is the sandbox: jobs go to a built-in emulator on this machine, no key needed.",
                             "Its videos are synthetic and nothing is charged. For real videos set GEMINI_API_KEY, or",
                             "configure Vertex AI (see README), and start again."]
                for (index, line) in lines.enumerated() {
                    buffer.write(line, at: Point(x: inner.x + 1, y: inner.y + 2 + index), role: .synthetic, clip: inner)
                }
            }
            return
        }
        drawTable(model.operationsTable, list: model.operationsList, model: model, in: inner, into: &buffer)
    }

    static func drawHistory(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let (searchLine, belowSearch) = rect.splitTop(1)
        let query = model.historySearch.text
        let prompt = model.searching ? "/ \(query)▏" : (query.isEmpty ? "/ to search prompts" : "/ \(query)")
        let used = buffer.write(prompt, at: searchLine.origin, role: model.searching ? .accent : .muted, clip: searchLine)
        let filterText = model.historyFilter.summary.map { "filter: \($0)" } ?? "f filters"
        let filterX = max(searchLine.x + used + 2, searchLine.maxX - DisplayWidth.of(filterText))
        buffer.write(filterText, at: Point(x: filterX, y: searchLine.y), role: model.historyFilter.isEmpty ? .muted : .accent,
                     clip: searchLine)
        var listArea = belowSearch
        if let panel = model.filterPanel {
            let (bar, rest) = listArea.splitTop(2 + filterRows(panel, filter: model.historyFilter, width: listArea.width - 4))
            drawFilterBar(panel, filter: model.historyFilter, in: bar, into: &buffer)
            listArea = rest
        }
        let sandboxRows = model.history.contains { $0.record.synthetic } ? " · ~ = what the real service would charge" : ""
        let more = model.history.count >= model.historyLimit ? " (older ones as you scroll)" : ""
        let inner = Frame.draw(listArea, title: "History — \(model.history.count) shown\(more), newest first\(sandboxRows)",
                               focused: !model.searching, into: &buffer)
        guard !model.history.isEmpty else {
            let text: String
            switch (query.isEmpty, model.historyFilter.summary) {
            case (true, nil): text = "Nothing generated yet. F2 makes a video."
            case (false, nil): text = "No prompt matches \"\(query)\". Ctrl-W clears a word, Esc leaves the search."
            case (true, let filter?): text = "No generation matches the filter (\(filter)). f changes it, 0 in the filter clears it."
            case (false, let filter?): text = "No prompt matches \"\(query)\" with the filter (\(filter)). f changes the filter."
            }
            for (row, line) in WordWrap.lines(Array(text), width: inner.width - 2).enumerated() {
                buffer.write(line.text, at: Point(x: inner.x + 1, y: inner.y + row), role: .muted, clip: inner)
            }
            return
        }
        drawTable(model.historyTable, list: model.historyList, model: model, in: inner, into: &buffer)
    }

    /// A table: its heading, then the visible rows with the selected one highlighted (kept in view
    /// whatever room the status line left).
    static func drawTable(_ table: GenerationTable, list: ListState, model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let (head, rows) = rect.splitTop(1)
        buffer.write(table.header, at: Point(x: head.x + ListView.cursorWidth, y: head.y), role: .muted, clip: head)
        var shown = list
        shown.clamp(count: table.count, height: rows.height)
        let latencies = model.journal.latencies
        ListView.draw(count: table.count, state: shown, in: rows, into: &buffer) { index in
            let latency = latencies[JournalSnapshot.latencyKey(table.summaries[index].record)]
            return (table.line(index, now: model.now, latency: latency), table.role(index))
        }
    }

    /// The filter bar's entries, each with where it goes (row, column) when they flow in `width` cells.
    static func filterEntries(_ panel: HistoryFilterPanel, filter: HistoryFilter, width: Int)
        -> [(text: String, role: StyleRole, row: Int, column: Int)] {
        var entries: [(String, StyleRole, Int, Int)] = []
        var row = 0
        var column = 0
        for entry in HistoryFilterPanel.Row.allCases {
            let value = HistoryFilterPanel.value(entry, of: filter)
            let text = entry == panel.row ? "[\(entry.label): \(value)]" : "\(entry.label): \(value)"
            let role: StyleRole = entry == panel.row ? .selection : (value.hasPrefix("any") ? .muted : .accent)
            let size = DisplayWidth.of(text)
            if column > 0, column + size > width {
                row += 1
                column = 0
            }
            entries.append((text, role, row, column))
            column += size + 2
        }
        return entries
    }

    /// The rows the filter bar's entries take.
    static func filterRows(_ panel: HistoryFilterPanel, filter: HistoryFilter, width: Int) -> Int {
        (filterEntries(panel, filter: filter, width: width).map(\.row).max() ?? 0) + 1
    }

    /// History's filter entries (they flow onto a second row when narrow): Up/Down choose one, Left/Right change it.
    static func drawFilterBar(_ panel: HistoryFilterPanel, filter: HistoryFilter, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Filter — ↑↓ row, ←→ value, Backspace clears, 0 clears all, Esc closes", focused: true,
                               into: &buffer)
        for entry in filterEntries(panel, filter: filter, width: inner.width - 2) {
            buffer.write(entry.text, at: Point(x: inner.x + 1 + entry.column, y: inner.y + entry.row), role: entry.role, clip: inner)
        }
    }

    /// A pane of lines wrapped to its width; pictures get a column of their own at the right (or
    /// are not drawn when there is no room for one).
    static func drawPanel(_ panel: TextPanel, colors: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: panel.title, focused: true, into: &buffer)
        let pictures = panel.pictureColumn(width: inner.width)
        let text = Rect(x: inner.x + 1, y: inner.y, width: max(1, inner.width - 2 - pictures), height: inner.height)
        let lines = panel.wrapped(width: text.width)
        let offset = min(panel.offset, max(0, lines.count - text.height))
        for (row, line) in lines.dropFirst(offset).prefix(text.height).enumerated() {
            buffer.write(line.text, at: Point(x: text.x, y: text.y + row), role: line.role, clip: text)
        }
        if lines.count > text.height {
            let more = offset + text.height < lines.count ? "↓ more (j, PgDn)" : "end"
            buffer.write(" \(more) ", at: Point(x: inner.maxX - DisplayWidth.of(more) - 3, y: inner.maxY), role: .muted)
        }
        guard pictures > 0 else { return }
        // The pictures, one under the other, inside their own column.
        let column = Rect(x: inner.maxX - pictures + 1, y: inner.y, width: pictures - 1, height: inner.height)
        var y = column.y
        for image in panel.thumbnails {
            let rows = (image.height + 1) / 2
            guard y + rows <= column.maxY else { break }
            image.draw(in: Rect(x: column.x, y: y, width: min(image.width, column.width), height: rows), colors: colors, into: &buffer)
            y += rows + 1
        }
    }

    /// The form's problems, each whole: field, message, fix; Enter goes to the selected one's field.
    static func drawProblems(_ problems: ProblemList, model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let width = min(rect.width - 2, 100)
        let textWidth = width - 6
        var blocks: [[(String, StyleRole)]] = []
        for issue in problems.issues {
            let label = model.form.fields(model.registry).first { $0.id == (issue.field.split(separator: "[").first.map(String.init) ?? "") }?.label
                ?? issue.field
            let mark = issue.severity == .error ? "✗" : "!"
            let role: StyleRole = issue.severity == .error ? .error : .warning
            var block = WordWrap.lines(Array("\(mark) \(label): \(StudioAdvice.message(issue, registry: model.registry))"), width: textWidth)
                .map { ($0.text, role) }
            block += WordWrap.lines(Array("→ " + StudioAdvice.fix(issue, registry: model.registry)), width: textWidth).map { ($0.text, StyleRole.text) }
            blocks.append(block)
        }
        let height = min(rect.height, blocks.reduce(0) { $0 + $1.count } + 3)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        let errors = problems.issues.filter { $0.severity == .error }.count
        let warnings = problems.issues.count - errors
        let counted = [errors > 0 ? "\(errors) problem\(errors == 1 ? "" : "s")" : nil,
                       warnings > 0 ? "\(warnings) warning\(warnings == 1 ? "" : "s")" : nil].compactMap { $0 }.joined(separator: ", ")
        let inner = Frame.draw(box, title: "\(counted) — ↑↓ choose · Enter goes to its field · Esc closes", focused: true, into: &buffer)
        // The selected problem stays in view.
        let before = blocks.prefix(problems.list.selected).reduce(0) { $0 + $1.count }
        let selectedHeight = blocks.indices.contains(problems.list.selected) ? blocks[problems.list.selected].count : 0
        let offset = max(0, before + selectedHeight - inner.height)
        var row = 0
        for (index, block) in blocks.enumerated() {
            for (number, line) in block.enumerated() {
                defer { row += 1 }
                let y = inner.y + row - offset
                guard y >= inner.y, y < inner.maxY else { continue }
                let mark = index == problems.list.selected && number == 0 ? "▸ " : "  "
                buffer.write(mark + line.0, at: Point(x: inner.x + 1, y: y), role: line.1, clip: inner)
            }
        }
    }

    /// The saved presets: name and fields, a template's placeholders; or the name being typed.
    static func drawPresets(_ panel: PresetPanel, in rect: Rect, into buffer: inout CellBuffer) {
        let width = min(rect.width - 4, 96)
        // A problem is read whole: wrapped to the box, never cut at its edge.
        let problemLines = panel.problems.flatMap { WordWrap.lines(Array("! " + $0), width: width - 4).map(\.text) }
        let rows = panel.naming == nil ? max(1, panel.entries.count) + problemLines.count : 2
        let height = min(rect.height, rows + 3)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        if let name = panel.naming {
            let inner = Frame.draw(box, title: "Save this form as a preset — type its name · Enter saves · Esc goes back", focused: true, into: &buffer)
            buffer.write("name: \(name)▏", at: Point(x: inner.x + 1, y: inner.y), role: .text, clip: inner)
            buffer.write("letters, digits, - and _; a preset of that name is replaced", at: Point(x: inner.x + 1, y: inner.y + 1), role: .muted, clip: inner)
            return
        }
        let inner = Frame.draw(box, title: "Presets — ↑↓ choose · Enter loads into this tab · s saves the form · Esc closes",
                               focused: true, into: &buffer)
        let offset = max(0, panel.list.selected - inner.height + 1)
        for (index, entry) in panel.entries.enumerated() {
            let y = inner.y + index - offset
            guard y >= inner.y, y < inner.maxY else { continue }
            let template = entry.placeholders.isEmpty ? "" : "  template: " + entry.placeholders.map { "{\($0)}" }.joined(separator: " ")
            let mark = index == panel.list.selected ? "▸ " : "  "
            buffer.write(mark + entry.name + "  " + entry.summary + template, at: Point(x: inner.x + 1, y: y),
                         role: index == panel.list.selected ? .selection : .text, clip: inner)
        }
        for (index, line) in problemLines.enumerated() {
            let y = inner.y + max(1, panel.entries.count) + index - offset
            guard y >= inner.y, y < inner.maxY else { continue }
            buffer.write(line, at: Point(x: inner.x + 1, y: y), role: .warning, clip: inner)
        }
    }

    /// The samples of a job: which one `o` opens.
    static func drawSampleChooser(_ chooser: SampleChooser, in rect: Rect, into buffer: inout CellBuffer) {
        let width = min(rect.width - 4, 72)
        let height = chooser.samples.count + 3
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        let inner = Frame.draw(box, title: "Open which video of #\(chooser.generationID)? — its number, or ↑↓ Enter · Esc closes",
                               focused: true, into: &buffer)
        for (row, sample) in chooser.samples.enumerated() {
            let selected = row == chooser.selected
            let text = "\(selected ? "▸" : " ") \(row + 1)  sample \(sample.index + 1): \(sample.name)"
            buffer.write(text, at: Point(x: inner.x + 1, y: inner.y + row), role: selected ? .selection : .text, clip: inner)
        }
    }

    /// A yes/no box in the middle of the body.
    static func drawConfirmation(_ question: Confirmation, in rect: Rect, into buffer: inout CellBuffer) {
        let width = min(rect.width - 4, 72)
        let detailLines = WordWrap.lines(Array(question.detail), width: width - 4).map(\.text)
        let height = min(rect.height, detailLines.count + 4)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        let inner = Frame.draw(box, title: question.question, focused: true, into: &buffer)
        for (index, line) in detailLines.enumerated() {
            buffer.write(line, at: Point(x: inner.x + 1, y: inner.y + index), clip: inner)
        }
        buffer.write("y/Enter yes · n/Esc no", at: Point(x: inner.x + 1, y: inner.maxY - 1), role: .accent, clip: inner)
    }

    static func drawTooSmall(_ size: Size, into buffer: inout CellBuffer) {
        let lines = ["Enlarge the terminal", "to at least \(minimumSize.width)×\(minimumSize.height)", "(now \(size.width)×\(size.height))"]
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, at: Point(x: x, y: max(0, size.height / 2 - 1) + index), role: index == 0 ? .warning : .muted)
        }
    }
}
