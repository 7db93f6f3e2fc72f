import TuanThuPKI

private typealias Byte = BlockYAML.Byte

/// `BlockYAML`'s reader: scalars, in blocks and in one-line flow collections.
extension BlockYAML.Reader {
    /// What a plain scalar starting at `start` runs to: a key's `:` (followed by a space or the
    /// line's end), or the line's end or a comment. `textEnd` leaves out trailing spaces.
    func scanPlain(from start: Int) -> (textEnd: Int, stop: Int, isKey: Bool, nonASCII: Bool) {
        var position = start
        var textEnd = start
        var nonASCII = false
        while true {
            let byte = at(position)
            if byte == Byte.newline || byte == 0 { return (textEnd, position, false, nonASCII) }
            if byte == Byte.space {
                if at(position + 1) == Byte.hash { return (textEnd, position, false, nonASCII) }
            } else {
                if byte == Byte.colon {
                    let next = at(position + 1)
                    if next == Byte.space || next == Byte.newline || next == 0 {
                        return (textEnd, position, true, nonASCII)
                    }
                }
                if byte >= 0x80 { nonASCII = true }
                textEnd = position + 1
            }
            position += 1
        }
    }

    /// A scalar value on the current line at `index` (a key's or an item's; `ascii` when only ASCII
    /// precedes it on the line); moves to the next content line.
    mutating func inlineScalar(ascii: Bool) throws(BlockYAML.Decline) -> YNode {
        let start = index
        let place = ascii ? structural(start) : location(start)
        let first = at(start)
        let node: YNode
        if first == Byte.singleQuote || first == Byte.doubleQuote {
            let (value, end) = try quoted(from: start)
            node = YNode(.scalar(value, plain: false), at: place)
            index = end
        } else {
            guard !Self.isIndicator(first) else { throw BlockYAML.Decline() }
            let scan = scanPlain(from: start)
            // `a: b: c`: libyaml's error.
            guard !scan.isKey else { throw BlockYAML.Decline() }
            node = YNode(.scalar(text(start, scan.textEnd), plain: true), at: place)
            index = scan.stop
        }
        try count()
        try finishLine()
        return node
    }

    /// A quoted scalar at `start`, closed on its line, without escapes (`''` in single quotes is
    /// one quote): its text, and the position after its closing quote.
    func quoted(from start: Int) throws(BlockYAML.Decline) -> (String, Int) {
        let quote = at(start)
        var position = start + 1
        var doubled = false
        while true {
            let byte = at(position)
            // A line's end (a scalar over lines) or an escape in double quotes: libyaml's to read.
            guard byte != Byte.newline, byte != 0, !(quote == Byte.doubleQuote && byte == 0x5C) else {
                throw BlockYAML.Decline()
            }
            if byte == quote {
                guard quote == Byte.singleQuote, at(position + 1) == Byte.singleQuote else { break }
                doubled = true
                position += 1
            }
            position += 1
        }
        let value = text(start + 1, position)
        return (doubled ? value.replacing("''", with: "'") : value, position + 1)
    }

    // MARK: - Flow collections

    /// A flow sequence or mapping of scalars, closed on its line (`[public, personal]`,
    /// `{ id: vp, name: "Văn phòng" }`), at `index`; moves to the next content line. Nested
    /// collections, empty values, trailing commas, comments and `:` inside are libyaml's to read.
    mutating func flow() throws(BlockYAML.Decline) -> YNode {
        let isMapping = at(index) == 0x7B
        let close: UInt8 = isMapping ? 0x7D : 0x5D
        let opened = location(index)
        try count()
        var items: [YNode] = []
        var pairs: [YNode.Pair] = []
        var position = index + 1
        while at(position) == Byte.space { position += 1 }
        if at(position) == close {
            position += 1
        } else {
            while true {
                if isMapping {
                    let key = try flowScalar(at: &position, key: true)
                    guard at(position) == Byte.colon, at(position + 1) == Byte.space else { throw BlockYAML.Decline() }
                    position += 2
                    while at(position) == Byte.space { position += 1 }
                    pairs.append(YNode.Pair(key: key, value: try flowScalar(at: &position, key: false)))
                } else {
                    items.append(try flowScalar(at: &position, key: false))
                }
                while at(position) == Byte.space { position += 1 }
                let byte = at(position)
                position += 1
                if byte == close { break }
                guard byte == 0x2C else { throw BlockYAML.Decline() }
                while at(position) == Byte.space { position += 1 }
                guard at(position) != close else { throw BlockYAML.Decline() }
            }
        }
        index = position
        try finishLine()
        if isMapping {
            guard Self.keysDiffer(pairs) else { throw BlockYAML.Decline() }
            return YNode(.mapping(pairs), at: opened)
        }
        return YNode(.sequence(items), at: opened)
    }

    /// A scalar in a flow collection at `position`: quoted, or plain up to `,`, `]`, `}` or, for a
    /// key, `: `. `position` ends after it (trailing spaces of a plain scalar stay).
    mutating func flowScalar(at position: inout Int, key: Bool) throws(BlockYAML.Decline) -> YNode {
        let start = position
        let first = at(start)
        let node: YNode
        if first == Byte.singleQuote || first == Byte.doubleQuote {
            guard !key else { throw BlockYAML.Decline() }
            let (value, end) = try quoted(from: start)
            node = YNode(.scalar(value, plain: false), at: location(start))
            position = end
        } else {
            guard !Self.isIndicator(first) else { throw BlockYAML.Decline() }
            var scan = start
            var textEnd = start
            scanning: while true {
                switch at(scan) {
                case 0x2C, 0x5D, 0x7D:
                    break scanning
                case Byte.colon:
                    guard key, at(scan + 1) == Byte.space else { throw BlockYAML.Decline() }
                    break scanning
                case 0x5B, 0x7B, Byte.newline, 0:
                    throw BlockYAML.Decline()
                case Byte.space:
                    guard at(scan + 1) != Byte.hash else { throw BlockYAML.Decline() }
                    scan += 1
                default:
                    scan += 1
                    textEnd = scan
                }
            }
            let value = text(start, textEnd)
            guard !key || value != "<<" else { throw BlockYAML.Decline() }
            node = YNode(.scalar(value, plain: true), at: location(start))
            position = scan
        }
        try count()
        return node
    }

    /// The text of `start..<end`, a private key's block redacted as `YAMLEvents` does.
    func text(_ start: Int, _ end: Int) -> String {
        let bytes = UnsafeBufferPointer(start: base + start, count: end - start)
        let text = String(decoding: bytes, as: UTF8.self)
        return secrets && PEM.mayHoldPrivateKey(bytes) ? SecretRedaction.redact(text) : text
    }

    /// Characters that cannot start a plain scalar here (or start something this reader leaves to
    /// libyaml): YAML's indicators.
    static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22,
             0x25, 0x40, 0x60:
            return true
        default:
            return false
        }
    }

    /// No two keys of `pairs` share a text (libyaml's reader refuses such a mapping, by its rules;
    /// every key here is a plain scalar).
    static func keysDiffer(_ pairs: [YNode.Pair]) -> Bool {
        YAMLEvents.allDistinct(pairs.map { $0.key.scalarText ?? "" })
    }
}
