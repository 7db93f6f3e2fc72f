import TuanThuPKI

/// A cheap pre-scan that refuses absurdly deep nesting before the recursive composer sees it.
///
/// It over-estimates depth (indentation and `- ` markers count as levels, flow brackets outside
/// quotes count too), which is harmless at a limit far above any real file. It reads UTF-8 bytes:
/// every character it looks for is ASCII, and no byte of a multi-byte character is.
enum NestingGuard {
    static func firstTooDeep(in text: String, limit: Int, file: String) -> SourceLocation? {
        var text = text
        return text.withUTF8 { bytes in scan(bytes, limit: limit, file: file) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, file: String) -> SourceLocation? {
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        var atLineStart = true
        var prefix = 0
        var quote: UInt8 = 0
        var inComment = false
        var escaped = false
        var previous: UInt8 = 0x0A
        func location(_ index: Int) -> SourceLocation {
            // Columns count characters, as libyaml's do: skip UTF-8 continuation bytes.
            let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            return SourceLocation(file: file, line: line, column: column)
        }
        var index = 0
        while index < bytes.count {
            // Inside a line, outside quotes and comments, eight bytes at a time while none of them
            // is a line end, `#`, a quote or a bracket (the bytes below that change the state).
            if !atLineStart, quote == 0, !inComment, index + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if !Self.mayChangeState(word) {
                    for offset in stride(from: 7, through: 0, by: -1) where bytes[index + offset] != 0x20 {
                        previous = bytes[index + offset]
                        break
                    }
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            defer { if byte != 0x20 { previous = byte } }
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A {
                    line += 1
                    lineStart = index
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
                    if prefix > limit * 2 { return location(index - 1) }
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
                if flowDepth > limit { return location(index - 1) }
            case 0x5D, 0x7D: flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
        return nil
    }

    /// Whether a byte of `word` is one that `scan` acts on inside a line: a line end, `#`, `"`,
    /// `'` or a bracket.
    @inline(__always)
    private static func mayChangeState(_ word: UInt64) -> Bool {
        func matches(_ byte: UInt8) -> UInt64 { WordScan.matches(byte, word) }
        return (matches(0x0A) | matches(0x0D) | matches(0x23) | matches(0x22) | matches(0x27)
                | matches(0x5B) | matches(0x5D) | matches(0x7B) | matches(0x7D)) != 0
    }
}
