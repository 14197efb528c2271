import Foundation

/// JSON shapes of the Cloud Storage JSON API subset.
enum GCSWire {
    /// Object metadata: `{"kind":"storage#object","bucket","name","size" (a string),"contentType",…}`.
    static func metadata(_ object: StoredObject) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let created = formatter.string(from: object.createdAt)
        return .object([
            "kind": "storage#object",
            "id": .string("\(object.bucket)/\(object.name)/\(object.generation)"),
            "name": .string(object.name),
            "bucket": .string(object.bucket),
            "generation": .string(String(object.generation)),
            "metageneration": "1",
            "contentType": .string(object.contentType),
            "storageClass": "STANDARD",
            "size": .string(String(object.size ?? 0)),
            "timeCreated": .string(created),
            "updated": .string(created),
        ])
    }

    /// A storage error in Cloud Storage's shape, `{"error":{"code","message","errors":[…]}}`
    /// (plus Google's `status`); other errors (auth, faults) keep Google's API format.
    static func reply(for error: GoogleAPIError) -> Reply {
        guard error.ruleID.hasPrefix("gcs.") else { return .error(error) }
        let reason: String
        switch error.httpStatus {
        case 404: reason = "notFound"
        case 400: reason = "invalid"
        default: reason = "backendError"
        }
        let body: JSONValue = .object([
            "error": .object([
                "code": .int(error.httpStatus),
                "message": .string(error.message),
                "status": .string(error.status),
                "errors": [.object(["message": .string(error.message), "domain": "global", "reason": .string(reason)])],
            ]),
        ])
        return .json(status: error.httpStatus, body: body, headers: error.headers)
    }
}
