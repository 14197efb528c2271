/// The known key nearest to a mistyped one (`duraton` → `duration`), for the message about an
/// unknown key: within two edits, else nil.
enum KeySuggestion {
    static func nearest(to key: String, in known: [String]) -> String? {
        let typed = Array(key.lowercased())
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(typed, Array(candidate))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// Insertions, deletions and substitutions between two words (Levenshtein).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The fix for an unknown key: the nearest key when there is one, then every key.
    static func fix(for key: String, known: [String]) -> String {
        let all = "use one of: \(known.joined(separator: ", "))"
        return nearest(to: key, in: known).map { "did you mean \($0)? (\(all))" } ?? all
    }
}
