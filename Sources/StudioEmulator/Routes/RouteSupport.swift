import Foundation
import Hummingbird

/// Small helpers every profile's routes share.
enum RouteSupport {
    /// Largest request body accepted (base64 inputs up to 20 MB grow by a third).
    static let maxBodyBytes = 64 * 1024 * 1024

    /// `veo-3.1-generate-preview:predictLongRunning` → (`veo-3.1-generate-preview`, `predictLongRunning`).
    /// Accepts a percent-encoded colon too.
    static func splitAction(_ segment: String?) -> (String, String)? {
        guard let segment else { return nil }
        let decoded = segment.removingPercentEncoding ?? segment
        guard let colon = decoded.lastIndex(of: ":") else { return nil }
        let name = String(decoded[..<colon])
        let action = String(decoded[decoded.index(after: colon)...])
        guard !name.isEmpty, !action.isEmpty else { return nil }
        return (name, action)
    }

    /// A header's value, if present and not empty.
    static func header(_ name: String, in request: Request) -> String? {
        guard let field = HTTPFieldName(name), let value = request.headers[field], !value.isEmpty else { return nil }
        return value
    }

    /// The API key from `x-goog-api-key`, or from `?key=` as Google's REST examples use it.
    static func apiKey(_ request: Request) -> String? {
        if let value = header("x-goog-api-key", in: request) {
            return value
        }
        if let value = request.uri.queryParameters.get("key"), !value.isEmpty {
            return value
        }
        return nil
    }

    /// The whole request body.
    static func body(of request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodyBytes)
        return Data(buffer.readableBytesView)
    }

    /// The `operationName` of a fetch body (`{"operationName": …}`), or the rules' 400.
    static func operationName(of request: Request, rules: ServerRules) async throws -> String {
        let data = try await body(of: request)
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw GoogleAPIError(rule: rules.rule("body.invalid_json"), ["detail": (error as? JSONParseError)?.reason ?? "\(error)"])
        }
        guard let name = json["operationName"]?.stringValue, !name.isEmpty else {
            throw GoogleAPIError(rule: rules.rule("value.invalid"), ["path": "operationName"])
        }
        return name
    }
}
