import Foundation

/// Checks TOML table headers before the TOML parser underneath sees them: that parser stops the
/// process (an assertion) on some malformed headers instead of reporting an error — a bare key with
/// a character outside A–Z, a–z, 0–9, `_` and `-`, an empty key, a stray `#` or `.`. A header is
/// `[` or `[[`, dotted keys (bare, or quoted with `"` or `'`), then `]` or `]]`.
enum TOMLHeaderCheck {
    /// The line and column (1-based) where the first malformed header goes wrong, if any.
    static func firstBadHeaderCharacter(in text: String) -> (line: Int, column: Int)? {
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Unicode scalars, not characters: a combining mark after "[" must not hide the bracket.
            let characters = Array(line.unicodeScalars)
            guard let open = characters.firstIndex(where: { !["\u{FEFF}", " ", "\t", "\r"].contains($0) }), characters[open] == "[" else { continue }
            if let column = badColumn(in: characters, from: open) { return (lineIndex + 1, column + 1) }
        }
        return nil
    }

    private static func isBare(_ character: Unicode.Scalar) -> Bool {
        character.isASCII && (CharacterSet.alphanumerics.contains(character) || character == "_" || character == "-")
    }

    /// The index where the header starting at `start` stops making sense, or nil when it is well formed.
    private static func badColumn(in characters: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        let array = index < characters.count && characters[index] == "["
        if array { index += 1 }
        func skipSpace() { while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 } }
        while true {
            skipSpace()
            guard index < characters.count else { return index }
            let first = characters[index]
            if first == "\"" || first == "'" {
                index += 1
                while index < characters.count, characters[index] != first {
                    if first == "\"", characters[index] == "\\" { index += 1 }
                    index += 1
                }
                guard index < characters.count else { return index }
                index += 1
            } else if isBare(first) {
                while index < characters.count, isBare(characters[index]) { index += 1 }
            } else {
                return index
            }
            skipSpace()
            guard index < characters.count else { return index }
            if characters[index] == "." {
                index += 1
                continue
            }
            guard characters[index] == "]" else { return index }
            if array {
                guard index + 1 < characters.count, characters[index + 1] == "]" else { return index + 1 }
            }
            return nil
        }
    }
}
