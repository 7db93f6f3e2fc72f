/// Where an object of a PDF lives, as its cross-reference table says.
enum PDFXrefEntry: Hashable, Sendable {
    case free
    /// At a byte offset of the file, with its generation.
    case offset(Int, generation: Int)
    /// The `index`-th object of object stream `stream`.
    case compressed(stream: Int, index: Int)
}

/// One revision of a PDF as a reader sees it: the bytes up to `end` (a signature's revision ends at
/// the last byte it covers), its trailer and its cross-reference table, merged over the `/Prev`
/// chain (classic tables and cross-reference streams, hybrid files' `/XRefStm` included).
final class PDFDocument {
    let bytes: [UInt8]
    let end: Int
    private(set) var trailer: [String: PDFValue] = [:]
    private(set) var entries: [Int: PDFXrefEntry] = [:]
    private var objectStreams: [Int: [Int: PDFValue]] = [:]
    /// Objects already read: the comparison and the walk ask for the same objects again.
    private var objects: [Int: PDFValue] = [:]
    private var loading: Set<Int> = []
    /// The bytes inflated so far, over all streams; bounded so a hostile file cannot cost more than
    /// a real document.
    private var inflated = 0

    static let maximumSections = 4096
    static let maximumObjects = 1 << 22
    static let maximumInflated = 256 << 20

    init(_ bytes: [UInt8], end: Int) throws {
        self.bytes = bytes
        self.end = min(end, bytes.count)
        var offset = try Self.startxref(bytes, end: self.end)
        var seen: Set<Int> = []
        var first = true
        while true {
            guard seen.insert(offset).inserted else {
                throw PDFStructureError(offset: offset, reason: "the /Prev chain of cross-reference sections loops")
            }
            guard seen.count <= Self.maximumSections else {
                throw PDFStructureError(offset: offset, reason: "more than \(Self.maximumSections) cross-reference sections")
            }
            let section = try readSection(at: offset)
            if first {
                trailer = section
                first = false
            }
            guard let previous = section["Prev"] else { break }
            guard let next = previous.integer, next >= 0, next < self.end else {
                throw PDFStructureError(offset: offset, reason: "/Prev points outside the revision")
            }
            offset = next
        }
        guard trailer["Root"]?.reference != nil else {
            throw PDFStructureError(offset: self.end, reason: "the trailer names no /Root")
        }
    }

    /// The offset after the last `startxref` of the revision.
    private static func startxref(_ bytes: [UInt8], end: Int) throws -> Int {
        let window = max(0, end - 2048)
        var found: Int?
        var from = window
        let keyword = Array("startxref".utf8)
        while let at = bytes.indexOf(keyword, from: from, within: end) {
            found = at
            from = at + keyword.count
        }
        guard let at = found else {
            throw PDFStructureError(offset: end, reason: "no startxref in the last 2 KiB of the revision")
        }
        var parser = PDFParser(bytes, at: at + keyword.count, end: end)
        let offset = try parser.readUnsigned()
        guard offset < end else { throw PDFStructureError(offset: at, reason: "startxref points past the revision") }
        return offset
    }

    private func record(_ number: Int, _ entry: PDFXrefEntry) throws {
        guard number >= 0, number < Self.maximumObjects else {
            throw PDFStructureError(offset: 0, reason: "object number \(number) is out of range")
        }
        // Newer sections are read first: the first entry for a number wins.
        if entries[number] == nil { entries[number] = entry }
    }

    /// Reads one section and returns its trailer dictionary.
    private func readSection(at offset: Int) throws -> [String: PDFValue] {
        var parser = PDFParser(bytes, at: offset, end: end)
        parser.skipWhitespace()
        if parser.peekToken().elementsEqual("xref".utf8) {
            parser.position += 4
            return try readClassicSection(&parser)
        }
        let stream = try readIndirect(at: offset, expecting: nil)
        guard stream.value["Type"]?.name == "XRef" else {
            throw PDFStructureError(offset: offset, reason: "startxref points at neither xref nor a cross-reference stream")
        }
        try readStreamSection(stream.value, at: offset)
        return stream.value.dictionary ?? [:]
    }

    private func readClassicSection(_ parser: inout PDFParser) throws -> [String: PDFValue] {
        // Kept aside until the trailer is read: a hybrid file's /XRefStm comes first, its entries
        // standing for the objects its table lists as free (ISO 32000-1 §7.5.8.4).
        var table: [(Int, PDFXrefEntry)] = []
        while true {
            parser.skipWhitespace()
            if parser.peekToken().elementsEqual("trailer".utf8) {
                parser.position += 7
                guard case .dictionary(let trailer) = try parser.readValue() else {
                    throw parser.failure("the trailer is not a dictionary")
                }
                if let hybrid = trailer["XRefStm"]?.integer, hybrid >= 0, hybrid < end {
                    let stream = try readIndirect(at: hybrid, expecting: nil)
                    try readStreamSection(stream.value, at: hybrid)
                }
                for (number, entry) in table { try record(number, entry) }
                return trailer
            }
            let first = try parser.readUnsigned()
            let count = try parser.readUnsigned()
            guard count <= Self.maximumObjects, first <= Self.maximumObjects - count,
                  table.count + count <= Self.maximumObjects else {
                throw parser.failure("a cross-reference subsection of \(count) entries")
            }
            for index in 0..<count {
                let field = try parser.readUnsigned()
                let generation = try parser.readUnsigned()
                parser.skipWhitespace()
                guard parser.position < parser.end else { throw parser.failure("cut cross-reference table") }
                let kind = parser.bytes[parser.position]
                parser.position += 1
                switch kind {
                case UInt8(ascii: "n"): table.append((first + index, .offset(field, generation: generation)))
                case UInt8(ascii: "f"): table.append((first + index, .free))
                default: throw parser.failure("a cross-reference entry is neither n nor f")
                }
            }
        }
    }

