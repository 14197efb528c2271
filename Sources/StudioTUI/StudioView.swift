import Foundation
import StudioCore
import TermUI

/// Draws the whole frame from the model into a buffer; the backend writes what changed.
public enum StudioView {
    /// Below this the studio asks for a larger terminal instead of drawing a broken screen.
    public static let minimumSize = Size(width: 80, height: 24)

    public static func render(_ model: AppModel, latency: (GenerationRecord) -> LatencyModel? = { _ in nil }) -> CellBuffer {
        var buffer = CellBuffer(size: model.size)
        guard model.size.width >= minimumSize.width, model.size.height >= minimumSize.height else {
            drawTooSmall(model.size, into: &buffer)
            return buffer
        }
        let (tabs, rest) = buffer.bounds.splitTop(1)
        let (body, footer) = rest.splitBottom(2)
        let screens = StudioScreen.allCases
        TabBar.draw(screens.map(\.title), selected: screens.firstIndex(of: model.screen) ?? 0, in: tabs, into: &buffer)
        if model.showingHelp {
            drawHelp(model, in: body, into: &buffer)
        } else if let picker = model.picker {
            PickerView.draw(picker, model: model, in: body, into: &buffer)
        } else if let conversation = model.conversation {
            ConversationView.draw(conversation, model: model, in: body, into: &buffer)
        } else if let panel = model.panel {
            drawPanel(panel, colors: model.colors, in: body, into: &buffer)
        } else {
            switch model.screen {
            case .operations: drawOperations(model, latency: latency, in: body, into: &buffer)
            case .history: drawHistory(model, in: body, into: &buffer)
            case .generate: GenerateView.draw(model, in: body, into: &buffer)
            }
        }
        if let question = model.confirmation { drawConfirmation(question, in: body, into: &buffer) }
        drawStatus(model, in: Rect(x: footer.x, y: footer.y, width: footer.width, height: 1), into: &buffer)
        let hints = StudioKeymap.table.hints(for: model.keyScope, inTextField: model.inTextField)
        HintBar.draw(hints, in: Rect(x: footer.x, y: footer.y + 1, width: footer.width, height: 1), into: &buffer)
        return buffer
    }

    static func drawOperations(_ model: AppModel, latency: (GenerationRecord) -> LatencyModel?, in rect: Rect,
                               into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Operations — \(model.operations.count) unfinished", focused: true, into: &buffer)
        guard !model.operations.isEmpty else {
            buffer.write("No job is running. F2 makes one; jobs of earlier runs reappear here.", at: Point(x: inner.x + 1, y: inner.y),
                         role: .muted, clip: inner)
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
        ListView.draw(count: model.operations.count, state: model.operationsList, in: inner, into: &buffer) { index in
            let row = JobRow(record: model.operations[index], now: model.now, latency: latency(model.operations[index]))
            return (row.line(width: inner.width), row.statusRole)
        }
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
            let (bar, rest) = listArea.splitTop(3)
            drawFilterBar(panel, filter: model.historyFilter, in: bar, into: &buffer)
            listArea = rest
        }
        let inner = Frame.draw(listArea, title: "History — \(model.history.count) shown, newest first", focused: !model.searching,
                               into: &buffer)
        guard !model.history.isEmpty else {
            let text = query.isEmpty ? "Nothing generated yet." : "No prompt matches \"\(query)\"."
            buffer.write(text, at: Point(x: inner.x + 1, y: inner.y), role: .muted, clip: inner)
            return
        }
        ListView.draw(count: model.history.count, state: model.historyList, in: inner, into: &buffer) { index in
            let row = JobRow(record: model.history[index], now: model.now, latency: nil)
            return (row.line(width: inner.width), row.statusRole)
        }
    }

    /// History's filter rows: Up/Down choose one, Left/Right change it.
    static func drawFilterBar(_ panel: HistoryFilterPanel, filter: HistoryFilter, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Filter — ↑↓ row, ←→ value, Backspace clears, 0 clears all, Esc closes", focused: true,
                               into: &buffer)
        var x = inner.x + 1
        for row in HistoryFilterPanel.Row.allCases {
            let text = "\(row.label): \(HistoryFilterPanel.value(row, of: filter))"
            let role: StyleRole = row == panel.row ? .selection : (HistoryFilterPanel.value(row, of: filter).hasPrefix("any") ? .muted : .accent)
            x += buffer.write(text, at: Point(x: x, y: inner.y), role: role, clip: inner) + 2
        }
    }

    static func drawPanel(_ panel: TextPanel, colors: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: panel.title, focused: true, into: &buffer)
        var y = inner.y
        for line in panel.lines.dropFirst(panel.offset) {
            guard y < inner.maxY else { break }
            buffer.write(line.text, at: Point(x: inner.x + 1, y: y), role: line.role, clip: inner)
            y += 1
        }
        // Input thumbnails side by side at the top right.
        var x = inner.maxX
        for image in panel.thumbnails.reversed() {
            x -= image.width + 1
            guard x > inner.x + inner.width / 2 else { break }
            image.draw(in: Rect(x: x, y: inner.y, width: image.width, height: (image.height + 1) / 2), colors: colors, into: &buffer)
        }
    }

    /// A yes/no box in the middle of the body.
    static func drawConfirmation(_ question: Confirmation, in rect: Rect, into buffer: inout CellBuffer) {
        let width = min(rect.width - 4, 72)
        let detailLines = WordWrap.lines(Array(question.detail), width: width - 4).map(\.text)
        let height = detailLines.count + 4
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        let inner = Frame.draw(box, title: question.question, focused: true, into: &buffer)
        for (index, line) in detailLines.enumerated() {
            buffer.write(line, at: Point(x: inner.x + 1, y: inner.y + index), clip: inner)
        }
        buffer.write("y/Enter yes · n/Esc no", at: Point(x: inner.x + 1, y: inner.maxY - 1), role: .accent, clip: inner)
    }

    /// Help from the key table: this screen's keys first, then the shared ones, in two columns when needed.
    static func drawHelp(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Help — \(model.keyScope.title) — Esc closes", focused: true, into: &buffer)
        let scopes: [KeyBinding.Scope] = [model.keyScope, .global, .outsideText, .text]
        let shown = scopes.flatMap { scope in StudioKeymap.table.bindings.filter { $0.scope == scope } }
        let columns = shown.count > inner.height ? 2 : 1
        let width = inner.width / columns
        for (index, binding) in shown.enumerated() {
            let column = index / max(1, inner.height)
            guard column < columns else { break }
            let x = inner.x + 1 + column * width
            let y = inner.y + index % max(1, inner.height)
            let area = Rect(x: x, y: y, width: width - 1, height: 1)
            buffer.write(binding.keyText, at: Point(x: x, y: y), role: .accent, clip: area)
            buffer.write(columns == 2 ? binding.shortSummary : binding.summary, at: Point(x: x + 14, y: y), clip: area)
        }
    }

    static func drawStatus(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let synthetic = model.synthetic ? " — built-in emulator: synthetic videos, nothing charged" : ""
        let text = model.toast ?? "provider \(model.providerName)\(synthetic)"
        buffer.write(text, at: rect.origin, role: model.synthetic && model.toast == nil ? .synthetic : .text, clip: rect)
    }

    static func drawTooSmall(_ size: Size, into buffer: inout CellBuffer) {
        let lines = ["Enlarge the terminal", "to at least \(minimumSize.width)×\(minimumSize.height)", "(now \(size.width)×\(size.height))"]
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, at: Point(x: x, y: max(0, size.height / 2 - 1) + index), role: index == 0 ? .warning : .muted)
        }
    }
}
