import Foundation
import TuanThuPKI

/// Reads tuanthu's own JSON reports (`--baseline`, `verify-report`) as a stream, in one pass over
/// the file's bytes: the top-level object and its long arrays are walked, and only the parts a
/// reader asks for become `YNode`s (one finding at a time), with their lines and columns.
///
/// A report of a large organisation runs to hundreds of megabytes. Read as YAML it became a tree
/// of tens of bytes per character (a 100 MB file grew to 4.5 GB): here memory stays the file's
/// bytes plus what the caller keeps. Strictly JSON (RFC 8259): nothing YAML would add, no
/// control characters in strings (raw or escaped, tabs and line breaks aside), valid UTF-8,
/// nesting at most `maximumNesting` levels, no repeated keys in a node that is built.
public struct JSONReader {
    public static let maximumFileSize = 1 << 30
    static let maximumNesting = 200

    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var depth = 0
    /// Lines and columns are counted as the reader moves on: `line` at `lineStart`; `column`
    /// counts characters (not bytes) up to `counted`.
    private var line = 1
    private var lineStart = 0
    private var counted = 0
    private var column = 1

    public init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Reads a file (an ordinary file of at most `limit` bytes, or an error in plain words).
    public init(contentsOf url: URL, displayPath: String, limit: Int = maximumFileSize) throws {
        self.init(bytes: try YAMLLoader.read(url, displayPath: displayPath, limit: limit), file: displayPath)
    }

    // MARK: - Walking

    /// Where the reader stands (at the next value once whitespace is skipped).
    public mutating func location() -> SourceLocation {
        while counted < index {
            if bytes[counted] & 0xC0 != 0x80 { column += 1 }
            counted += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The members of an object, in file order: `body` gets each key and must read or skip its value.
    public mutating func object(_ what: String, _ body: (String, inout JSONReader) throws -> Void) throws {
        try items(of: what, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), kind: "a mapping") { reader in
            try reader.skipSpace()
            guard reader.peek == UInt8(ascii: "\"") else { throw reader.malformed("expected a key in quotes") }
            let key = try reader.string()
            try reader.expect(UInt8(ascii: ":"), "expected ':' after the key")
            try body(key, &reader)
        }
    }

    /// The items of an array, in order: `body` must read or skip each.
    public mutating func array(_ what: String, _ body: (inout JSONReader) throws -> Void) throws {
        try items(of: what, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), kind: "a list", body)
    }

