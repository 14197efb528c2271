/// How many terminal columns text takes: 2 for East Asian wide and emoji, 0 for combining marks,
/// 1 otherwise (the rules terminals follow, without calling into C).
public enum DisplayWidth {
    /// Columns of one grapheme cluster.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII, most of what a studio shows, needs no Unicode property lookups.
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// Columns of a string.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Columns of a string, counted no further than `limit` (a longer string answers `limit + 1`
    /// or a little more): for sizing a column that can never be wider than the screen.
    public static func of(_ text: String, limit: Int) -> Int {
        var used = 0
        for character in text {
            used += of(character)
            if used > limit { return used }
        }
        return used
    }

    /// The longest prefix of `text` that fits in `columns`.
    public static func prefix(_ text: String, fitting columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let width = of(character)
            if used + width > columns { break }
            used += width
            result.append(character)
        }
        return result
    }

    /// East Asian Wide and Fullwidth blocks (emoji are wide by their presentation property, so a
    /// text-style symbol such as U+1F327 stays one column, as terminals draw it).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
