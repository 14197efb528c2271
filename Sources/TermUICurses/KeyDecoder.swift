import CNcurses
import TermUI

/// Turns what `wget_wch` returns into a `Key`: function keys, arrows, control characters and Unicode text.
public enum KeyDecoder {
    /// A key code (`KEY_CODE_YES`) to a key, or nil for codes the studio does not use.
    public static func decode(keyCode code: Int32) -> Key? {
        if code >= KEY_F0 + 1, code <= KEY_F0 + 24 { return .function(Int(code - KEY_F0)) }
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        default: return nil
        }
    }

    /// A character read with `OK` to a key.
    public static func decode(character value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 27: return .escape
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            return .control(Character(scalar))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
