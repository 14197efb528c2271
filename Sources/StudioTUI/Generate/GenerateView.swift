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
        case let parent? where parent.shot != nil: title = "Generate — shot \(parent.shot?.index ?? 0) of storyboard \(parent.shot?.board ?? "")"
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
                    // "needed" only when there is no prompt: a prompt with a problem (an unfilled {name}) says where to look.
                    let mark = issue.severity == .warning ? "  ! see below"
                        : form.prompt.characters.allSatisfy(\.isWhitespace) ? "  ✗ needed" : "  ✗ see below"
                    buffer.write(mark, at: Point(x: area.x, y: y + 1),
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
            // A field with a problem keeps room beside its choices for the mark and the start of its message.
            let reserve = issues(for: field.id, form).isEmpty ? 0 : min(26, rect.width / 3)
            x += drawChoices(field, model: model, focused: focused,
                             in: Rect(x: rect.x, y: rect.y, width: rect.width - reserve, height: rect.height), into: &buffer)
        case .image, .images:
            let name = { (path: String) in form.check?.displayName(path) ?? InputLoader.displayName(path) }
            let names = field.kind == .images
                ? form.draft.references.enumerated().map { index, ref in "\(index + 1) \(name(ref.path))\(ref.kind == .style ? " (style)" : "")" }
                : form.draft.text(of: field.id).map { [name($0)] } ?? []
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
                x += buffer.write(form.seedLocked ? "🔒 locked (Ctrl-L unlocks)" : "(Ctrl-L locks)", at: point(), role: .muted, clip: rect) + 1
            }
        case .prompt:
            break
        }
        drawIssue(for: field.id, model: model, at: x + 1, in: rect, into: &buffer)
    }

    /// A choice row: the chosen value in brackets (readable without colour), forbidden values
    /// greyed; a row wider than the field shows a window around the chosen value, with `…` and
    /// how many are left out on each side it cuts. Returns the columns used.
    private static func drawChoices(_ field: FormFieldEntry, model: AppModel, focused: Bool, in rect: Rect,
                                    into buffer: inout CellBuffer) -> Int {
        let form = model.form
        let current = form.draft.text(of: field.id)
        let choices: [ChoiceAdvisor.Choice] = field.kind == .toggle
            ? ["on", "off"].map { ChoiceAdvisor.Choice(value: $0, blockedBy: nil) }
            : (form.check?.choices[field.id] ?? ChoiceAdvisor.candidates(for: field.id, draft: form.draft, registry: model.registry)
                .map { ChoiceAdvisor.Choice(value: $0, blockedBy: nil) })
        let fallback = form.defaultValue(of: field.id, model.registry)
        var items: [(label: String, chosen: Bool, allowed: Bool)] = []
        if fallback == nil { items.append(("default", current == nil, true)) }
        for choice in choices {
            items.append((shortChoice(choice.value, field: field.id, registry: model.registry), (current ?? fallback) == choice.value, choice.isAllowed))
        }
        if !items.contains(where: \.chosen), let value = current {
            // A value the list does not offer here (another provider's, a typed one) is still shown.
            items.append((shortChoice(value, field: field.id, registry: model.registry), true, false))
        }
        guard !items.isEmpty else { return 0 }
        let labels = items.map { $0.chosen ? "[\($0.label)]" : $0.label }
        let widths = labels.map { DisplayWidth.of($0) + 1 }
        let suffix = current == nil && fallback != nil && !["provider", "endpoint"].contains(field.id) ? "(default)" : ""
        let room = rect.width - (suffix.isEmpty ? 0 : DisplayWidth.of(suffix) + 1)
        let chosen = items.firstIndex(where: \.chosen) ?? 0
        var first = chosen
        var last = chosen
        func fits(_ first: Int, _ last: Int) -> Bool {
            let markers = (first > 0 ? 4 + String(first).count : 0) + (last < items.count - 1 ? 4 + String(items.count - 1 - last).count : 0)
            return widths[first...last].reduce(0, +) + markers <= room
        }
        var grew = true
        while grew {
            grew = false
            if last + 1 < items.count, fits(first, last + 1) { last += 1; grew = true }
            if first > 0, fits(first - 1, last) { first -= 1; grew = true }
        }
        var x = rect.x
        if first > 0 { x += buffer.write("+\(first)… ", at: Point(x: x, y: rect.y), role: .muted, clip: rect) }
        for index in first...last {
            let item = items[index]
            let role: StyleRole = item.chosen ? (focused ? .selection : .accent) : (item.allowed ? .text : .disabled)
            x += buffer.write(labels[index], at: Point(x: x, y: rect.y), role: role, clip: rect) + 1
        }
        if last < items.count - 1 { x += buffer.write("…+\(items.count - 1 - last)", at: Point(x: x, y: rect.y), role: .muted, clip: rect) + 1 }
        if !suffix.isEmpty { x += buffer.write(suffix, at: Point(x: x, y: rect.y), role: .muted, clip: rect) + 1 }
        return x - rect.x
    }

    /// The issues of a field: the tab's, the typed text's and the core's, the blocking ones first.
    static func issues(for field: String, _ form: GenerateForm) -> [ValidationIssue] {
        let all = form.missingInputs.filter { $0.field == field } + (form.parseProblems[field].map {
            [ValidationIssue(field: field, code: "form.unreadable", message: $0, fix: "correct the text")]
        } ?? []) + (form.check?.issues(for: field) ?? [])
        return all.filter { $0.severity == .error } + all.filter { $0.severity != .error }
    }

    /// The first issue of a field, beside it, in the rest of the row (cut with `…`: the footer and
    /// F5 have it whole).
    private static func drawIssue(for field: String, model: AppModel, at x: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let issues = issues(for: field, model.form)
        guard let issue = issues.first, x < rect.maxX - 4 else { return }
        let mark = issue.severity == .error ? "✗ " : "! "
        let more = issues.count > 1 ? " (+\(issues.count - 1))" : ""
        let text = TableLayout.fit(mark + StudioAdvice.message(issue, registry: model.registry) + more, width: rect.maxX - x)
        buffer.write(text, at: Point(x: x, y: rect.y), role: issue.severity == .error ? .error : .warning, clip: rect)
    }

    private static func drawFooter(_ model: AppModel, form: GenerateForm, registry: CapabilityRegistry, in rect: Rect,
                                   into buffer: inout CellBuffer) {
        let rows = (0..<3).map { Rect(x: rect.x, y: rect.y + $0, width: rect.width, height: 1) }
        // 2: what changed against the parent, or the extension's chain.
        var second: (String, StyleRole)?
        if let chain = form.check?.extensionChain, form.mode == .extendVideo {
            second = (chain.summary, .accent)
        } else if let parent = form.parent, let shot = parent.shot {
            let changes = form.changes(registry)
            second = (changes.isEmpty
                ? "shot \(shot.index) as the storyboard has it — change something, Ctrl-S saves it"
                : "changed vs shot \(shot.index): " + describe(changes),
                .accent)
        } else if let parent = form.parent {
            let changes = form.changes(registry)
            second = (changes.isEmpty
                ? "same parameters as #\(parent.id) — change something, or Ctrl-S runs it again"
                : "changed vs #\(parent.id): " + describe(changes),
                .accent)
        }
        // 1: the focused field's story — its issue with the fix, the forbidden choices with reasons, or
        // its help — wrapped onto the second row when that one is free.
        if let field = form.focusedField(registry) {
            let issues = issues(for: field.id, form)
            let blocked = (form.check?.choices[field.id] ?? []).filter { !$0.isAllowed }
            let story: (String, StyleRole)
            if let issue = issues.first {
                story = ("\(field.label): \(StudioAdvice.message(issue, registry: registry)) → \(StudioAdvice.fix(issue, registry: registry))"
                         + (issues.count > 1 ? " (+\(issues.count - 1) more: F5)" : ""), issue.severity == .error ? .error : .warning)
            } else if !blocked.isEmpty {
                story = ("not here (F5 lists why) — " + blocked.map { "\($0.value): \(shortReason($0.blockedBy ?? ""))" }.joined(separator: "; "),
                         .disabled)
            } else if field.kind == .prompt {
                story = ("Enter: new line · Tab: next field · " + field.help, .muted)
            } else {
                story = (field.help, .muted)
            }
            let lines = WordWrap.lines(Array(story.0), width: rect.width).map(\.text)
            let room = second == nil ? 2 : 1
            for (index, line) in lines.prefix(room).enumerated() {
                let text = index == room - 1 && lines.count > room ? TableLayout.fit(line + " …", width: rect.width) : line
                buffer.write(text, at: rows[index].origin, role: story.1, clip: rows[index])
            }
        }
        if let second {
            buffer.write(TableLayout.fit(second.0, width: rect.width), at: rows[1].origin, role: second.1, clip: rows[1])
        }
        // 3: cost and readiness.
        var x = rows[2].x
        if let cost = form.check?.report.cost {
            let sandbox = registry.isSandbox(form.provider)
            x += buffer.write((sandbox ? "would cost " : "cost ") + shortCost(cost), at: rows[2].origin, role: .cost, clip: rows[2]) + 2
        }
        let blocking = form.blockingIssues
        let state: (String, StyleRole) = form.submitting ? (form.parent?.shot != nil ? "saving…" : "submitting…", .running)
            : blocking.isEmpty ? (form.parent?.shot != nil ? "ready — Ctrl-S saves the shot (the board's run sends it)" : "ready — Ctrl-S submits", .success)
            : ("\(blocking.count) problem\(blocking.count == 1 ? "" : "s") — F5 lists \(blocking.count == 1 ? "it" : "them") in full", .error)
        buffer.write(state.0, at: Point(x: x, y: rows[2].y), role: state.1, clip: rows[2])
    }

    /// Model ids lose their common suffix so several fit on a row.
    /// A choice as the row shows it: a model without `-generate`/`-preview`, a provider by its own
    /// name (the Endpoint row says whether it is the sandbox), an endpoint as `sandbox` or `service`.
    private static func shortChoice(_ value: String, field: String, registry: CapabilityRegistry) -> String {
        switch field {
        case "model": return value.replacingOccurrences(of: "-generate", with: "").replacingOccurrences(of: "-preview", with: "")
        case "provider": return registry.identity(value)?.providerID ?? value
        case "endpoint": return registry.isSandbox(value) ? "sandbox" : "service"
        default: return value
        }
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

    /// The changes against the parent, each field's before → after; two long texts are shown from a
    /// little before where they first differ, so the change itself is in sight.
    static func describe(_ changes: [(field: String, before: JSONValue?, after: JSONValue?)]) -> String {
        changes.map { change in
            guard case .string(let before)? = change.before, case .string(let after)? = change.after,
                  max(before.count, after.count) > 24 else {
                return "\(change.field) \(show(change.before)) → \(show(change.after))"
            }
            let same = zip(before, after).prefix { $0 == $1 }.count
            let from = same > 12 ? same - 8 : 0
            func part(_ text: String) -> String { show(.string((from > 0 ? "…" : "") + String(text.dropFirst(from)))) }
            return "\(change.field) \(part(before)) → \(part(after))"
        }.joined(separator: ", ")
    }
}
