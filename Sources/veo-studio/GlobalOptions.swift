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

extension GlobalOptions {
    /// Refuses `--project` and `--location` on a command they mean nothing to, saying why.
    func refuseCloudPlace(for command: String, because reason: String) throws {
        for (flag, value) in [("--project", project), ("--location", location)] where value != nil {
            throw ValidationError("\(flag) does not apply to \(command): \(reason). Give it to the command that talks to Vertex AI (generate, validate, request, resume, …).")
        }
    }
}
