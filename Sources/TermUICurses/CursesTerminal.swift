import CNcurses
import Glibc
import Synchronization
import TermUI

/// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), or 0.
/// Set by the handler, read by the run loop, which then restores the terminal.
public let terminationSignal = Atomic<Int32>(0)

/// The only place the studio calls ncurses: starts and restores the terminal, writes the cells
/// that changed since the last frame in the theme's colours, and reads keys without blocking.
/// ncurses is not thread-safe, so everything here runs on the main actor.
@MainActor
public final class CursesTerminal: TerminalBackend {
    public private(set) var size = Size(width: 0, height: 0)
    public private(set) var colors = 0
    public var colorCount: Int { colors }
    private var previous: CellBuffer?
    private var theme: Theme
    private var styles: [StyleRole: (pair: Int16, attributes: attr_t)] = [:]
    private var started = false
    /// Colour pairs made for cells with explicit colours (pictures), after the role pairs.
    private var picturePairs: [CellColors: Int16] = [:]

    public init(theme: Theme) {
        self.theme = theme
    }

    /// Takes over the terminal (UTF-8 locale, raw keys, colours) after installing signal handlers,
    /// so that Ctrl-C, SIGTERM and SIGHUP end the loop instead of leaving the terminal raw.
    public func start() {
        setlocale(LC_ALL, "")
        SignalWakePipe.open()
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                terminationSignal.store(number, ordering: .relaxed)
                SignalWakePipe.poke()
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        set_escdelay(25)
        Self.restoreCookedModeIfLeftRaw()
        initscr()
        SignalWakePipe.chainResizeHandler()
        raw()
        noecho()
        nonl()
        keypad(tui_stdscr(), true)
        wtimeout(tui_stdscr(), 0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colors = has_colors() ? Int(tui_colors()) : 0
        started = true
        applyTheme(theme)
        refreshSize()
    }

    /// A run killed with SIGKILL cannot give the terminal back, and ncurses restores at exit the
    /// modes it found at start: so a terminal found without line editing or echo is put back to
    /// cooked mode first, and this run leaves it sane.
    private static func restoreCookedModeIfLeftRaw() {
        var modes = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        let lineEditing = tcflag_t(ICANON | ECHO)
        guard modes.c_lflag & lineEditing != lineEditing else { return }
        modes.c_lflag |= tcflag_t(ICANON | ECHO | ECHOE | ECHOK | ISIG | IEXTEN)
        modes.c_iflag |= tcflag_t(ICRNL | IXON)
        modes.c_oflag |= tcflag_t(OPOST | ONLCR)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }

    /// Gives the terminal back as it was.
    public func stop() {
        guard started else { return }
        endwin()
        started = false
    }

    /// Uses another theme from the next frame on (downgraded to what the terminal shows).
    public func applyTheme(_ theme: Theme) {
        self.theme = theme
        guard started else { return }
        let shown = theme.downgraded(toColors: colors)
        let pairLimit = Int(tui_color_pairs())
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = shown.style(for: role)
            var attributes: attr_t = 0
            if style.bold { attributes |= tui_a_bold() }
            if style.dim { attributes |= tui_a_dim() }
            if style.underline { attributes |= tui_a_underline() }
            if style.reverse { attributes |= tui_a_reverse() }
            let pair = Int16(index + 1)
            if colors >= 8, Int(pair) < pairLimit {
                init_pair(pair, Self.number(style.foreground), Self.number(style.background))
                styles[role] = (pair, attributes)
            } else {
                styles[role] = (0, attributes)
            }
        }
        previous = nil
    }

    /// Reads the terminal's size; a change makes the next frame a full redraw.
    @discardableResult
    public func refreshSize() -> Size {
        let current = Size(width: Int(getmaxx(tui_stdscr())), height: Int(getmaxy(tui_stdscr())))
        if current != size {
            size = current
            previous = nil
        }
        return size
    }

    /// Writes a frame: only the cells that changed since the last one, then places the cursor.
    public func draw(_ buffer: CellBuffer, cursor: Point?) {
        guard started else { return }
        let window = tui_stdscr()
        if previous == nil { werase(window) }
        for (point, cell) in buffer.changes(since: previous) {
            var style = styles[cell.role] ?? (0, 0)
            if let colors = cell.colors { style = (picturePair(colors), 0) }
            wattr_set(window, style.attributes, style.pair, nil)
            mvwaddstr(window, Int32(point.y), Int32(point.x), cell.text)
        }
        wattr_set(window, 0, 0, nil)
        if let cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        previous = buffer
    }

    /// A colour pair for explicit cell colours; pairs are made on demand and recycled when the
    /// terminal runs out of them.
    private func picturePair(_ colors: CellColors) -> Int16 {
        guard self.colors >= 8 else { return 0 }
        if let pair = picturePairs[colors] { return pair }
        let first = StyleRole.allCases.count + 1
        let limit = min(Int(tui_color_pairs()) - 1, Int(Int16.max))
        guard limit > first else { return 0 }
        if first + picturePairs.count > limit { picturePairs.removeAll() }
        let pair = Int16(first + picturePairs.count)
        let shown = CellColors(foreground: colors.foreground.downgraded(toColors: self.colors),
                               background: colors.background.downgraded(toColors: self.colors))
        init_pair(pair, Self.number(shown.foreground), Self.number(shown.background))
        picturePairs[colors] = pair
        return pair
    }

    /// The keyboard and the signal pipe: readable when a key, a resize or a stop is waiting.
    public var wakeDescriptors: [Int32] {
        SignalWakePipe.readEnd >= 0 ? [STDIN_FILENO, SignalWakePipe.readEnd] : [STDIN_FILENO]
    }

    /// Rings the terminal's bell (or flashes it, where it has no bell).
    public func bell() {
        guard started else { return }
        beep()
    }

    public func send(control: String) {
        guard started else { return }
        // Straight to the terminal's descriptor: ncurses has flushed its own output by now.
        let bytes = Array(control.utf8)
        _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// The next key, or nil when none is waiting (never blocks). Escape is always its own key:
    /// keys sent right after it (by a fast typist or a test driver) are never merged into Alt.
    public func readKey() -> Key? {
        SignalWakePipe.drain()
        guard let (code, value) = read() else { return nil }
        if code {
            if value == UInt32(KEY_RESIZE) { refreshSize() }
            return KeyDecoder.decode(keyCode: Int32(value))
        }
        return KeyDecoder.decode(character: value)
    }

    /// One `wget_wch`: (is a key code, value), or nil when nothing is waiting.
    private func read() -> (Bool, UInt32)? {
        var value: wint_t = 0
        let result = wget_wch(tui_stdscr(), &value)
        if result == KEY_CODE_YES { return (true, UInt32(value)) }
        return result == OK ? (false, UInt32(value)) : nil
    }

    static func number(_ color: TerminalColor) -> Int16 {
        switch color {
        case .standard: return -1
        case .base(let index): return Int16(index)
        case .indexed(let index): return Int16(index)
        case .rgb(let r, let g, let b): return Int16(TerminalColor.paletteIndex(r: r, g: g, b: b))
        }
    }
}
