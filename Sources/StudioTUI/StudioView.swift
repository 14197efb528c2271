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
        } else if let detail = model.detail {
            drawDetail(detail, offset: model.detailOffset, in: body, into: &buffer)
        } else {
            switch model.screen {
            case .operations: drawOperations(model, latency: latency, in: body, into: &buffer)
            case .history: drawHistory(model, in: body, into: &buffer)
            case .generate: drawGenerate(in: body, into: &buffer)
            }
        }
        drawStatus(model, in: Rect(x: footer.x, y: footer.y, width: footer.width, height: 1), into: &buffer)
        let hints = StudioKeymap.table.hints(for: KeyBinding.Scope(model.screen), inTextField: model.inTextField)
        HintBar.draw(hints, in: Rect(x: footer.x, y: footer.y + 1, width: footer.width, height: 1), into: &buffer)
        return buffer
    }

    static func drawOperations(_ model: AppModel, latency: (GenerationRecord) -> LatencyModel?, in rect: Rect,
                               into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Operations — \(model.operations.count) unfinished", focused: true, into: &buffer)
        guard !model.operations.isEmpty else {
            buffer.write("No job is running. F2 makes one; jobs of earlier runs reappear here.", at: Point(x: inner.x + 1, y: inner.y),
                         role: .muted, clip: inner)
            return
        }
        ListView.draw(count: model.operations.count, state: model.operationsList, in: inner, into: &buffer) { index in
            let row = JobRow(record: model.operations[index], now: model.now, latency: latency(model.operations[index]))
            return (row.line(width: inner.width), row.statusRole)
        }
    }

    static func drawHistory(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let (searchLine, listArea) = rect.splitTop(1)
        let query = model.historySearch.text
        let prompt = model.searching ? "/ \(query)▏" : (query.isEmpty ? "/ to search prompts" : "/ \(query)")
        buffer.write(prompt, at: searchLine.origin, role: model.searching ? .accent : .muted, clip: searchLine)
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

    static func drawGenerate(in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Generate", focused: true, into: &buffer)
        buffer.write("The forms are not in this version yet: use veo-studio generate (see --help).",
                     at: Point(x: inner.x + 1, y: inner.y), role: .muted, clip: inner)
    }

    static func drawDetail(_ detail: GenerationDetail, offset: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Generation #\(detail.record.id ?? 0) — Esc closes, j/k scroll", focused: true, into: &buffer)
        var y = inner.y
        for line in detail.lines.dropFirst(offset) {
            guard y < inner.maxY else { break }
            buffer.write(line.text, at: Point(x: inner.x + 1, y: y), role: line.role, clip: inner)
            y += 1
        }
    }

    static func drawHelp(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let inner = Frame.draw(rect, title: "Help — Esc closes", focused: true, into: &buffer)
        let scope = KeyBinding.Scope(model.screen)
        let shown = StudioKeymap.table.bindings.filter { [scope, .global, .outsideText, .text].contains($0.scope) }
        var y = inner.y
        for binding in shown where y < inner.maxY {
            buffer.write(binding.keyText, at: Point(x: inner.x + 1, y: y), role: .accent, clip: inner)
            buffer.write(binding.summary, at: Point(x: inner.x + 16, y: y), clip: inner)
            y += 1
        }
    }

    static func drawStatus(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let synthetic = model.synthetic ? " — sandbox: outputs are synthetic" : ""
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
