import Foundation
import StudioCore

/// What the picker lists: a folder's subfolders and images (judged by their bytes), or the
/// journal's library of past inputs.
enum PickerFiles {
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff", "heic", "heif", "avif"]
    /// Folders with more images than this list only the first ones (sorted by name).
    static let limit = 2_000

    static func list(_ directory: String) -> (String, [PickerEntry]) {
        let url = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath).standardizedFileURL
        var entries: [PickerEntry] = []
        if url.path != "/" {
            entries.append(PickerEntry(name: "..", path: url.deletingLastPathComponent().path, isDirectory: true))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted {
            $0.localizedStandardCompare($1) == .orderedAscending
        }
        var folders: [PickerEntry] = []
        var images: [PickerEntry] = []
        for name in names {
            let path = url.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                folders.append(PickerEntry(name: name, path: path, isDirectory: true))
            } else if imageExtensions.contains((name as NSString).pathExtension.lowercased()), images.count < limit {
                images.append(inspect(path, name: name))
            }
        }
        return (url.path, entries + folders + images)
    }

    /// Reads the head of a file: its real type and dimensions.
    static func inspect(_ path: String, name: String, origin: String? = nil) -> PickerEntry {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var head: [UInt8] = []
        if let handle = FileHandle(forReadingAtPath: path) {
            head = [UInt8]((try? handle.read(upToCount: 256 * 1024)) ?? Data())
            try? handle.close()
        }
        return PickerEntry(name: name, path: path, isDirectory: false, bytes: bytes, image: ImageInspector.inspect(head), origin: origin)
    }

    static func library(_ journal: Journal) -> [PickerEntry] {
        ((try? journal.recentImageAssets()) ?? []).map { asset in
            inspect(asset.storedPath, name: (asset.originalPath as NSString).lastPathComponent, origin: asset.originalPath)
        }
    }
}
