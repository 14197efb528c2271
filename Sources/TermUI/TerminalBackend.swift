/// A terminal the studio draws on and reads keys from (ncurses in the program, a fake in tests).
@MainActor
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    func start()
    func stop()
    /// Reads the size again; returns it.
    @discardableResult func refreshSize() -> Size
    func draw(_ buffer: CellBuffer, cursor: Point?)
    /// The next key, or nil when none is waiting (never blocks).
    func readKey() -> Key?
    /// Colours the terminal shows (0 for none).
    var colorCount: Int { get }
    /// Descriptors that become readable when a key, a resize or a stop signal is waiting: the
    /// studio sleeps on them instead of polling (empty: the backend cannot tell).
    var wakeDescriptors: [Int32] { get }
    /// Rings the terminal's bell.
    func bell()
    /// Sends an escape sequence the terminal acts on without drawing (a desktop notification).
    func send(control: String)
}

extension TerminalBackend {
    /// Colours the terminal shows (0 for none); backends that know better say so.
    public var colorCount: Int { 256 }
    public var wakeDescriptors: [Int32] { [] }
    public func bell() {}
    public func send(control: String) {}
}
