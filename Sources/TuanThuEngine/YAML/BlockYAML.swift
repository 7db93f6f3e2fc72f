import TuanThuPKI

/// Reads the plain block YAML that inventories are written in, without libyaml, into exactly the
/// nodes `YAMLEvents` builds from libyaml's events: the same text, style, line and column.
///
/// It knows block mappings with plain keys, block sequences (indented or not), plain scalars on one
/// line, quoted scalars on one line without escapes, flow sequences and mappings of such scalars on
/// one line (as `tuanthu import` writes them), comments and blank lines. Anything else — nested flow
/// collections, block scalars, anchors, aliases, tags, a scalar over several lines, a key in quotes,
/// tabs, carriage returns, a document marker, a duplicate or merge key, an empty item, too many
/// values, and every error — it declines (nil), and the file is read by libyaml as before: a
/// declined file costs the lines read up to the decline, never a different answer. An inventory
/// read here costs a third of what libyaml's events and the nodes built from them cost (about
/// 1,200 instructions per value against 4,000).
enum BlockYAML {
    static func parse(_ text: String, file: String) -> YNode? {
        var utf8 = text
        let read = utf8.withUTF8 { bytes -> (root: YNode, brackets: Bool)? in
            guard let base = bytes.baseAddress, let brackets = plainCharacters(bytes) else { return nil }
            var reader = Reader(base: base, end: bytes.count, file: file, secrets: PEM.mayHoldPrivateKey(bytes))
            guard let root = try? reader.document() else { return nil }
            return (root, brackets)
        }
        guard let read else { return nil }
        // `NestingGuard` counts brackets even inside scalars; where there are any, it decides as it
        // does before libyaml (line prefixes are kept short by the reader itself).
        if read.brackets, NestingGuard.firstTooDeep(in: text, limit: YAMLLoader.maximumNesting, file: file) != nil {
            return nil
        }
        return read.root
    }

    /// Whether every character of `bytes` is one this reader takes as it stands: no control
    /// character but line feed (so no tab and no carriage return), no DEL, no C1 control (NEL
    /// among them), no line or paragraph separator, no byte-order mark, no U+FFFE or U+FFFF.
    /// Returns whether a `[` or `{` occurs, or nil when some character is not plain.
    static func plainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let start = bytes.baseAddress else { return false }
        let count = bytes.count
        var brackets = false
        var index = 0
        while index < count {
            // Eight bytes at a time while all are printable ASCII other than a bracket.
            if index + 8 <= count {
                let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
                let special = WordScan.controls(word) | WordScan.nonASCII(word)
                    | WordScan.matches(0x7F, word) | WordScan.matches(0x5B, word) | WordScan.matches(0x7B, word)
                if special == 0 {
                    index += 8
                    continue
                }
            }
            let byte = start[index]
            let next = index + 1 < count ? start[index + 1] : 0
            let after = index + 2 < count ? start[index + 2] : 0
            switch byte {
            case 0x0A: break
            case 0x00..<0x20, 0x7F: return nil
            case 0x5B, 0x7B: brackets = true
            case 0xC2 where (0x80...0x9F).contains(next): return nil
            case 0xE2 where next == 0x80 && (after == 0xA8 || after == 0xA9): return nil
            case 0xEF where (next == 0xBB && after == 0xBF) || (next == 0xBF && after >= 0xBE): return nil
            default: break
            }
            index += 1
        }
        return brackets
    }
}

extension BlockYAML {
    /// Raised to give the file to libyaml.
    struct Decline: Error {}

    /// The bytes the reader acts on.
    enum Byte {
        static let space: UInt8 = 0x20
        static let newline: UInt8 = 0x0A
        static let hash: UInt8 = 0x23
        static let colon: UInt8 = 0x3A
        static let dash: UInt8 = 0x2D
        static let singleQuote: UInt8 = 0x27
        static let doubleQuote: UInt8 = 0x22
    }

    struct Reader: ~Copyable {
        let base: UnsafePointer<UInt8>
        let end: Int
        let file: String
        /// The file holds a private key's marker somewhere: scalars are checked for one.
        let secrets: Bool
        var index = 0
        var line = 1
        var lineStart = 0
        /// The indentation of the content line `index` is on, nil past the last one.
        var current: Int?
        var values = 0
        var depth = 0
        /// The last column `location` counted, and where.
        var counted = (line: 0, position: 0, column: 1)

        init(base: UnsafePointer<UInt8>, end: Int, file: String, secrets: Bool) {
            self.base = base
            self.end = end
            self.file = file
            self.secrets = secrets
        }

        /// The byte at `position`, 0 past the end (the text holds no NUL: `plainCharacters`).
        @inline(__always) func at(_ position: Int) -> UInt8 { position < end ? base[position] : 0 }

        mutating func document() throws(Decline) -> YNode {
            try nextContent()
            guard let indent = current else { throw Decline() }
            let root = isDashLine ? try sequence(column: indent, indentless: false) : try mapping(column: indent)
            guard current == nil else { throw Decline() }
            return root
        }

        // MARK: - Lines

        /// From the start of a line, past blank and comment lines to the first character of the next
        /// content line, whose indentation becomes `current` (nil at the end of the text).
        mutating func nextContent() throws(Decline) {
            while index < end {
                var position = index
                while at(position) == Byte.space { position += 1 }
                // `NestingGuard` refuses a line prefix over 400 characters: stay well below.
                guard position - index <= 300 else { throw Decline() }
                let byte = at(position)
                if byte == Byte.newline {
                    startLine(after: position)
                    continue
                }
                if byte == 0 { break }
                if byte == Byte.hash {
                    startLine(after: lineEnd(from: position))
                    continue
                }
                // A document marker (`---`, `...`) ends or starts a document: libyaml's to read.
                if position == index, byte == Byte.dash || byte == 0x2E,
                   at(position + 1) == byte, at(position + 2) == byte {
                    throw Decline()
                }
                index = position
                current = position - lineStart
                return
            }
            index = end
            current = nil
        }

