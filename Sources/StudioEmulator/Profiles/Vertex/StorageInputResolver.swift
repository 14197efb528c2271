import Foundation

/// Replaces the `gcsUri` inputs of a Vertex request with what they name: image bytes, or for
/// `video`, one of the emulator's own outputs or an uploaded MP4. A URI that names no object
/// (or is not a `gs://` URI) answers 400 naming it.
struct StorageInputResolver {
    let rules: ServerRules
    let profile: ProfileRules
    let now: Date
    /// The stored object a URI names, if it exists now.
    let object: (String) -> StoredObject?
    /// An upload's bytes.
    let read: (StoredObject) -> Data?

    private func notFound(_ uri: String, path: String) -> GoogleAPIError {
        GoogleAPIError(rule: rules.rule("vertex.gcs.input_not_found", in: profile), ["uri": uri, "path": path])
    }

    /// The request with every `gcsUri` input resolved.
    func resolve(_ request: GenerationRequest) throws(GoogleAPIError) -> GenerationRequest {
        var request = request
        request.image = try request.image.map(resolve)
        request.lastFrame = try request.lastFrame.map(resolve)
        for index in request.references.indices {
            request.references[index].image = try resolve(request.references[index].image)
        }
        if var mask = request.mask {
            mask.image = try resolve(mask.image)
            request.mask = mask
        }
        if case .storage(let uri)? = request.video {
            let path = "instances[0].video.\(profile.videoFields.reference)"
            guard let stored = object(uri) else { throw notFound(uri, path: path) }
            if let fileID = stored.fileID {
                request.video = .storedOutput(uri: uri, fileID: fileID)
            } else {
                guard let data = read(stored) else { throw notFound(uri, path: path) }
                request.video = .storedObject(uri: uri, data: data)
            }
        }
        return request
    }

    /// An image sent by `gcsUri` only gets the object's bytes (bytes sent alongside win).
    private func resolve(_ image: InputImage) throws(GoogleAPIError) -> InputImage {
        guard image.data.isEmpty, let uri = image.gcsUri else { return image }
        let path = "\(image.path).gcsUri"
        guard let stored = object(uri), stored.fileID == nil, let data = read(stored), !data.isEmpty else {
            throw notFound(uri, path: path)
        }
        var resolved = image
        resolved.data = data
        if resolved.mimeType == nil { resolved.mimeType = stored.contentType }
        return resolved
    }
}
