/// An indirect object's number and generation (`12 0 R`).
struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    var number: Int
    var generation: Int

    var description: String { "\(number) \(generation) R" }
}

/// A PDF value (ISO 32000-1 §7.3), as far as telling two revisions of an object apart needs:
/// strings are decoded (the same text written with other escapes is the same value), numbers are
/// compared by value, and a stream keeps its dictionary and its raw (still encoded) bytes.
indirect enum PDFValue: Sendable {
    case null
    case boolean(Bool)
    case number(Double)
    case string([UInt8])
    case name(String)
    case array([PDFValue])
    case dictionary([String: PDFValue])
    case reference(PDFReference)
    case stream([String: PDFValue], ArraySlice<UInt8>)

    var dictionary: [String: PDFValue]? {
        switch self {
        case .dictionary(let entries), .stream(let entries, _): return entries
        default: return nil
        }
    }

    var array: [PDFValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var reference: PDFReference? {
        if case .reference(let reference) = self { return reference }
        return nil
    }

    var name: String? {
        if case .name(let name) = self { return name }
        return nil
    }

    var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    subscript(key: String) -> PDFValue? { dictionary?[key] }

    /// The references this value holds, directly or inside its arrays and dictionaries.
    func references(into found: inout [PDFReference]) {
        switch self {
        case .reference(let reference): found.append(reference)
        case .array(let items): for item in items { item.references(into: &found) }
        case .dictionary(let entries), .stream(let entries, _):
            for value in entries.values { value.references(into: &found) }
        default: break
        }
    }
}

extension PDFValue: Equatable {
    /// The same value: what a reader would take the two to mean.
    static func == (left: PDFValue, right: PDFValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.name(let a), .name(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.dictionary(let a), .dictionary(let b)): return a == b
        case (.reference(let a), .reference(let b)): return a == b
        case (.stream(let a, let aBytes), .stream(let b, let bBytes)):
            return a.filter { $0.key != "Length" } == b.filter { $0.key != "Length" } && aBytes.elementsEqual(bBytes)
        default: return false
        }
    }
}

/// What went wrong reading a PDF's structure; the analysis then cannot prove anything.
struct PDFStructureError: Error, CustomStringConvertible {
    var offset: Int
    var reason: String

    var description: String { "byte \(offset): \(reason)" }
}

/// Reads PDF values from bytes. Every loop advances, every nesting is bounded
/// (`maximumDepth`), and nothing is read past `end`.
struct PDFParser {
    let bytes: [UInt8]
    var position: Int
    let end: Int
    /// Resolves a stream's indirect `/Length`; nil when the length cannot be known that way.
    var lengthOf: ((PDFReference) -> Int?)?

    static let maximumDepth = 64

