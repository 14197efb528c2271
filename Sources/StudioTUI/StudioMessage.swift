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
    /// A reading of the journal for the open views (after it changed, or the views asked another question).
    case journalRead(JournalSnapshot)
    case filterChoicesLoaded(models: [String], providers: [String], batches: [String])
    /// The saved presets were read (the panel opens).
    case presetsListed([PresetPanel.Entry], problems: [String])
    /// A preset's fields, to lay over the form.
    case presetLoaded(String, GenerationDraft)
    case panelOpened(TextPanel)
    case panelClosed
    /// Thumbnails of a generation's input images for its open detail pane.
    case thumbnailsLoaded(Int64, [HalfBlockImage])
    case formChecked(FormCheck)
    /// A submit ended: the new generation's id, or nil when it was refused, and what to say.
    case submitFinished(Int64?, String)
    /// A stored generation to open in the form (re-run, extend); `replacing` once the person agreed
    /// to replace that tab's unsent draft.
    case formPrefilled(GenerationDraft, FormParent, replacing: Bool)
    /// The form's tabs kept in the journal by an earlier run, the most recently changed first.
    case draftsRestored([(GenerationMode, ModeDraft)])
    case directoryListed(String, [PickerEntry])
    case libraryLoaded([PickerEntry])
    case previewLoaded(path: String, image: HalfBlockImage?, problem: String?)
    /// ffmpeg wrote a converted copy (path), or could not (nil), with what to say.
    case imageConverted(String?, String)
    /// A refinement chain read to open the conversation pane (nil: the generation is not in the journal).
    case conversationLoaded(ConversationChain?)
    /// A conversation's next turn was recorded (its id) or refused (nil), with what to say.
    case turnSubmitted(Int64?, String)
    /// What a delete would take with it, to ask.
    case deleteAsked(DeleteFacts)
    /// A job made several videos: which one should open (sample index, file name).
    case samplesFound(Int64, [(index: Int, name: String)])
    /// A line for the status bar (an action's outcome).
    case toast(String)
    /// A shot edited in the form was saved to its storyboard (the line says what is made again).
    case shotSaved(String)
    /// What running a board would send costs (takes not sent yet), and whether it is the sandbox.
    case storyboardPriced(String, usd: Double, sandbox: Bool)
    /// A shot's first and last frame as pictures, by its generation.
    case shotFramesLoaded(Int64, [HalfBlockImage])
}

/// Work the runtime does for `update` and reports back as messages.
public enum StudioEffect: Hashable, Sendable {
    case loadFilterChoices
    case loadThumbnails(Int64, [String])
    /// Validate the form's draft, price it and list every choice with its reason.
    case checkForm(GenerationDraft)
    case submit(GenerationDraft, parentID: Int64?, parentKind: String?)
    /// Journal the draft as waiting in the queue (sent in order under the provider's limits).
    case enqueue(GenerationDraft, parentID: Int64?, parentKind: String?)
    /// Read the ledger of this month, to open it in a pane.
    case showLedger
    /// Read the saved presets, to open the panel.
    case listPresets
    /// Read a preset, to load it into the form.
    case loadPreset(String)
    /// Save a draft's fields as a preset.
    case savePreset(String, GenerationDraft)
    /// Hold, release or reorder a queued job.
    case changeQueue(Int64, QueueChange)
    case listDirectory(String)
    case loadLibrary
    /// Decode an image (whose pixel size the listing already read) to fit `cells`.
    case loadPreview(path: String, pixels: Size, cells: Size)
    /// Convert or resize an image with ffmpeg (to a size, or just smaller).
    case convertImage(path: String, matching: ImageInfo?)
    case cancelJob(Int64)
    case retryJob(Int64)
    /// Open a job's video in the player: a sample, or (nil) the only one, else ask which.
    case openOutput(Int64, sample: Int?)
    case rerun(Int64)
    case extend(Int64)
    /// Open a stored generation in its tab, replacing that tab's unsent draft (the person agreed).
    case replaceTab(GenerationDraft, parentID: Int64, parentKind: String)
    case showCurl(Int64)
    case showSidecar(Int64)
    /// Read the refinement chain ending with a generation, to open the conversation pane.
    case loadConversation(Int64)
    /// Read what a delete would take with it (files, children), then ask.
    case askDelete(Int64)
    case delete(Int64)
    /// Take finished jobs off Operations (they stay in History).
    case dismiss([Int64])
    /// Storyboard work (run, retake, choose a take, add, move, stitch, edit, save an edited shot).
    case storyboard(StoryboardAction)
    /// Decode a finished shot's first and last frame (its generation) for the Storyboard screen.
    case loadShotFrames(Int64)
    /// Ring the terminal's bell.
    case bell
    /// Tell the person a job ended while its screen was not in front (notification, bell, command).
    case notify(JobNotice)
    case quit
}
