import Testing
@testable import TuanThuEngine

/// The guard's first version, a byte at a time: the oracle for the one that skips runs of plain text.
private enum BytewiseNestingGuard {
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, file: String) -> TuanThuEngine.SourceLocation? {
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        var atLineStart = true
        var prefix = 0
        var quote: UInt8 = 0
        var inComment = false
        var escaped = false
        var previous: UInt8 = 0x0A
        func location(_ index: Int) -> TuanThuEngine.SourceLocation {
            // Columns count characters, as libyaml's do: skip UTF-8 continuation bytes.
            let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            return TuanThuEngine.SourceLocation(file: file, line: line, column: column)
        }
        for index in bytes.indices {
            let byte = bytes[index]
            defer { if byte != 0x20 { previous = byte } }
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                atLineStart = true
                prefix = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if quote != 0 {
                if escaped {
                    escaped = false
                } else if quote == 0x22 && byte == 0x5C {
                    escaped = true
                } else if byte == quote {
                    quote = 0
                }
                continue
            }
            if atLineStart {
                // Spaces, '-', '?' and ':' at the start of a line each may open a level.
                if byte == 0x20 || byte == 0x2D || byte == 0x3F || byte == 0x3A {
                    prefix += 1
                    if prefix > limit * 2 { return location(index) }
                    continue
                }
                atLineStart = false
            }
            switch byte {
            case 0x23: inComment = true
            case 0x22, 0x27:
                // Only a quote that opens a scalar starts a quoted string; an apostrophe inside
                // plain text does not.
                if previous == 0x0A || previous == 0x0D || [0x3A, 0x2D, 0x5B, 0x7B, 0x2C, 0x3F].contains(previous) {
                    quote = byte
                }
            case 0x5B, 0x7B:
                flowDepth += 1
                if flowDepth > limit { return location(index) }
            case 0x5D, 0x7D: flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
        return nil
    }
}

struct NestingGuardTests {
    /// Random texts of the bytes the guard acts on, between runs of plain text long enough to be
    /// skipped whole: both versions find the same first place too deep, or none.
    @Test func skippingPlainTextFindsWhatTheBytewiseScanFinds() {
        let pieces = ["[", "]", "{", "}", "'", "\"", "\\", "#", "\n", "\r\n", " ", "  ", "- ", ": ", "? ", ",",
                      "a", "ở", "plain text", "Sở Lao động", "longer plain text run", "x: [", "'quoted [ text'"]
        var generator = SystemRandomNumberGenerator.Seeded(seed: 7)
        var compared = 0
        var found = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...60, using: &generator)
            var text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.withUTF8 { BytewiseNestingGuard.scan($0, limit: 3, file: "f.yaml") }
            let actual = NestingGuard.firstTooDeep(in: text, limit: 3, file: "f.yaml")
            #expect(actual == expected, "\(text.debugDescription)")
            compared += 1
            if expected != nil { found += 1 }
        }
        // Both outcomes are exercised.
        #expect(compared == 3_000 && found > 300 && found < 2_700)
    }
}

extension SystemRandomNumberGenerator {
    /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
