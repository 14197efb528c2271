/// Moves global options written before the subcommand (`veo-studio --home DIR generate …`)
/// to after it, where every subcommand parses them.
enum ArgumentReorder {
    static let globalOptionsWithValue: Set<String> = ["--home"]

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
        return [subcommand] + moved + rest.dropFirst()
    }
}
