import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Keep config, journal and media in one folder (also VEO_STUDIO_HOME).", valueName: "DIR"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Vertex AI: the Google Cloud project (else GOOGLE_CLOUD_PROJECT, the config, the key file).", valueName: "PROJECT"))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("Vertex AI: the location, e.g. us-central1, europe-west4, global (else GOOGLE_CLOUD_LOCATION; default us-central1).", valueName: "LOCATION"))
    var location: String?
}