    private func readStreamSection(_ stream: PDFValue, at offset: Int) throws {
        guard let widths = stream["W"]?.array?.compactMap(\.integer), widths.count == 3,
              widths.allSatisfy({ (0...8).contains($0) }), widths[1] > 0 else {
            throw PDFStructureError(offset: offset, reason: "a cross-reference stream without a usable /W")
        }
        let size = stream["Size"]?.integer ?? 0
        var ranges: [(Int, Int)] = []
        if let index = stream["Index"]?.array?.compactMap(\.integer) {
            guard index.count % 2 == 0 else { throw PDFStructureError(offset: offset, reason: "an odd /Index") }
            ranges = stride(from: 0, to: index.count, by: 2).map { (index[$0], index[$0 + 1]) }
        } else {
            ranges = [(0, size)]
        }
        let data = try decoded(stream)
        let rowLength = widths.reduce(0, +)
        var position = 0
        func field(_ width: Int) -> Int {
            var value = 0
            for _ in 0..<width {
                value = value << 8 | Int(data[position])
                position += 1
            }
            return value
        }
        for (first, count) in ranges {
            guard first >= 0, count >= 0, count <= Self.maximumObjects, first <= Self.maximumObjects - count else {
                throw PDFStructureError(offset: offset, reason: "an /Index range out of bounds")
            }
            for number in first..<(first + count) {
                guard position + rowLength <= data.count else {
                    throw PDFStructureError(offset: offset, reason: "a cross-reference stream shorter than its /Index")
                }
                let type = widths[0] == 0 ? 1 : field(widths[0])
                let second = field(widths[1])
                let third = field(widths[2])
                switch type {
                case 0: try record(number, .free)
                case 1: try record(number, .offset(second, generation: third))
                case 2: try record(number, .compressed(stream: second, index: third))
                default: break  // Unknown types are null references (§7.5.8.3).
                }
            }
        }
    }

    private func decoded(_ stream: PDFValue) throws -> [UInt8] {
        let data = try PDFStreamDecoder.decode(stream, limit: Self.maximumInflated - inflated)
        inflated += data.count
        return data
    }

    /// The object at a byte offset, `N G obj value`.
    private func readIndirect(at offset: Int, expecting reference: PDFReference?) throws -> (reference: PDFReference, value: PDFValue) {
        guard offset >= 0, offset < end else {
            throw PDFStructureError(offset: offset, reason: "an object offset outside the revision")
        }
        // A length that cannot be resolved (missing, or a loop) falls back to `endstream`.
        var parser = PDFParser(bytes, at: offset, end: end) { [unowned self] reference in
            (try? self.object(reference.number))?.integer
        }
        let header = try parser.readObjectHeader()
        if let reference, header.number != reference.number {
            throw PDFStructureError(offset: offset, reason: "object \(reference.number) is not at its cross-reference offset")
        }
        return (header, try parser.readValue())
    }

    /// An object by number (its generation as the table gives it); nil for a free or absent one.
    func object(_ number: Int) throws -> PDFValue? {
        guard let entry = entries[number] else { return nil }
        switch entry {
        case .free:
            return nil
        case .offset(let offset, _):
            if let known = objects[number] { return known }
            guard loading.insert(number).inserted else {
                throw PDFStructureError(offset: offset, reason: "object \(number) refers to itself for its length")
            }
            defer { loading.remove(number) }
            let value = try readIndirect(at: offset, expecting: PDFReference(number: number, generation: 0)).value
            objects[number] = value
            return value
        case .compressed(let stream, let index):
            return try objectStream(stream)[index]
        }
    }

    /// The objects of an object stream (§7.5.7), by their index in it.
    private func objectStream(_ number: Int) throws -> [Int: PDFValue] {
        if let cached = objectStreams[number] { return cached }
        guard case .offset? = entries[number], let stream = try object(number),
              stream["Type"]?.name == "ObjStm" else {
            throw PDFStructureError(offset: 0, reason: "object stream \(number) is missing")
        }
        let count = stream["N"]?.integer ?? -1
        let first = stream["First"]?.integer ?? -1
        let data = try decoded(stream)
        guard count >= 0, count <= Self.maximumObjects, first >= 0, first <= data.count else {
            throw PDFStructureError(offset: 0, reason: "object stream \(number) has unusable /N or /First")
        }
        var header = PDFParser(data, at: 0, end: first)
        var offsets: [Int] = []
        for _ in 0..<count {
            _ = try header.readUnsigned()
            offsets.append(try header.readUnsigned())
        }
        var objects: [Int: PDFValue] = [:]
        for (index, offset) in offsets.enumerated() {
            guard first + offset < data.count else {
                throw PDFStructureError(offset: 0, reason: "object stream \(number) points past its data")
            }
            var parser = PDFParser(data, at: first + offset)
            objects[index] = try parser.readValue()
        }
        objectStreams[number] = objects
        return objects
    }

    /// The value, following one reference (a direct value is returned as it is).
    func resolve(_ value: PDFValue?) throws -> PDFValue? {
        guard let value else { return nil }
        if case .reference(let reference) = value { return try object(reference.number) }
        return value
    }
}