        /// The rest of a line after a value: spaces, then the end or a comment after a space.
        mutating func finishLine() throws(Decline) {
            var position = index
            while at(position) == Byte.space { position += 1 }
            let byte = at(position)
            if byte == Byte.hash, position > index {
                position = lineEnd(from: position)
            } else if byte != Byte.newline && byte != 0 {
                throw Decline()
            }
            startLine(after: position)
            try nextContent()
        }

        /// The position of the line feed ending the line `position` is on (or the end of the text).
        func lineEnd(from position: Int) -> Int {
            var position = position
            while position < end && base[position] != Byte.newline { position += 1 }
            return position
        }

        mutating func startLine(after lineFeed: Int) {
            if lineFeed < end {
                index = lineFeed + 1
                line += 1
                lineStart = index
            } else {
                index = end
            }
        }

        var isDashLine: Bool {
            let next = at(index + 1)
            return at(index) == Byte.dash && (next == Byte.space || next == Byte.newline || next == 0)
        }

        /// Where `position` on the current line is, counting characters (as libyaml does), not bytes;
        /// counted on from the last position asked on the line.
        mutating func location(_ position: Int) -> SourceLocation {
            if counted.line != line || counted.position > position { counted = (line, lineStart, 1) }
            var (scan, column) = (counted.position, counted.column)
            while scan < position {
                if base[scan] & 0xC0 != 0x80 { column += 1 }
                scan += 1
            }
            counted = (line, scan, column)
            return SourceLocation(file: file, line: line, column: column)
        }

        /// A location where only spaces and `- ` precede it on the line (ASCII: bytes are characters).
        func structural(_ position: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: position - lineStart + 1)
        }

        mutating func count() throws(Decline) {
            values += 1
            if values > YAMLEvents.maximumValues { throw Decline() }
        }

        // MARK: - Collections

        /// A block mapping whose keys start at `column`; `index` is at its first key.
        mutating func mapping(column: Int) throws(Decline) -> YNode {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { throw Decline() }
            try count()
            let opened = structural(index)
            var pairs: [YNode.Pair] = []
            while true {
                let keyStart = index
                guard !Self.isIndicator(at(keyStart)) else { throw Decline() }
                let scan = scanPlain(from: keyStart)
                guard scan.isKey, scan.stop - keyStart <= 1_000 else { throw Decline() }
                let keyText = text(keyStart, scan.textEnd)
                guard keyText != "<<" else { throw Decline() }
                try count()
                let key = YNode(.scalar(keyText, plain: true), at: structural(keyStart))
                let afterColon = scan.nonASCII ? location(scan.stop + 1) : structural(scan.stop + 1)
                index = scan.stop + 1
                var valueStart = index
                while at(valueStart) == Byte.space { valueStart += 1 }
                let byte = at(valueStart)
                let value: YNode
                if byte == Byte.newline || byte == 0 || byte == Byte.hash {
                    // A comment here follows the colon's space: `finishLine` takes it from the colon.
                    try finishLine()
                    value = try nestedValue(column: column, emptyAt: afterColon)
                } else {
                    index = valueStart
                    value = byte == 0x5B || byte == 0x7B ? try flow() : try inlineScalar(ascii: !scan.nonASCII)
                }
                pairs.append(YNode.Pair(key: key, value: value))
                guard let indent = current, indent >= column else { break }
                guard indent == column, !isDashLine else { throw Decline() }
            }
            guard Self.keysDiffer(pairs) else { throw Decline() }
            return YNode(.mapping(pairs), at: opened)
        }

        /// The value of a key with nothing after its colon: a collection on the lines below, or empty.
        mutating func nestedValue(column: Int, emptyAt: SourceLocation) throws(Decline) -> YNode {
            if let indent = current {
                if indent > column {
                    return isDashLine ? try sequence(column: indent, indentless: false) : try mapping(column: indent)
                }
                if indent == column, isDashLine {
                    return try sequence(column: indent, indentless: true)
                }
            }
            try count()
            return YNode(.scalar("", plain: true), at: emptyAt)
        }

        /// A block sequence whose `-` stand at `column`; `index` is at the first. An indentless one
        /// (the value of a key in the same column) ends at a line of that column without a `-`.
        mutating func sequence(column: Int, indentless: Bool) throws(Decline) -> YNode {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { throw Decline() }
            try count()
            let opened = structural(index)
            var items: [YNode] = []
            while true {
                // An item on the lines below, or none, is libyaml's to read.
                guard at(index + 1) == Byte.space else { throw Decline() }
                var start = index + 2
                while at(start) == Byte.space { start += 1 }
                guard start - index <= 50 else { throw Decline() }
                index = start
                let byte = at(start)
                if byte == Byte.singleQuote || byte == Byte.doubleQuote {
                    items.append(try inlineScalar(ascii: true))
                } else if byte == 0x5B || byte == 0x7B {
                    items.append(try flow())
                } else {
                    guard !Self.isIndicator(byte), byte != Byte.newline, byte != 0 else { throw Decline() }
                    if scanPlain(from: start).isKey {
                        items.append(try mapping(column: start - lineStart))
                    } else {
                        items.append(try inlineScalar(ascii: true))
                    }
                }
                guard let indent = current, indent >= column else { break }
                guard indent == column else { throw Decline() }
                if !isDashLine {
                    guard indentless else { throw Decline() }
                    break
                }
            }
            return YNode(.sequence(items), at: opened)
        }
    }
}
