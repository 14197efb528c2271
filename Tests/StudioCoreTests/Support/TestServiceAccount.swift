import _CryptoExtras
import Foundation
@testable import StudioCore

/// A throwaway service account: a fresh RSA key and the key file Google would hand out for it.
struct TestServiceAccount {
    let privateKey: _RSA.Signing.PrivateKey
    let email = "studio-test@my-project.iam.gserviceaccount.com"

    init() throws {
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// The JSON of a key file whose `token_uri` is `tokenURI`.
    func keyFile(tokenURI: String, project: String? = "my-project") -> Data {
        var fields: [String: JSONValue] = [
            "type": "service_account", "private_key_id": "k1", "private_key": .string(privateKey.pemRepresentation),
            "client_email": .string(email), "token_uri": .string(tokenURI)]
        if let project { fields["project_id"] = .string(project) }
        return JSONValue.object(fields).encoded()
    }

    /// Writes the key file into `folder` and returns its path.
    func write(tokenURI: String, in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("key.json")
        try keyFile(tokenURI: tokenURI).write(to: url)
        return url.path
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
