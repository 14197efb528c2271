import TermUI

/// Keys of the help overlay: it scrolls (j/k, arrows, PgUp/PgDn, g/G) and closes (Esc, F1, ?, q).
enum HelpUpdate {
    static func handle(_ key: Key, _ model: inout AppModel) -> [StudioEffect] {
        let page = max(1, model.size.height - 6)
        let last = max(0, HelpView.lines(model, width: HelpView.textWidth(model.size)).count - page)
        switch key {
        case .escape, .function(1), .character("?"), .character("q"):
            model.showingHelp = false
            return []
        case .control("q"):
            model.showingHelp = false
            return StudioUpdate.askToQuit(&model)
        case .down, .character("j"): model.helpOffset += 1
        case .up, .character("k"): model.helpOffset -= 1
        case .pageDown, .character(" "), .control("d"): model.helpOffset += page
        case .pageUp, .control("u"): model.helpOffset -= page
        case .character("g"), .home: model.helpOffset = 0
        case .character("G"), .end: model.helpOffset = last
        case .function(2), .function(3), .function(4):
            model.showingHelp = false
            return StudioUpdate.handle(key, &model)
        default:
            model.toast = "help: j/k or the arrows scroll, Esc closes"
            return []
        }
        model.helpOffset = min(max(0, model.helpOffset), last)
        return []
    }
}
