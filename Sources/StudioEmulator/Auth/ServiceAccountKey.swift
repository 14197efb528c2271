import Foundation
import _CryptoExtras

/// Reads the keys `--service-account-key` names: a PEM public key, a PEM private key, or a
/// Google service-account JSON key file (its `private_key`); gives the PEM public key the token
/// endpoint verifies signatures with.
public enum ServiceAccountKey {
    /// The PEM public key in `contents` (a file's text); throws a setup error naming `source` otherwise.
    public static func publicKeyPEM(fromFileContents contents: String, source: String) throws -> String {
        let trimmed = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        var pem = trimmed
        if trimmed.hasPrefix("{") {
            guard let json = try? JSONValue(parsing: Data(trimmed.utf8)), let privateKey = json["private_key"]?.stringValue else {
                throw EmulatorSetupError("\(source) is JSON but has no \"private_key\"; give a service-account key file or a PEM public key")
            }
            pem = privateKey
        }
        if pem.contains("PRIVATE KEY-----") {
            guard let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else {
                throw EmulatorSetupError("\(source): the private key is not an RSA key of at least 2048 bits in PEM form")
            }
            return key.publicKey.pemRepresentation
        }
        guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) else {
            throw EmulatorSetupError(
                "\(source) holds no usable key: give a PEM public key (BEGIN PUBLIC KEY) or a service-account JSON key file (RSA, at least 2048 bits)")
        }
        return key.pemRepresentation
    }

    /// Parses PEM public keys for verification; throws a setup error naming the bad one.
    static func publicKeys(_ pems: [String]) throws -> [_RSA.Signing.PublicKey] {
        try pems.enumerated().map { index, pem in
            do {
                return try _RSA.Signing.PublicKey(pemRepresentation: pem)
            } catch {
                throw EmulatorSetupError("service-account key \(index + 1) is not a PEM RSA public key of at least 2048 bits: \(error)")
            }
        }
    }
}
