import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Keep config, journal and media in one folder (also VEO_STUDIO_HOME).", valueName: "DIR"))
    var home: String?
}
