import Foundation
import StudioCore
import TermUI

/// Everything that can happen to the studio: keys, time, and the answers of the core.
public enum StudioMessage: Sendable {
    case key(Key)
    /// Text that arrived in one burst (a paste): one edit, one undo step.
    case paste(String)
    case resized(Size)
    case tick(Date)
    case operationsChanged([GenerationRecord])
    case historyLoaded([GenerationRecord])
    case filterChoicesLoaded(models: [String], providers: [String])
    case detailLoaded(GenerationDetail?)
    case panelOpened(TextPanel)
    case panelClosed
    /// Thumbnails of a generation's input images for its open detail pane.
    case thumbnailsLoaded(Int64, [HalfBlockImage])
    case formChecked(FormCheck)
    /// A submit ended: the new generation's id, or nil when it was refused, and what to say.
    case submitFinished(Int64?, String)
    /// A stored generation opened in the form (re-run, retry, extend).
    case formPrefilled(GenerationDraft, FormParent)
    case directoryListed(String, [PickerEntry])
    case libraryLoaded([PickerEntry])
    case previewLoaded(path: String, image: HalfBlockImage?, problem: String?)
    /// ffmpeg wrote a converted copy (path), or could not (nil), with what to say.
    case imageConverted(String?, String)
    /// A refinement chain read for the conversation pane (nil: the generation is not in the journal).
    case conversationLoaded(ConversationChain?)
    /// A conversation's next turn was recorded (its id) or refused (nil), with what to say.
    case turnSubmitted(Int64?, String)
    /// A line for the status bar (an action's outcome).
    case toast(String)
}

/// Work the runtime does for `update` and reports back as messages.
public enum StudioEffect: Hashable, Sendable {
    case loadHistory(String, HistoryFilter)
    case loadFilterChoices
    case loadDetail(Int64)
    case loadThumbnails(Int64, [String])
    /// Validate the form's draft, price it and list every choice with its reason.
    case checkForm(GenerationDraft)
    case submit(GenerationDraft, parentID: Int64?, parentKind: String?)
    case listDirectory(String)
    case loadLibrary
    /// Read the unfinished jobs now (after a submit, so the new job is listed at once).
    case loadOperations
    /// Decode an image (whose pixel size the listing already read) to fit `cells`.
    case loadPreview(path: String, pixels: Size, cells: Size)
    /// Convert or resize an image with ffmpeg (to a size, or just smaller).
    case convertImage(path: String, matching: ImageInfo?)
    case cancelJob(Int64)
    case retryJob(Int64)
    case openOutput(Int64)
    case rerun(Int64)
    case extend(Int64)
    case showCurl(Int64)
    case showSidecar(Int64)
    /// Read the refinement chain ending with a generation, for the conversation pane.
    case loadConversation(Int64)
    case delete(Int64)
    case quit
}
