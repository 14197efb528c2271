import Foundation

/// The long-running operation envelope both profiles answer with (wire protocol §5).
enum OperationWire {
    /// `{"name"}` while running; `{"name","done":true,"error":{"code","message"}}` when it failed;
    /// `{"name","done":true,"response"}` when it made videos, `response` in the profile's own shape.
    static func envelope(
        _ snapshot: OperationSnapshot,
        response: (_ fileIDs: [String], _ filteredCount: Int, _ filteredReasons: [String]) -> JSONValue
    ) -> JSONValue {
        let record = snapshot.record
        var members = [JSONMember(key: "name", value: .string(record.name))]
        guard snapshot.done else { return .object(members) }
        members.append(JSONMember(key: "done", value: true))
        switch record.outcome {
        case .failed(let failure):
            members.append(JSONMember(key: "error", value: .object([
                "code": .int(failure.code),
                "message": .string(failure.message),
            ])))
        case .videos(let fileIDs, let filteredCount, let reasons):
            members.append(JSONMember(key: "response", value: response(fileIDs, filteredCount, reasons)))
        }
        return .object(members)
    }
}
