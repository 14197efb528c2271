/// How the studio says a job or a batch ended while nobody looked (`[notify]` in config.toml):
/// the terminal's own notification where it has one, else the bell, and a command for anything else.
public struct NotifySettings: Sendable, Hashable {
    /// `terminal`: the terminal's desktop notification (OSC 9 / OSC 777) where it supports one.
    public var terminal = true
    /// `bell`: the bell when the terminal has no notification (or `terminal` is off).
    public var bell = true
    /// `command`: run through `/bin/sh -c` with `VEO_STUDIO_JOB_ID`, `VEO_STUDIO_JOB_STATUS` and
    /// `VEO_STUDIO_JOB_OUTPUT` (a batch: `VEO_STUDIO_BATCH_ID`) in its environment.
    public var command: String?

    public init(terminal: Bool = true, bell: Bool = true, command: String? = nil) {
        self.terminal = terminal
        self.bell = bell
        self.command = command
    }
}
