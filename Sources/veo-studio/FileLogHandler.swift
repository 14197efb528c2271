import Foundation
import Logging
import StudioCore

/// A swift-log handler that appends lines to `logs/veo-studio.log` (stdout and stderr stay for people).
struct FileLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String
    let sink: LogFileSink

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = StoredDate.iso8601(Date())
        sink.append("\(stamp) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n")
    }

    /// A logger writing to `directory/veo-studio.log`; falls back to discarding when the file cannot be opened.
    static func logger(label: String, directory: URL) -> Logger {
        let sink = LogFileSink(url: directory.appendingPathComponent("veo-studio.log"))
        return Logger(label: label) { label in FileLogHandler(label: label, sink: sink) }
    }
}

/// The shared, locked file handle behind `FileLogHandler`. The file is opened for appending, so
/// every line lands at its end even when the studio and a CLI write to one log at the same time.
final class LogFileSink: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    init(url: URL) {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        handle = descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : nil
    }

    func append(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.write(contentsOf: Data(text.utf8))
    }
}
