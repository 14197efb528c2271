import Foundation

/// A Google service-account key file (`"type": "service_account"`), as `gcloud iam service-accounts keys create` writes it.
public struct ServiceAccountKey: Decodable, Sendable {
    public var type: String
    public var projectID: String?
    public var privateKeyID: String?
    public var privateKey: String
    public var clientEmail: String
    public var tokenURI: String
    public var quotaProjectID: String?

    enum CodingKeys: String, CodingKey {
        case type
        case projectID = "project_id"
        case privateKeyID = "private_key_id"
        case privateKey = "private_key"
        case clientEmail = "client_email"
        case tokenURI = "token_uri"
        case quotaProjectID = "quota_project_id"
    }

    /// Google's token endpoint, used when a key file names none.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        projectID = try container.decodeIfPresent(String.self, forKey: .projectID)
        privateKeyID = try container.decodeIfPresent(String.self, forKey: .privateKeyID)
        privateKey = try container.decode(String.self, forKey: .privateKey)
        clientEmail = try container.decode(String.self, forKey: .clientEmail)
        tokenURI = try container.decodeIfPresent(String.self, forKey: .tokenURI) ?? Self.defaultTokenURI
        quotaProjectID = try container.decodeIfPresent(String.self, forKey: .quotaProjectID)
    }

    /// Reads a key file; every problem names the file and the fix, never the key's content.
    public static func load(path: String) throws -> ServiceAccountKey {
        let fix = "point GOOGLE_APPLICATION_CREDENTIALS at a service-account key (gcloud iam service-accounts keys create key.json --iam-account=NAME@PROJECT.iam.gserviceaccount.com)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudioError(field: "credentials", code: "credentials.unreadable",
                              message: "the service-account key file \(path) (GOOGLE_APPLICATION_CREDENTIALS) does not exist or cannot be read",
                              fix: fix)
        }
        let key: ServiceAccountKey
        do {
            key = try JSONDecoder().decode(ServiceAccountKey.self, from: data)
        } catch {
            throw StudioError(field: "credentials", code: "credentials.invalid",
                              message: "\(path) (GOOGLE_APPLICATION_CREDENTIALS) is not a service-account key: it needs client_email and private_key",
                              fix: fix)
        }
        guard key.type == "service_account" else {
            throw StudioError(field: "credentials", code: "credentials.invalid",
                              message: "\(path) is a \"\(key.type)\" credential; only service-account keys are read from GOOGLE_APPLICATION_CREDENTIALS",
                              fix: "unset GOOGLE_APPLICATION_CREDENTIALS to use gcloud auth, or " + fix)
        }
        return key
    }
}
