import Foundation

/// Names accepted for uploads: letters, digits, `.`, `_`, `-`; not starting with a dot.
enum UploadName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 200 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}
