import Foundation
import StudioCore
import TermUI

/// Everything that can happen to the studio: keys, time, the journal's answers.
public enum StudioMessage: Sendable {
    case key(Key)
    case resized(Size)
    case tick(Date)
    case operationsChanged([GenerationRecord])
    case historyLoaded([GenerationRecord])
    case detailLoaded(GenerationDetail?)
}

/// Work the runtime does for `update` and reports back as messages.
public enum StudioEffect: Hashable, Sendable {
    case searchHistory(String)
    case loadDetail(Int64)
    case quit
}
