import Foundation

extension EmulatorEngine {
    /// Stores an upload (`POST /upload/storage/v1/b/{bucket}/o?uploadType=media&name=…`),
    /// replacing any object of that name.
    func upload(bucket: String, name: String, data: Data, contentType: String) throws(GoogleAPIError) -> StoredObject {
        guard GCSLocation.isValidBucket(bucket) else {
            throw GoogleAPIError(rule: rules.rule("gcs.invalid_bucket"), ["bucket": bucket])
        }
        guard !name.isEmpty else { throw GoogleAPIError(rule: rules.rule("gcs.missing_name")) }
        let now = clock.now()
        let relative = "objects/\(UUID().uuidString.lowercased()).bin"
        do {
            try FileManager.default.createDirectory(
                at: workDirectory.appendingPathComponent("objects"), withIntermediateDirectories: true)
            try AtomicFile.write(data, to: workDirectory.appendingPathComponent(relative))
        } catch {
            throw GoogleAPIError.internalError("the object could not be stored: \(error)")
        }
        var generation = Self.generation(at: now)
        if let old = objects.objects[StoredObject.key(bucket: bucket, name: name)], old.generation >= generation {
            generation = old.generation + 1
        }
        let object = StoredObject(
            bucket: bucket, name: name, contentType: contentType, size: data.count, generation: generation,
            createdAt: now, availableAt: now, fileID: nil, dataPath: relative)
        if let replaced = objects.put(object), let path = replaced.dataPath {
            try? FileManager.default.removeItem(at: workDirectory.appendingPathComponent(path))
        }
        persist()
        return object
    }

    /// An object and the file holding its bytes; a Vertex output is rendered first.
    func objectContent(bucket: String, name: String) async throws(GoogleAPIError) -> (StoredObject, URL) {
        let notFound = GoogleAPIError(rule: rules.rule("gcs.not_found"), ["bucket": bucket, "name": name])
        guard var object = objects.object(bucket: bucket, name: name, at: clock.now()) else { throw notFound }
        let url: URL
        if let fileID = object.fileID {
            guard let file = generations.files[fileID] else { throw notFound }
            url = await servedVideo(file)
        } else if let path = object.dataPath {
            url = workDirectory.appendingPathComponent(path)
        } else {
            throw notFound
        }
        if object.size == nil, let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int {
            object.size = size
            objects.setSize(size, of: object.key)
        }
        return (object, url)
    }

    /// Every stored object, in key order.
    func storedObjects() -> [StoredObject] { objects.all }
}
