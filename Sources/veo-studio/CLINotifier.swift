import Foundation
import StudioCore

/// The end of a long `--wait` told as the studio tells it: the terminal's own notification (or its
/// bell) when standard error is a terminal, and `notify_command` whatever the output is.
enum CLINotifier {
    static func tell(_ notice: JobNotice, settings: NotifySettings, environment: [String: String]) {
        if isatty(STDERR_FILENO) == 1 {
            if settings.terminal, let sequence = TerminalNotification.sequence(title: "Veo Studio", body: notice.text, environment: environment) {
                FileHandle.standardError.write(Data(sequence.utf8))
            } else if settings.bell {
                FileHandle.standardError.write(Data("\u{07}".utf8))
            }
        }
        if let command = settings.command, let problem = NotifyCommand.run(command, notice: notice, environment: environment) {
            Output.stderr("warning: \(problem)")
        }
    }
}
