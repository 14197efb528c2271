/// The escape sequence of a terminal's own desktop notification, for the terminals known to show
/// one: OSC 9 (iTerm2, WezTerm, Windows Terminal, Ghostty, kitty) or OSC 777 (foot, urxvt, Konsole's
/// and GNOME's VTE terminals); inside tmux it is passed through. Nil when the terminal is not known
/// to have one (the bell is then rung instead).
public enum TerminalNotification {
    public static func sequence(title: String, body: String, environment: [String: String]) -> String? {
        let program = environment["TERM_PROGRAM"]?.lowercased() ?? ""
        let term = environment["TERM"]?.lowercased() ?? ""
        // No BEL, ESC or other control character may end the sequence early; OSC 777 splits on `;`.
        let clean = { (text: String) in
            String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
        }
        let osc: String
        if ["iterm.app", "wezterm", "ghostty"].contains(program) || environment["WT_SESSION"] != nil || term.contains("kitty") {
            osc = "\u{1B}]9;\(clean(title)): \(clean(body))\u{07}"
        } else if term.hasPrefix("foot") || term.contains("rxvt") || environment["VTE_VERSION"] != nil || environment["KONSOLE_VERSION"] != nil {
            osc = "\u{1B}]777;notify;\(clean(title).replacingOccurrences(of: ";", with: ","));\(clean(body))\u{07}"
        } else {
            return nil
        }
        guard environment["TMUX"] != nil else { return osc }
        // tmux passes a sequence to the outer terminal inside a DCS with every ESC doubled (allow-passthrough on).
        return "\u{1B}Ptmux;" + osc.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }
}