    /// An object's members or an array's items, separated by commas between `open` and `close`.
    private mutating func items(of what: String, open: UInt8, close: UInt8, kind: String,
                                _ item: (inout JSONReader) throws -> Void) throws {
        try skipSpace()
        guard peek == open else { throw try mismatch(what, expected: kind) }
        try enter()
        index += 1
        try skipSpace()
        if peek != close {
            while true {
                try item(&self)
                try skipSpace()
                guard peek == UInt8(ascii: ",") else { break }
                index += 1
            }
            guard peek == close else { throw malformed("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        }
        index += 1
        depth -= 1
    }

    /// The next value as a node (scalars are strings, or plain scalars for numbers, `true`,
    /// `false` and `null`, as YAML would have read them).
    public mutating func value() throws -> YNode {
        try skipSpace()
        let at = location()
        switch peek {
        case UInt8(ascii: "{"):
            var pairs: [YNode.Pair] = []
            var keys = Set<String>()
            try object("a mapping") { key, reader in
                let keyNode = YNode(.scalar(key, plain: false), at: reader.keyLocation)
                guard keys.insert(key).inserted else { throw keyNode.error("duplicate key '\(key)' in the same mapping") }
                pairs.append(YNode.Pair(key: keyNode, value: try reader.value()))
            }
            return YNode(.mapping(pairs), at: at)
        case UInt8(ascii: "["):
            var items: [YNode] = []
            try array("a list") { items.append(try $0.value()) }
            return YNode(.sequence(items), at: at)
        case UInt8(ascii: "\""):
            return YNode(.scalar(try string(), plain: false), at: at)
        default:
            return YNode(.scalar(try bare(), plain: true), at: at)
        }
    }

    /// The next value, nil when it is `null` (as a YAML mapping's `optional` reads it).
    public mutating func optionalValue() throws -> YNode? {
        let node = try value()
        return node.isNull ? nil : node
    }

    /// Skips the next value, checking it as `value()` would, without building it.
    public mutating func skip() throws {
        try skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try object("a mapping") { _, reader in try reader.skip() }
        case UInt8(ascii: "["): try array("a list") { try $0.skip() }
        case UInt8(ascii: "\""): _ = try string()
        default: _ = try bare()
        }
    }

    /// After the top-level value: nothing but whitespace.
    public mutating func end() throws {
        try skipSpace()
        guard index == bytes.count else { throw malformed("more after the end of the report") }
    }

    // MARK: - Tokens

    /// The key just read started here (kept for the node `value()` builds).
    private var keyLocation = SourceLocation(file: "", line: 1, column: 1)

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumNesting else {
            throw EngineError.input(location(), "JSON nested more than \(Self.maximumNesting) levels deep")
        }
    }

    private mutating func skipSpace() throws {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                counted = index
                column = 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ problem: String) throws {
        try skipSpace()
        guard peek == byte else { throw malformed(problem) }
        index += 1
    }

    /// A number, `true`, `false` or `null`, checked against JSON's grammar.
    private mutating func bare() throws -> String {
        let start = index
        for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
            index += word.utf8.count
            return word
        }
        var cursor = index
        func digits() -> Int {
            let from = cursor
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]) { cursor += 1 }
            return cursor - from
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        let whole = cursor
        guard digits() > 0 else { throw malformed(peek == nil ? "the file ends before a value" : "expected a value") }
        guard !(bytes[whole] == 0x30 && cursor - whole > 1) else { throw malformed("a number with a leading zero") }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            guard digits() > 0 else { throw malformed("expected digits after '.'") }
        }
        if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "e") {
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard digits() > 0 else { throw malformed("expected digits in the exponent") }
        }
        guard cursor - start <= 64 else { throw malformed("a number of more than 64 characters") }
        index = cursor
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    /// A string in quotes, its escapes decoded; the reader stands on the opening quote.
    private mutating func string() throws -> String {
        keyLocation = location()
        index += 1
        let start = index
        // Most strings have no escape: one slice, checked as UTF-8.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { throw malformed("a control character in a string") }
            index += 1
        }
        guard index < bytes.count else { throw malformed("the file ends inside a string") }
        var out = Array(bytes[start..<index])
        while bytes[index] != UInt8(ascii: "\"") {
            // A backslash: errors in the escape point at it.
            let escapeAt = index
            index += 1
            guard index < bytes.count else { throw malformed("the file ends inside a string") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"), UInt8(ascii: "f"): throw malformed("a control character in a string", at: escapeAt)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                        throw malformed("a lone surrogate in a \\u escape", at: escapeAt)
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw malformed("a lone surrogate in a \\u escape", at: escapeAt) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw malformed("a lone surrogate in a \\u escape", at: escapeAt)
                }
                guard let character = Unicode.Scalar(scalar), !ControlCharacters.isRefused(character) else {
                    throw malformed("a control character in a string", at: escapeAt)
                }
                out.append(contentsOf: String(character).utf8)
            default:
                throw malformed("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape", at: escapeAt)
            }
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw malformed("a control character in a string") }
                out.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { throw malformed("the file ends inside a string") }
        }
        index += 1
        // C0 controls were refused above, raw or escaped; DEL and C1 ones are found in the bytes.
        if out.withUnsafeBufferPointer(ControlCharacters.contains) { throw malformed("a control character in a string") }
        guard let text = String(validating: out, as: UTF8.self) else { throw malformed("a string that is not UTF-8 text") }
        return text
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw malformed("the file ends inside a \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x37
            case 0x61...0x66: digit = byte - 0x57
            default: throw malformed("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    /// `at`: a place behind the reader, where the problem began (never before the last place
    /// counted: the start of the string).
    private mutating func malformed(_ problem: String, at place: Int? = nil) -> EngineError {
        if let place { index = place }
        return .input(location(), "malformed JSON: \(problem)")
    }

    private mutating func mismatch(_ what: String, expected kind: String) throws -> EngineError {
        let node = try value()
        return node.error("expected \(kind) for \(what), found \(node.kindName)")
    }
}