    init(_ bytes: [UInt8], at position: Int, end: Int? = nil, lengthOf: ((PDFReference) -> Int?)? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = min(end ?? bytes.count, bytes.count)
        self.lengthOf = lengthOf
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default: return false
        }
    }

    func failure(_ reason: String) -> PDFStructureError { PDFStructureError(offset: position, reason: reason) }

    mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < end, bytes[position] != 10, bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// A bare word (keyword or number) at the position, without consuming it.
    func peekToken() -> ArraySlice<UInt8> {
        var index = position
        while index < end, !Self.isWhitespace(bytes[index]), !Self.isDelimiter(bytes[index]) { index += 1 }
        return bytes[position..<index]
    }

    mutating func expectKeyword(_ keyword: String) throws {
        skipWhitespace()
        let token = peekToken()
        guard token.elementsEqual(keyword.utf8) else { throw failure("expected \"\(keyword)\"") }
        position += token.count
    }

    /// A non-negative whole number (object numbers, offsets, counts).
    mutating func readUnsigned() throws -> Int {
        skipWhitespace()
        var value = 0
        var digits = 0
        while position < end, (48...57).contains(bytes[position]) {
            guard digits < 15 else { throw failure("number too long") }
            value = value * 10 + Int(bytes[position] - 48)
            position += 1
            digits += 1
        }
        guard digits > 0 else { throw failure("expected a whole number") }
        return value
    }

    /// `N G obj`, returning the reference it names.
    mutating func readObjectHeader() throws -> PDFReference {
        let number = try readUnsigned()
        let generation = try readUnsigned()
        try expectKeyword("obj")
        return PDFReference(number: number, generation: generation)
    }

    /// One value; after a dictionary, the stream it heads when `stream` follows.
    mutating func readValue(depth: Int = 0) throws -> PDFValue {
        guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        skipWhitespace()
        guard position < end else { throw failure("unexpected end of data") }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "/"):
            return .name(readName())
        case UInt8(ascii: "("):
            return .string(try readLiteralString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFValue] = []
            while true {
                skipWhitespace()
                guard position < end else { throw failure("unterminated array") }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try readValue(depth: depth + 1))
            }
        case UInt8(ascii: "<"):
            if position + 1 < end, bytes[position + 1] == UInt8(ascii: "<") {
                let entries = try readDictionary(depth: depth)
                return try streamAfter(entries)
            }
            return .string(try readHexString())
        default:
            let token = peekToken()
            guard !token.isEmpty else { throw failure("unexpected character \(byte)") }
            if token.elementsEqual("true".utf8) { position += 4; return .boolean(true) }
            if token.elementsEqual("false".utf8) { position += 5; return .boolean(false) }
            if token.elementsEqual("null".utf8) { position += 4; return .null }
            guard let number = Self.number(token) else {
                throw failure("unexpected token \"\(String(decoding: token.prefix(20), as: UTF8.self))\"")
            }
            position += token.count
            // `N G R`: a whole number may be the start of a reference.
            if let first = Int(exactly: number), first >= 0, token.allSatisfy({ (48...57).contains($0) }) {
                let saved = position
                skipWhitespace()
                let second = peekToken()
                if !second.isEmpty, second.count < 8, second.allSatisfy({ (48...57).contains($0) }) {
                    position += second.count
                    skipWhitespace()
                    if peekToken().elementsEqual("R".utf8) {
                        position += 1
                        return .reference(PDFReference(number: first, generation: Int(Self.number(second) ?? 0)))
                    }
                }
                position = saved
            }
            return .number(number)
        }
    }

    static func number(_ token: ArraySlice<UInt8>) -> Double? {
        guard token.count < 40, token.allSatisfy({ (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 }) else {
            return nil
        }
        return Double(String(decoding: token, as: UTF8.self))
    }

    mutating func readName() -> String {
        position += 1
        var name: [UInt8] = []
        while position < end, !Self.isWhitespace(bytes[position]), !Self.isDelimiter(bytes[position]) {
            let byte = bytes[position]
            if byte == UInt8(ascii: "#"), position + 2 < end, let high = Self.hexValue(bytes[position + 1]),
               let low = Self.hexValue(bytes[position + 2]) {
                name.append(high << 4 | low)
                position += 3
            } else {
                name.append(byte)
                position += 1
            }
        }
        return String(decoding: name, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    mutating func readHexString() throws -> [UInt8] {
        position += 1
        var out: [UInt8] = []
        var high: UInt8?
        while position < end {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let first = high { out.append(first << 4) }
                return out
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else { throw failure("bad hex string") }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        throw failure("unterminated hex string")
    }

    mutating func readLiteralString() throws -> [UInt8] {
        position += 1
        var out: [UInt8] = []
        var open = 1
        while position < end {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                open += 1
                out.append(byte)
            case UInt8(ascii: ")"):
                open -= 1
                if open == 0 { return out }
                out.append(byte)
            case UInt8(ascii: "\\"):
                guard position < end else { throw failure("unterminated string") }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case 13:
                    if position < end, bytes[position] == 10 { position += 1 }
                case 10: break
                case 48...55:
                    var value = Int(escaped - 48)
                    var digits = 1
                    while digits < 3, position < end, (48...55).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - 48)
                        position += 1
                        digits += 1
                    }
                    out.append(UInt8(value & 0xFF))
                default: out.append(escaped)
                }
            case 13:
                // An end of line in a string is a line feed, whatever its form (§7.3.4.2).
                if position < end, bytes[position] == 10 { position += 1 }
                out.append(10)
            default:
                out.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    mutating func readDictionary(depth: Int) throws -> [String: PDFValue] {
        position += 2
        var entries: [String: PDFValue] = [:]
        while true {
            skipWhitespace()
            guard position + 1 < end else { throw failure("unterminated dictionary") }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return entries
            }
            guard bytes[position] == UInt8(ascii: "/") else { throw failure("a dictionary key must be a name") }
            let key = readName()
            entries[key] = try readValue(depth: depth + 1)
        }
    }

    /// A dictionary followed by `stream`: the data is `/Length` bytes (or, with a length that cannot
    /// be resolved, everything up to `endstream`).
    mutating func streamAfter(_ entries: [String: PDFValue]) throws -> PDFValue {
        let saved = position
        skipWhitespace()
        guard peekToken().elementsEqual("stream".utf8) else {
            position = saved
            return .dictionary(entries)
        }
        position += 6
        if position < end, bytes[position] == 13 { position += 1 }
        if position < end, bytes[position] == 10 { position += 1 }
        let start = position
        var length: Int?
        switch entries["Length"] {
        case .number(let value)?: length = Int(exactly: value)
        case .reference(let reference)?: length = lengthOf?(reference)
        default: break
        }
        if let length, length >= 0, length <= end - start {
            var after = PDFParser(bytes, at: start + length, end: end)
            after.skipWhitespace()
            if after.peekToken().elementsEqual("endstream".utf8) {
                position = after.position + 9
                return .stream(entries, bytes[start..<(start + length)])
            }
        }
        // No usable length: the data ends before the first `endstream`.
        guard let stop = bytes.indexOf(Array("endstream".utf8), from: start, within: end) else {
            throw failure("stream without endstream")
        }
        var dataEnd = stop
        if dataEnd > start, bytes[dataEnd - 1] == 10 { dataEnd -= 1 }
        if dataEnd > start, bytes[dataEnd - 1] == 13 { dataEnd -= 1 }
        position = stop + 9
        return .stream(entries, bytes[start..<dataEnd])
    }
}
