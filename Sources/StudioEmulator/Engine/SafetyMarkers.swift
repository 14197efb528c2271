import Foundation

/// Marker words in a prompt that steer the emulator's outcome:
/// `[[submit_error]]`, `[[op_error]]`, `[[rai]]`, `[[rai:CATEGORY]]`, `[[rai-partial]]`, `[[rai-partial:CATEGORY]]`,
/// and (Interactions profile) `[[region]]`.
/// Other `[[…]]` text is left alone.
struct SafetyMarkers: Sendable, Equatable {
    /// Submit answers 400 "Request contains an invalid argument."
    var submitError = false
    /// The operation ends with error code 13.
    var operationError = false
    /// Safety filtering: the category name as written (nil = none).
    var raiCategory: String?
    /// Filter only one sample instead of all.
    var raiPartial = false
    /// Interactions: the caller is in a region where video inputs are not available.
    var restrictedRegion = false

    init(prompt: String?) {
        guard var rest = prompt?[...] else { return }
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            let word = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[close.upperBound...]
            let parts = word.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard let head = parts.first else { continue }
            switch head {
            case "submit_error", "submit-error": submitError = true
            case "op_error", "op-error": operationError = true
            case "region": restrictedRegion = true
            case "rai", "rai-partial", "rai_partial":
                if raiCategory == nil || parts.count > 1 {
                    raiCategory = parts.count > 1 ? parts[1] : ""
                }
                if head != "rai" { raiPartial = true }
            default: continue
            }
        }
    }
}
