import Foundation
import Testing
@testable import StudioCore

/// An input read from disk keeps only its head in memory, and is never stored or sent changed.
struct LoadedMediaTests {
    @Test("a file read from disk says what the same bytes in memory say, and keeps only its head")
    func sameFactsAsInMemory() throws {
        let temporary = TemporaryFolder()
        let folder = temporary.url
        var bytes = TestImages.png(width: 64, height: 48)
        bytes.append(Data((0..<(3 * LoadedMedia.chunkBytes / 2)).map { UInt8(truncatingIfNeeded: $0) }))
        let url = folder.appendingPathComponent("big.png")
        try bytes.write(to: url)

        let read = try LoadedMedia(reading: url)
        let inMemory = LoadedMedia(path: url.path, data: bytes)
        #expect(read.sha256 == inMemory.sha256)
        #expect(read.byteCount == bytes.count)
        #expect(read.head.count == LoadedMedia.headBytes)
        #expect(read.image == inMemory.image && read.image?.width == 64)
        #expect(try read.bytes() == bytes)
    }

    @Test("a file named on every line of a batch is read once; changed, it is read again")
    func aFileIsReadOnceUntilItChanges() throws {
        let folder = TemporaryFolder()
        let path = folder.write("ref.png", TestImages.png(width: 32, height: 32, rgb: (10, 20, 30)))
        let loader = InputLoader(baseDirectory: folder.url)
        let first = try loader.read(path).get()
        let again = try loader.read("ref.png").get()
        #expect(first.sha256 == again.sha256)
        #expect(InputLoader.readFiles.withLock { $0[path] } != nil, "kept by its path with its stamp")
        // Same size, other bytes: the modification time (to the nanosecond) and the stamp change.
        try TestImages.png(width: 32, height: 32, rgb: (200, 20, 30)).write(to: URL(fileURLWithPath: path))
        var info = stat()
        stat(path, &info)
        var later = [timespec(tv_sec: info.st_atim.tv_sec, tv_nsec: info.st_atim.tv_nsec),
                     timespec(tv_sec: info.st_mtim.tv_sec + 1, tv_nsec: info.st_mtim.tv_nsec)]
        utimensat(AT_FDCWD, path, &later, 0)
        let changed = try loader.read(path).get()
        #expect(changed.sha256 != first.sha256, "a changed file is read again")
    }

    @Test("a file changed after it was checked is refused, and the asset store keeps nothing of it")
    func changedFileIsNotStored() throws {
        let temporary = TemporaryFolder()
        let folder = temporary.url
        let url = folder.appendingPathComponent("a.png")
        try TestImages.png(width: 8, height: 8).write(to: url)
        let read = try LoadedMedia(reading: url)
        try TestImages.png(width: 9, height: 8).write(to: url)

        let store = AssetStore(root: folder.appendingPathComponent("assets"))
        let ref = read.ref(mimeType: "image/png")
        #expect { try store.store(read, ref: ref, kind: "image", at: Date()) } throws: { error in
            (error as? StudioError)?.code == "file.changed"
        }
        let left = (FileManager.default.enumerator(atPath: store.root.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".png") || $0.hasSuffix(".part") }
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(throws: StudioError.self) { try read.bytes() }
    }
}
