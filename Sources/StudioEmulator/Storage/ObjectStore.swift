import Foundation

/// The emulator's Cloud Storage objects, keyed by `BUCKET/NAME`. Not thread-safe on its own:
/// it lives inside the `EmulatorEngine` actor, which also writes the upload bytes.
struct ObjectStore: Sendable {
    private(set) var objects: [String: StoredObject] = [:]

    /// Restores persisted objects.
    init(_ objects: [StoredObject] = []) {
        for object in objects { self.objects[object.key] = object }
    }

    /// The object named, if it exists at `now` (outputs exist once their operation finished).
    func object(bucket: String, name: String, at now: Date) -> StoredObject? {
        guard let object = objects[StoredObject.key(bucket: bucket, name: name)], object.availableAt <= now else { return nil }
        return object
    }

    /// The object a `gs://` URI names, if it exists at `now`.
    func object(uri: String, at now: Date) -> StoredObject? {
        guard let location = GCSLocation(uri: uri), !location.name.isEmpty else { return nil }
        return object(bucket: location.bucket, name: location.name, at: now)
    }

    /// Adds or replaces an object; returns the one it replaced.
    @discardableResult
    mutating func put(_ object: StoredObject) -> StoredObject? {
        objects.updateValue(object, forKey: object.key)
    }

    /// Records the size of an object once known.
    mutating func setSize(_ size: Int, of key: String) {
        objects[key]?.size = size
    }

    /// Every object, in key order.
    var all: [StoredObject] { objects.values.sorted { $0.key < $1.key } }

    /// Forgets every object.
    mutating func removeAll() {
        objects = [:]
    }
}
