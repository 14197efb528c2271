/// SplitMix64: a tiny, fast, seedable random number generator, so a `--seed` makes ids,
/// latency and faults repeatable.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// `length` characters of `[a-z0-9]`, the form Google uses for operation and file ids
    /// (or of another `alphabet`, e.g. mixed case for interaction ids).
    mutating func identifier(length: Int = 12, alphabet characters: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        let alphabet = Array(characters)
        return String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }

    /// A lower-case version-4 UUID, the form Vertex AI uses for operation ids.
    mutating func uuid() -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = next()
            bytes += (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { byte -> String in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    /// Derives an independent stream for one concern (ids, latency, faults).
    static func derived(from seed: UInt64, stream: UInt64) -> SeededGenerator {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SeededGenerator(seed: mixer.next())
    }
}
