/// Moves global options written before the subcommand (`veo-studio --home DIR generate …`)
/// to after it — after a nested one too (`story show`) —, where every subcommand parses them.
enum ArgumentReorder {
    static let globalOptionsWithValue: Set<String> = ["--home"]
    /// Commands with subcommands of their own, and those subcommands.
    static let nestedSubcommands: [String: Set<String>] = [
        "story": ["run", "show", "retake", "list"],
        "queue": ["list", "pause", "resume", "remove", "top"],
        "presets": ["list", "save"],
    ]

    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var moved: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if rest.isEmpty, globalOptionsWithValue.contains(argument), index + 1 < arguments.count {
                moved += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if rest.isEmpty, let name = argument.split(separator: "=").first.map(String.init),
               globalOptionsWithValue.contains(name), argument.contains("=") {
                moved.append(argument)
                index += 1
                continue
            }
            rest.append(argument)
            index += 1
        }
        guard let subcommand = rest.first, !subcommand.hasPrefix("-") else { return moved + rest }
        if rest.count > 1, nestedSubcommands[subcommand]?.contains(rest[1]) == true {
            return Array(rest.prefix(2)) + moved + rest.dropFirst(2)
        }
        return [subcommand] + moved + rest.dropFirst()
    }
}
