/// What ended, for a notification: a job (its id, status and video) or a batch.
public struct JobNotice: Sendable, Hashable {
    public var jobID: Int64?
    public var batchID: String?
    public var status: String
    public var outputPath: String?
    /// One line for a person: `#18 done: a heron in a marsh`.
    public var text: String

    public init(jobID: Int64? = nil, batchID: String? = nil, status: String, outputPath: String? = nil, text: String) {
        self.jobID = jobID
        self.batchID = batchID
        self.status = status
        self.outputPath = outputPath
        self.text = text
    }

    /// A finished generation's notice.
    public init(record: GenerationRecord, outputPath: String?) {
        let head = record.prompt.replacingOccurrences(of: "\n", with: " ")
        self.init(jobID: record.id, status: record.status.rawValue, outputPath: outputPath,
                  text: "#\(record.id ?? 0) \(record.status.rawValue): \(head.count > 60 ? String(head.prefix(59)) + "…" : head)")
    }

    /// The environment `notify_command` runs with: a few variables a desktop notifier needs, and the
    /// notice; never the caller's keys.
    public func environment(from base: [String: String]) -> [String: String] {
        var environment = base.filter { ["PATH", "HOME", "LANG", "LC_ALL", "USER", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
                                         "DBUS_SESSION_BUS_ADDRESS", "TERM", "TMPDIR"].contains($0.key) }
        environment["VEO_STUDIO_JOB_STATUS"] = status
        environment["VEO_STUDIO_NOTICE"] = text
        if let jobID { environment["VEO_STUDIO_JOB_ID"] = String(jobID) }
        if let batchID { environment["VEO_STUDIO_BATCH_ID"] = batchID }
        if let outputPath { environment["VEO_STUDIO_JOB_OUTPUT"] = outputPath }
        return environment
    }
}
