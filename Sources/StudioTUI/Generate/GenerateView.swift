import Foundation
import StudioCore
import TermUI

/// Draws the Generate screen: mode tabs, the fields of this mode and provider (from the
/// registry), each choice with forbidden values greyed, the core's issues beside their field,
/// and at the bottom the focused field's explanation, the diff or chain, and the live cost.
enum GenerateView {
    static let labelWidth = 14

    /// The prompt editor's wrap width at a terminal size (update uses it for Up/Down).
    static func promptWidth(_ size: Size) -> Int { max(10, size.width - 4 - labelWidth) }

    /// Rows the prompt editor gets.
    static func promptRows(_ size: Size) -> Int { size.height >= 36 ? 6 : 3 }

    static func draw(_ model: AppModel, in rect: Rect, into buffer: inout CellBuffer) {
        let form = model.form
        let registry = model.registry
        let title: String
        switch form.parent {
        case let parent? where parent.kind == "extend": title = "Generate — extend #\(parent.id)"
        case let parent?: title = "Generate — \(parent.kind) of #\(parent.id)"
        case nil: title = "Generate — \(form.mode.phrase) on \(form.provider)"
        }
        let inner = Frame.draw(rect, title: title, focused: true, into: &buffer)
        guard inner.height >= 6 else { return }
        let (tabRow, rest) = inner.splitTop(1)
        let modes = GenerateForm.modes
        TabBar.draw(modes.map(\.displayName), selected: modes.firstIndex(of: form.mode) ?? 0, in: tabRow, into: &buffer)
        let (fieldArea, footer) = rest.splitBottom(3)
        drawFields(model, in: Rect(x: fieldArea.x, y: fieldArea.y + 1, width: fieldArea.width, height: max(0, fieldArea.height - 1)),
                   into: &buffer)
        drawFooter(model, form: form, registry: registry, in: footer, into: &buffer)
    }

