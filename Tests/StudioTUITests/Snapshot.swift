import Foundation
import Testing
import TermUI

/// Screen snapshots as text: the frame's characters, then a grid of style roles. Stored under
/// `__Snapshots__`; `VEO_STUDIO_RECORD=1` re-records them (review the text diff before committing).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static func text(_ buffer: CellBuffer) -> String {
        (["size \(buffer.size)", "--- text"] + buffer.textPicture + ["--- roles"] + buffer.rolePicture).joined(separator: "\n") + "\n"
    }

    static func check(_ buffer: CellBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent("\(name).txt")
        let actual = text(buffer)
        let recording = ProcessInfo.processInfo.environment["VEO_STUDIO_RECORD"] != nil
        guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            if !recording { Issue.record("no snapshot for \(name): recorded it, check it and run again", sourceLocation: sourceLocation) }
            return
        }
        #expect(actual == expected, "snapshot \(name) differs; re-record with VEO_STUDIO_RECORD=1 if the change is intended",
                sourceLocation: sourceLocation)
    }
}
