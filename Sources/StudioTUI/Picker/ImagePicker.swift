import Foundation
import StudioCore
import TermUI

/// The reference-image picker: browse folders (or the library of past inputs), preview, and
/// choose one image (first or last frame) or up to three ingredients in order.
public struct ImagePicker: Sendable {
    /// The form field the picker fills.
    public enum Target: String, Sendable, Hashable {
        case image, lastFrame, referenceImages

        public var title: String {
            switch self {
            case .image: return "first frame"
            case .lastFrame: return "last frame"
            case .referenceImages: return "ingredients (up to 3)"
            }
        }
    }

    /// A preview as it stands: being decoded, drawn, or why there is none.
    public enum Preview: Sendable {
        case loading(String)
        case image(String, HalfBlockImage)
        case unavailable(String, String)
    }

    public var target: Target
    public var directory: String
    public var showingLibrary = false
    public var entries: [PickerEntry] = []
    public var list = ListState()
    /// The chosen images, in order (one for a frame target).
    public var selection: [ReferenceImageInput]
    public var preview: Preview?
    /// The first frame's size, for warning about a last frame that does not match.
    public var frameToMatch: ImageInfo?
    public var notice: String?
    /// A `gs://` URI being typed (`g`), for Vertex AI; nil when not typing one.
    public var uriDraft: String?
    public static let maxAssets = 3

    public init(target: Target, directory: String, selection: [ReferenceImageInput], frameToMatch: ImageInfo? = nil) {
        self.target = target
        self.directory = directory
        self.selection = selection
        self.frameToMatch = frameToMatch
    }

    public var highlighted: PickerEntry? { entries.indices.contains(list.selected) ? entries[list.selected] : nil }

    public var allowsMany: Bool { target == .referenceImages }

    /// Where an entry stands in the selection: a library image is chosen under its stored copy's
    /// path or under the file it was first picked from.
    func selectionIndex(of entry: PickerEntry) -> Int? {
        selection.firstIndex { $0.path == entry.path || (entry.origin != nil && $0.path == entry.origin) }
    }

    /// Selects or unselects the highlighted image; returns a notice when it cannot.
    public mutating func toggle(_ entry: PickerEntry) {
        notice = nil
        if let index = selectionIndex(of: entry) {
            selection.remove(at: index)
            return
        }
        guard entry.image != nil else {
            notice = "\(entry.name) is not an image the service takes"
            return
        }
        if !allowsMany {
            selection = [ReferenceImageInput(path: entry.path)]
        } else if selection.count >= Self.maxAssets {
            notice = "at most \(Self.maxAssets) images: unselect one first (Space)"
        } else {
            selection.append(ReferenceImageInput(path: entry.path))
        }
    }

    /// Adds the typed Cloud Storage URI to the selection (it replaces a frame's), or says in the
    /// notice why it cannot (not `gs://bucket/object`, or three images chosen already).
    public mutating func addTypedURI() {
        let uri = (uriDraft ?? "").trimmingCharacters(in: .whitespaces)
        guard GCSObject(uri: uri) != nil else {
            notice = "write it as gs://bucket/path/image.png (Vertex AI reads it from Cloud Storage)"
            return
        }
        uriDraft = nil
        if !allowsMany {
            selection = [ReferenceImageInput(path: uri)]
        } else if selection.count >= Self.maxAssets {
            notice = "at most \(Self.maxAssets) images: unselect one first (Space)"
            return
        } else if !selection.contains(where: { $0.path == uri }) {
            selection.append(ReferenceImageInput(path: uri))
        }
        notice = "\(uri): sent by URI, Vertex AI only"
    }

    /// Marks the highlighted selected image as the style image (or back to an asset).
    public mutating func toggleStyle(_ entry: PickerEntry) {
        guard allowsMany, let index = selectionIndex(of: entry) else {
            notice = allowsMany ? "select the image first (Space), then mark it as style" : "a frame has no style"
            return
        }
        selection[index].kind = selection[index].kind == .style ? .asset : .style
        notice = selection[index].kind == .style ? "style image: the model takes its look, not its subject" : nil
    }

    /// Moves the highlighted selected image earlier (-1) or later (+1) in the order.
    public mutating func reorder(_ entry: PickerEntry, by delta: Int) {
        guard let index = selectionIndex(of: entry) else { return }
        let target = index + delta
        guard selection.indices.contains(target) else { return }
        selection.swapAt(index, target)
    }

    /// Warnings for an image: what the services refuse or choke on, and how to fix it.
    public func warnings(for entry: PickerEntry) -> [String] {
        guard let image = entry.image else { return entry.isDirectory ? [] : ["not a JPEG, PNG or WebP: c converts it"] }
        var warnings: [String] = []
        if entry.bytes > 20 * 1_048_576 {
            warnings.append("over 20 MB: every provider refuses it — c converts it")
        } else if entry.bytes > 1_048_576 {
            warnings.append("over 1 MB: gateways often fail on large payloads — c shrinks it")
        }
        if target == .lastFrame, let first = frameToMatch, (first.width, first.height) != (image.width, image.height) {
            warnings.append("the first frame is \(first.width)×\(first.height): c resizes this one to match")
        }
        return warnings
    }

    /// The position of an image in the selection (1-based) for the list's marks.
    public func mark(for entry: PickerEntry) -> String {
        guard let index = selectionIndex(of: entry) else { return entry.isDirectory ? "▸" : " " }
        if !allowsMany { return "●" }
        return selection[index].kind == .style ? "S" : "\(index + 1)"
    }
}
