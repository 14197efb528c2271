import Foundation

extension CharacterSet {
    /// RFC 3986 unreserved characters: what stays as is in a percent-encoded path segment or form value.
    static let urlUnreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
