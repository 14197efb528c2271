import Foundation

/// JSON shapes of the Files API (camelCase, as the service answers): uploaded and generated files.
enum FilesWire {
    /// `{base}/{ver}/files/{id}`, the `uri` of a Files API file.
    static func resourceURI(id: String, version: String, base: String) -> String {
        "\(base)/\(version)/files/\(id)"
    }

    /// An uploaded file: always `ACTIVE`, `source: UPLOADED`.
    static func uploaded(_ file: UploadedFile, base: String) -> JSONValue {
        var members: [JSONMember] = [JSONMember(key: "name", value: .string("files/\(file.id)"))]
        if let displayName = file.displayName { members.append(JSONMember(key: "displayName", value: .string(displayName))) }
        members += [
            JSONMember(key: "mimeType", value: .string(file.mimeType)),
            JSONMember(key: "sizeBytes", value: .string(String(file.sizeBytes))),
            JSONMember(key: "createTime", value: .string(InteractionWire.timestamp(file.createdAt))),
            JSONMember(key: "updateTime", value: .string(InteractionWire.timestamp(file.createdAt))),
            JSONMember(key: "expirationTime", value: .string(InteractionWire.timestamp(file.expiresAt))),
            JSONMember(key: "sha256Hash", value: .string(file.sha256)),
            JSONMember(key: "uri", value: .string(resourceURI(id: file.id, version: file.apiVersion, base: base))),
            JSONMember(key: "state", value: "ACTIVE"),
            JSONMember(key: "source", value: "UPLOADED"),
        ]
        return .object(members)
    }

    /// A generated video: `PROCESSING` until it is available, then `ACTIVE` with its size.
    static func generated(_ file: FileRecord, active: Bool, sizeBytes: Int?, base: String) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "name", value: .string("files/\(file.id)")),
            JSONMember(key: "mimeType", value: "video/mp4"),
        ]
        if let sizeBytes { members.append(JSONMember(key: "sizeBytes", value: .string(String(sizeBytes)))) }
        members += [
            JSONMember(key: "createTime", value: .string(InteractionWire.timestamp(file.availableAt))),
            JSONMember(key: "updateTime", value: .string(InteractionWire.timestamp(file.availableAt))),
            JSONMember(key: "expirationTime", value: .string(InteractionWire.timestamp(file.expiresAt))),
            JSONMember(key: "uri", value: .string(resourceURI(id: file.id, version: file.apiVersion, base: base))),
            JSONMember(key: "downloadUri", value: .string("\(resourceURI(id: file.id, version: file.apiVersion, base: base)):download?alt=media")),
            JSONMember(key: "state", value: .string(active ? "ACTIVE" : "PROCESSING")),
            JSONMember(key: "source", value: "GENERATED"),
        ]
        return .object(members)
    }
}