    private static func drawFields(_ model: AppModel, in area: Rect, into buffer: inout CellBuffer) {
        let form = model.form
        let fields = form.fields(model.registry)
        let promptRows = promptRows(model.size)
        let heights = fields.map { $0.kind == .prompt ? promptRows : 1 }
        let focusIndex = fields.firstIndex { $0.id == form.focusedField(model.registry)?.id } ?? 0
        let focusBottom = heights.prefix(focusIndex + 1).reduce(0, +)
        var y = area.y - max(0, focusBottom - area.height)
        for (index, field) in fields.enumerated() {
            defer { y += heights[index] }
            guard y + heights[index] > area.y, y < area.maxY else { continue }
            let focused = index == focusIndex
            if y >= area.y {
                let label = (focused ? "▸ " : "  ") + field.label
                buffer.write(label, at: Point(x: area.x, y: y), role: focused ? .accent : .text, clip: area)
            }
            let valueRect = Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: heights[index]).intersection(area)
            switch field.kind {
            case .prompt:
                drawEditor(form.prompt, placeholder: "describe the video: subject, action, style, camera, sound", focused: focused,
                           in: valueRect, into: &buffer)
                if let issue = (form.check?.issues(for: "prompt") ?? []).first, y + 1 < area.maxY, y + 1 >= area.y {
                    buffer.write(issue.severity == .error ? "  ✗ needed" : "  ! see below", at: Point(x: area.x, y: y + 1),
                                 role: issue.severity == .error ? .error : .warning, clip: area)
                }
            default: drawValue(field, model: model, focused: focused, in: valueRect, into: &buffer)
            }
        }
    }

    /// A text editor wrapped to its rows, scrolled to the cursor, with the placeholder while empty.
    static func drawEditor(_ editor: TextEditorState, placeholder: String, focused: Bool, in rect: Rect,
                           into buffer: inout CellBuffer) {
        guard rect.height > 0 else { return }
        if editor.text.isEmpty {
            buffer.write(placeholder, at: rect.origin, role: .muted, clip: rect)
            if focused { buffer.paint(Rect(x: rect.x, y: rect.y, width: 1, height: 1), role: .selection) }
            return
        }
        let lines = WordWrap.lines(editor.characters, width: rect.width)
        let (cursorLine, cursorColumn) = editor.position(width: rect.width)
        let first = max(0, cursorLine - rect.height + 1)
        for (row, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            buffer.write(String(line.text), at: Point(x: rect.x, y: rect.y + row), clip: rect)
        }
        if focused {
            let x = min(rect.maxX - 1, rect.x + cursorColumn)
            buffer.paint(Rect(x: x, y: rect.y + cursorLine - first, width: 1, height: 1), role: .selection)
        }
        if lines.count > rect.height, rect.width > 12 {
            let more = "\(lines.count) lines"
            buffer.write(more, at: Point(x: rect.maxX - DisplayWidth.of(more), y: rect.maxY - 1), role: .muted, clip: rect)
        }
    }

    private static func drawValue(_ field: FormFieldEntry, model: AppModel, focused: Bool, in rect: Rect, into buffer: inout CellBuffer) {
        let form = model.form
        var x = rect.x
        let point = { Point(x: x, y: rect.y) }
        switch field.kind {
        case .choice, .toggle:
            let current = form.draft.text(of: field.id)
            let choices: [ChoiceAdvisor.Choice] = field.kind == .toggle
                ? ["on", "off"].map { ChoiceAdvisor.Choice(value: $0, blockedBy: nil) }
                : (form.check?.choices[field.id] ?? ChoiceAdvisor.candidates(for: field.id, draft: form.draft, registry: model.registry)
                    .map { ChoiceAdvisor.Choice(value: $0, blockedBy: nil) })
            let fallback = form.defaultValue(of: field.id, model.registry)
            if fallback == nil {
                x += buffer.write("default", at: point(), role: current == nil ? (focused ? .selection : .accent) : .muted, clip: rect) + 1
            }
            // A row wider than the field starts late enough that the chosen value stays in sight.
            let labels = choices.map { shortChoice($0.value, field: field.id) }
            let chosenIndex = choices.firstIndex { (current ?? fallback) == $0.value } ?? 0
            var first = 0
            while first < chosenIndex,
                  x + 2 + labels[first...chosenIndex].reduce(0) { $0 + DisplayWidth.of($1) + 1 } > rect.maxX {
                first += 1
            }
            if first > 0 { x += buffer.write("…", at: point(), role: .muted, clip: rect) + 1 }
            for (index, choice) in choices.enumerated() where index >= first {
                let chosen = index == chosenIndex && (current ?? fallback) == choice.value
                let role: StyleRole = chosen ? (focused ? .selection : .accent) : (choice.isAllowed ? .text : .disabled)
                x += buffer.write(labels[index], at: point(), role: role, clip: rect) + 1
            }
            if current == nil, fallback != nil, field.id != "provider" {
                x += buffer.write("(default)", at: point(), role: .muted, clip: rect) + 1
            }
        case .image, .images:
            let names = field.kind == .images
                ? form.draft.references.enumerated().map { index, ref in
                    "\(index + 1) \(InputLoader.displayName(ref.path))\(ref.kind == .style ? " (style)" : "")" }
                : form.draft.text(of: field.id).map { [InputLoader.displayName($0)] } ?? []
            if names.isEmpty {
                x += buffer.write("Enter picks \(field.kind == .images ? "up to 3 images" : "an image")", at: point(),
                                  role: focused ? .selection : .muted, clip: rect) + 1
            } else {
                x += buffer.write(names.joined(separator: ", "), at: point(), role: focused ? .selection : .text, clip: rect) + 1
                if field.kind == .image, let info = form.check?.images[field.id] {
                    x += buffer.write("\(info.width)×\(info.height) \(info.format.rawValue.uppercased())", at: point(), role: .muted, clip: rect) + 1
                }
            }
        case .text, .number, .video:
            let text = focused ? (form.line?.text ?? "") : (form.draft.text(of: field.id) ?? "")
            if text.isEmpty, !focused {
                x += buffer.write(field.id == "seed" ? "random" : "—", at: point(), role: .muted, clip: rect) + 1
            } else {
                let shown = DisplayWidth.prefix(text, fitting: max(1, rect.width / 2))
                let used = buffer.write(shown, at: point(), clip: rect)
                if focused {
                    let cursor = DisplayWidth.of(String((form.line?.characters ?? []).prefix(form.line?.cursor ?? 0)))
                    buffer.paint(Rect(x: min(rect.maxX - 1, x + min(cursor, used)), y: rect.y, width: 1, height: 1), role: .selection)
                }
                x += used + 1
            }
            if field.id == "seed" {
                x += buffer.write(form.seedLocked ? "🔒 locked" : "(Ctrl-L locks)", at: point(), role: .muted, clip: rect) + 1
            }
        case .prompt:
            break
        }
        drawIssue(for: field.id, form: form, at: x + 1, in: rect, into: &buffer)
    }

    /// The first issue of a field, beside it, in the rest of the row.
    private static func drawIssue(for field: String, form: GenerateForm, at x: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let issues = form.missingInputs.filter { $0.field == field } + (form.parseProblems[field].map {
            [ValidationIssue(field: field, code: "form.unreadable", message: $0, fix: "")]
        } ?? []) + (form.check?.issues(for: field) ?? [])
        guard let issue = issues.first, x < rect.maxX - 4 else { return }
        let mark = issue.severity == .error ? "✗ " : "! "
        buffer.write(mark + issue.message, at: Point(x: x, y: rect.y), role: issue.severity == .error ? .error : .warning, clip: rect)
    }

    private static func drawFooter(_ model: AppModel, form: GenerateForm, registry: CapabilityRegistry, in rect: Rect,
                                   into buffer: inout CellBuffer) {
        let rows = (0..<3).map { Rect(x: rect.x, y: rect.y + $0, width: rect.width, height: 1) }
        // 1: the focused field's story: its issue with the fix, the forbidden choices with reasons, or its help.
        if let field = form.focusedField(registry) {
            let issues = form.missingInputs.filter { $0.field == field.id } + (form.check?.issues(for: field.id) ?? [])
            let blocked = (form.check?.choices[field.id] ?? []).filter { !$0.isAllowed }
            if let issue = issues.first {
                buffer.write("\(issue.message) → \(issue.fix)", at: rows[0].origin, role: issue.severity == .error ? .error : .warning, clip: rows[0])
            } else if !blocked.isEmpty {
                let reasons = blocked.map { "\($0.value): \(shortReason($0.blockedBy ?? ""))" }.joined(separator: "; ")
                buffer.write("not here — \(reasons)", at: rows[0].origin, role: .disabled, clip: rows[0])
            } else {
                buffer.write(field.help, at: rows[0].origin, role: .muted, clip: rows[0])
            }
        }
        // 2: what changed against the parent, or the extension's chain.
        if let chain = form.check?.extensionChain, form.mode == .extendVideo {
            buffer.write(chain.summary, at: rows[1].origin, role: .accent, clip: rows[1])
        } else if let parent = form.parent {
            let changes = form.changes(registry)
            let text = changes.isEmpty
                ? "same parameters as #\(parent.id) — change something, or Ctrl-S runs it again"
                : "changed vs #\(parent.id): " + changes.map { "\($0.field) \(show($0.before)) → \(show($0.after))" }.joined(separator: ", ")
            buffer.write(text, at: rows[1].origin, role: .accent, clip: rows[1])
        }
        // 3: cost and readiness.
        var x = rows[2].x
        if let cost = form.check?.report.cost {
            x += buffer.write("cost \(shortCost(cost))", at: rows[2].origin, role: .cost, clip: rows[2]) + 2
        }
        let blocking = form.blockingIssues
        let state: (String, StyleRole) = form.submitting ? ("submitting…", .running)
            : blocking.isEmpty ? ("ready — Ctrl-S submits", .success)
            : ("\(blocking.count) problem\(blocking.count == 1 ? "" : "s") — see the marked fields", .error)
        buffer.write(state.0, at: Point(x: x, y: rows[2].y), role: state.1, clip: rows[2])
    }

    /// Model ids lose their common suffix so several fit on a row.
    private static func shortChoice(_ value: String, field: String) -> String {
        guard field == "model" else { return value }
        return value.replacingOccurrences(of: "-generate", with: "").replacingOccurrences(of: "-preview", with: "")
    }

    /// "$3.20 (8 s × $0.40/s, audio)" — the source and date are in `veo-studio rules`.
    static func shortCost(_ cost: CostEstimate) -> String {
        let samples = cost.samples > 1 ? " × \(cost.samples)" : ""
        if let perRequest = cost.perRequest {
            return "\(CostEstimate.dollars(cost.usd)) (\(CostEstimate.dollars(perRequest))/request\(samples))"
        }
        return "\(CostEstimate.dollars(cost.usd)) (\(cost.billedSeconds) s × \(CostEstimate.dollars(cost.pricePerSecond))/s\(samples)\(cost.withAudio ? ", audio" : ""))"
    }

    private static func shortReason(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "default" }
        if case .string(let text) = value { return text.count > 24 ? String(text.prefix(23)) + "…" : text }
        return value.encodedString()
    }
}
