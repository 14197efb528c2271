import Foundation

/// Writes the JSON sidecar beside each video: what was asked (without secrets), of whom,
/// what it should cost, and where it comes from. Written atomically.
public enum SidecarWriter {
    public static func sidecarURL(for video: URL) -> URL {
        video.deletingPathExtension().appendingPathExtension("json")
    }

    public static func write(record: GenerationRecord, output: OutputRecord, file: DownloadedFile) throws {
        var object: [String: JSONValue] = [
            "studio_version": .string(StudioVersion.current),
            "generation": .number(Double(record.id ?? 0)),
            "provider": .string(record.provider),
            "model": .string(record.model),
            "mode": .string(record.mode.rawValue),
            "prompt": .string(record.prompt),
            "sample": .number(Double(output.sampleIndex)),
            "bytes": .number(Double(file.bytes)),
            "sha256": .string(file.sha256),
            "synthetic": .bool(record.synthetic),
            "created_at": .string(StoredDate.iso8601(output.createdAt)),
        ]
        if let operation = record.operationName { object["operation"] = .string(operation) }
        if let cost = record.costEstimateUSD { object["cost_estimate_usd"] = .number((cost * 100).rounded() / 100) }
        if let uri = output.remoteURI { object["remote_uri"] = .string(uri) }
        if let request = record.requestJSON, let json = try? JSONValue.decode(Data(request.utf8)) {
            object["request"] = json
        }
        if let spec = try? record.spec() {
            object["seed"] = spec.draft.seed.map { .number(Double($0)) } ?? .null
            if let effective = try? JSONValue.decode(JSONEncoder().encode(spec.effective)) {
                object["effective"] = effective
            }
        }
        if let parent = record.parentID {
            object["parent"] = .object(["id": .number(Double(parent)), "kind": .string(record.parentKind ?? "rerun")])
        }
        let url = sidecarURL(for: URL(fileURLWithPath: file.path))
        let writer = try AtomicFileWriter(destination: url)
        do {
            try writer.write(JSONValue.object(object).encoded(pretty: true))
            _ = try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }
}
