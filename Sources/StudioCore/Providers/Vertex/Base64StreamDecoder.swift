/// Decodes standard base64 (`+`, `/`, `=` padding) that arrives in pieces of any size,
/// carrying a partial quad from one piece to the next. Whitespace is skipped.
struct Base64StreamDecoder {
    /// Why a base64 text could not be decoded.
    enum Failure: Error, Equatable {
        case invalidCharacter(UInt8, offset: Int)
        case dataAfterPadding(offset: Int)
        case truncated(leftover: Int)
    }

    /// 0…63 for base64 characters, 0xFE for whitespace, 0xFD for '=', 0xFF for anything else.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        for space in [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")] { table[Int(space)] = 0xFE }
        table[Int(UInt8(ascii: "="))] = 0xFD
        return table
    }()

    private var quad: UInt32 = 0
    private var quadCount = 0
    private var padding = 0
    /// Base64 characters consumed so far (for error offsets).
    private(set) var charactersRead = 0
    /// Bytes produced so far.
    private(set) var bytesDecoded = 0

    /// Decodes `input`, appending whole bytes to `output`.
    mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(Failure) {
        let table = Self.table
        output.reserveCapacity(output.count + input.count * 3 / 4 + 3)
        for byte in input {
            let value = table[Int(byte)]
            if value < 64 {
                if padding > 0 { throw .dataAfterPadding(offset: charactersRead) }
                quad = quad << 6 | UInt32(value)
                quadCount += 1
                charactersRead += 1
                if quadCount == 4 {
                    output.append(UInt8(truncatingIfNeeded: quad >> 16))
                    output.append(UInt8(truncatingIfNeeded: quad >> 8))
                    output.append(UInt8(truncatingIfNeeded: quad))
                    bytesDecoded += 3
                    quad = 0
                    quadCount = 0
                }
            } else if value == 0xFE {
                continue
            } else if value == 0xFD {
                guard quadCount >= 2, padding + quadCount < 4 else { throw .invalidCharacter(byte, offset: charactersRead) }
                padding += 1
                charactersRead += 1
                if quadCount + padding == 4 { try flushPartial(into: &output) }
            } else {
                throw .invalidCharacter(byte, offset: charactersRead)
            }
        }
    }

    /// Ends the text: a final quad without padding is accepted when it holds whole bytes.
    mutating func finish(into output: inout [UInt8]) throws(Failure) {
        if quadCount == 1 { throw .truncated(leftover: 1) }
        if quadCount > 1 { try flushPartial(into: &output) }
    }

    private mutating func flushPartial(into output: inout [UInt8]) throws(Failure) {
        let count = quadCount
        let bits = quad << UInt32(6 * (4 - count))
        output.append(UInt8(truncatingIfNeeded: bits >> 16))
        bytesDecoded += 1
        if count == 3 {
            output.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytesDecoded += 1
        }
        quad = 0
        quadCount = 0
        if padding == 0 { padding = 4 - count }
    }
}
