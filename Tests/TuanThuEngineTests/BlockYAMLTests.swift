import Foundation
import Testing
@testable import TuanThuEngine

/// `BlockYAML` reads a file into exactly the nodes libyaml's events give (text, style, line,
/// column), or declines it; a declined file is read by libyaml, errors and all.
struct BlockYAMLTests {
    static func libyaml(_ text: String) -> String? {
        (try? YAMLLoader.parseWithLibYAML(text: text, displayPath: "t.yaml")).map(YAMLEventsTests.describe)
    }

    static func blockYAML(_ text: String) -> String? {
        BlockYAML.parse(text, file: "t.yaml").map(YAMLEventsTests.describe)
    }

    /// Nil when `BlockYAML` declined `text`; otherwise whether it read what libyaml reads.
    static func agrees(_ text: String) -> Bool? {
        guard let read = blockYAML(text) else { return nil }
        return read == libyaml(text)
    }

    static func yamlFiles() throws -> [URL] {
        let root = Fixtures.repositoryRoot
        var files = try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml"].contains($0.pathExtension) }
        for folder in ["Inventories", "Rules", "Policies", "Tests", "docs", "Schemas"] {
            guard let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder),
                                                              includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                files.append(url)
            }
        }
        return files
    }

    @Test func everyYAMLFileOfTheRepositoryIsReadAsLibYAMLReadsIt() throws {
        let files = try Self.yamlFiles()
        #expect(files.count > 20)
        var read = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let agreement = Self.agrees(text)
            #expect(agreement != false, "\(file.path)")
            if agreement == true { read += 1 }
        }
        // Not all are declined: the sample inventories and the fixtures' are read.
        #expect(read >= 5, "read \(read) of \(files.count)")
    }

    @Test(arguments: ["Inventories/snv-tq.yaml", "Inventories/syt-tq.yaml",
                      "Tests/Fixtures/compliant-department/Inventories/so-mau.yaml"])
    func theSampleInventoriesAreReadWithoutLibYAML(path: String) throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(Self.agrees(text) == true)
    }

    @Test func anInventoryAsTuanthuImportWritesItIsRead() {
        let text = """
            # Kiểm kê hệ thống thông tin — Sở X
            organization:
              id: x
              name: "Sở X"
              units:
                - { id: van-phong-so, name: "Văn phòng Sở" }
                - {id: p2, name: 'Phòng ''Hai''', security-unit: true}
            systems:
              - id: he-thong-mot-cua
                name: "Hệ thống một cửa điện tử"
                information: [public, personal]
                tags: [ ]
                none: {}
                in-service: 2019-05-01
                level:
                  proposed: 3
                  approval:
                    decision: "45/QĐ-SNV"
                    date: 2023-06-12
            """
        #expect(Self.agrees(text) == true)
    }

    /// Random documents in the subset, laid out every way it allows: each is read, as libyaml reads it.
    @Test func generatedDocumentsAreReadAsLibYAMLReadsThem() {
        var generator = DocumentGenerator(seed: 20261203)
        for round in 0..<500 {
            let text = generator.document()
            let agreement = Self.agrees(text)
            #expect(agreement == true, "round \(round):\n\(text)\nlibyaml: \(Self.libyaml(text) ?? "error")\nBlockYAML: \(Self.blockYAML(text) ?? "declined")")
            if agreement != true { break }
        }
    }

    /// Documents altered a byte or a snippet at a time (quotes, colons, tabs, brackets, markers,
    /// line separators…): each is declined or read as libyaml reads it, never otherwise.
    @Test func alteredDocumentsAreDeclinedOrReadAsLibYAMLReadsThem() {
        var generator = DocumentGenerator(seed: 7)
        var declined = 0
        var read = 0
        for round in 0..<3_000 {
            let document = generator.document()
            let edits = 1 + generator.int(2)
            let altered = generator.altered(document, edits: edits)
            switch Self.agrees(altered) {
            case nil: declined += 1
            case true?: read += 1
            case false?:
                Issue.record("round \(round):\n\(altered)\nlibyaml: \(Self.libyaml(altered) ?? "error")\nBlockYAML: \(Self.blockYAML(altered) ?? "declined")")
                return
            }
        }
        // Both happen: the test sees reading and declining.
        #expect(declined > 300 && read > 300, "declined \(declined), read \(read)")
    }

    /// The sample inventories (comments, flow mappings, Vietnamese text), altered the same way.
    @Test(arguments: ["Inventories/snv-tq.yaml", "Tests/Fixtures/compliant-department/Inventories/so-mau.yaml"])
    func alteredSampleInventoriesAreDeclinedOrReadAsLibYAMLReadsThem(path: String) throws {
        let original = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        var generator = DocumentGenerator(seed: 11)
        var read = 0
        for round in 0..<300 {
            let altered = generator.altered(original, edits: 1)
            switch Self.agrees(altered) {
            case nil: break
            case true?: read += 1
            case false?:
                Issue.record("round \(round) of \(path): BlockYAML and libyaml differ")
                return
            }
        }
        #expect(read > 30, "read \(read)")
    }

    @Test(arguments: [
        // A key longer than libyaml's simple keys (1,024 characters).
        String(repeating: "k", count: 1_100) + ": v\n",
        // A line prefix NestingGuard refuses (over 400 characters), blank or not.
        "a:\n" + String(repeating: " ", count: 420) + "\nb: 1\n",
        // Brackets NestingGuard counts although they are in a scalar.
        "a: x" + String(repeating: "[", count: 210) + "\n",
        "a: 1\na: 2\n", "a:\n  b: 1\n  b: 2\n", "<<: x\n", "a: b: c\n", "a: 'x' y\n", "a: \"x\\ny\"\n",
        "a: x\n  y\n", "- a\n  - b\n", "a: 1\n- b\n", "---\na: 1\n", "a: 1\n...\n", "a:\tb\n", "a: b\r\n",
        "\u{FEFF}a: 1\n", "a: x\u{85}y\n", "a: x\u{2028}y\n", "a: [b, [c]]\n", "a: {b: c, }\n", "a: [b: c]\n",
        "a: {b}\n", "a: [12:30]\n", "- \n", "-\n  a: 1\n", "a: &x 1\n", "a: !!str 1\n", "a: |\n  x\n", "",
        "# only\n", "x\n", "'a': 1\n",
    ])
    func whatLibYAMLRefusesOrReadsOtherwiseIsDeclined(text: String) throws {
        #expect(BlockYAML.parse(text, file: "t.yaml") == nil)
        // And the loader gives libyaml's answer, error or nodes.
        let loaded = Result { try YAMLLoader.parse(text: text, displayPath: "t.yaml") }
        let expected = Result { try YAMLLoader.parseWithLibYAML(text: text, displayPath: "t.yaml") }
        switch (loaded, expected) {
        case (.success(let a), .success(let b)):
            #expect(YAMLEventsTests.describe(a) == YAMLEventsTests.describe(b))
        case (.failure(let a), .failure(let b)):
            #expect("\(a)" == "\(b)")
        default:
            Issue.record("loader and libyaml differ on \(text.debugDescription)")
        }
    }
}

/// Block YAML in the subset `BlockYAML` reads, laid out at random: indentation, indentless and
/// indented sequences, mappings inside items, spaces around colons and dashes, comments, blank
/// lines, trailing spaces, three scalar styles, Vietnamese text, flow collections of scalars.
struct DocumentGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func int(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    mutating func pick(_ choices: [String]) -> String { choices[int(choices.count)] }

    static let plainWords = ["a", "id", "httt-001", "Hệ thống thông tin", "Sở Lao động – Thương binh", "2026-01-01",
                             "12", "true", "null", "~", "x'y", "a#b", "a:b", "a,b", "a[b]", "a{x}", "đ", "🙂 ok",
                             "a  b", "45/QĐ-SNV", "Ư", "x?", "a-b"]
    static let flowWords = ["a", "id", "httt-001", "Hệ thống", "2026-01-01", "12", "x'y", "a#b", "đ", "a  b", "🙂"]
    static let singleQuoted = ["", "a", "it''s", "a: b", "x # y", "[a, b]", "Văn phòng", " spaced ", "\"q\"", "\\n"]
    static let doubleQuoted = ["", "a", "it's", "a: b", "x # y", "[a]", "Văn phòng", " spaced "]
    static let keyWords = ["id", "name", "a b", "TCVN11930.2.1.4", "tên", "Hệ thống", "x'y", "a#b", "a:b", "a[b]",
                           "k", "in-service", "PROC.X"]
    static let snippets = [" ", "\n", ":", ": ", "- ", "-", "#", " #", "'", "''", "\"", "\\", "[", "{", "]", "}", ",",
                           "&a ", "*a", "!", "|", ">", "\t", "\r", "---", "...", "é", "Ư", "\u{85}", "\u{2028}",
                           "\u{FEFF}", "<<", "?", "%", "@", "`", "a", "x: y", "  ", "    ", "\n  ", "\n- ",
                           "[a, b]", "{a: b}", "~"]

    /// `text` with `edits` changes, each the deletion of one to four characters or the insertion of
    /// a snippet, at random places.
    mutating func altered(_ text: String, edits: Int) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<edits {
            let position = int(scalars.count + 1)
            if chance(25), position < scalars.count {
                scalars.removeSubrange(position..<min(scalars.count, position + 1 + int(4)))
            } else {
                scalars.insert(contentsOf: Self.snippets[int(Self.snippets.count)].unicodeScalars, at: position)
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    mutating func spaces(_ low: Int, _ high: Int) -> String { String(repeating: " ", count: low + int(high - low + 1)) }

    mutating func scalar(flow: Bool) -> String {
        switch int(10) {
        case 0, 1: return "'" + pick(Self.singleQuoted) + "'"
        case 2: return "\"" + pick(Self.doubleQuoted) + "\""
        default: return pick(flow ? Self.flowWords : Self.plainWords)
        }
    }

    mutating func flowCollection() -> String {
        let count = int(4)
        if chance(50) {
            let items = (0..<count).map { _ in scalar(flow: true) }
            return "[" + spaces(0, 1) + items.joined(separator: "," + spaces(0, 2)) + spaces(0, 1) + "]"
        }
        var keys: Set<String> = []
        var entries: [String] = []
        for _ in 0..<count {
            let key = pick(Self.flowWords.filter { $0 != "~" && !$0.contains("'") })
            guard keys.insert(key).inserted else { continue }
            entries.append(key + spaces(0, 1) + ":" + spaces(1, 2) + scalar(flow: true))
        }
        return "{" + spaces(0, 1) + entries.joined(separator: "," + spaces(0, 2)) + spaces(0, 1) + "}"
    }

    /// The end of a line holding a value: nothing, spaces, or a comment.
    mutating func lineEnd() -> String {
        switch int(10) {
        case 0: return spaces(1, 3)
        case 1: return spaces(1, 2) + "# ghi chú: x"
        default: return ""
        }
    }

    /// Lines between entries that libyaml skips.
    mutating func filler(_ indent: Int) -> String {
        switch int(12) {
        case 0: return "\n"
        case 1: return String(repeating: " ", count: int(indent + 4)) + "# chú thích\n"
        case 2: return spaces(1, 5) + "\n"
        default: return ""
        }
    }

    mutating func document() -> String {
        var out = chance(20) ? "# tệp thử\n" : ""
        if chance(20) {
            sequence(indent: 0, into: &out, depth: 0)
        } else {
            mapping(indent: chance(10) ? 2 : 0, inline: false, into: &out, depth: 0)
        }
        return out
    }

    /// A block mapping at column `indent`; with `inline`, its first key continues the current line.
    mutating func mapping(indent: Int, inline: Bool, into out: inout String, depth: Int) {
        var keys: Set<String> = []
        let count = 1 + int(depth > 2 ? 3 : 5)
        for index in 0..<count {
            var key = pick(Self.keyWords)
            while !keys.insert(key).inserted { key += "\(int(10))" }
            if !(inline && index == 0) {
                out += filler(indent)
                out += String(repeating: " ", count: indent)
            }
            out += key + (chance(10) ? " " : "") + ":"
            let kind = depth > 3 ? int(5) : int(10)
            switch kind {
            case 0..<4:
                out += spaces(1, 2) + scalar(flow: false) + lineEnd() + "\n"
            case 4:
                out += (chance(50) ? "" : spaces(1, 2) + "# trống") + "\n"
            case 5, 6:
                out += lineEnd() + "\n"
                mapping(indent: indent + 1 + int(4), inline: false, into: &out, depth: depth + 1)
            case 7, 8:
                out += lineEnd() + "\n"
                sequence(indent: chance(50) ? indent : indent + 1 + int(4), into: &out, depth: depth + 1)
            default:
                out += spaces(1, 2) + flowCollection() + lineEnd() + "\n"
            }
        }
    }

    mutating func sequence(indent: Int, into out: inout String, depth: Int) {
        for _ in 0..<(1 + int(4)) {
            out += filler(indent)
            let lead = "-" + spaces(1, 3)
            out += String(repeating: " ", count: indent) + lead
            switch depth > 3 ? int(2) : int(6) {
            case 0, 1:
                out += scalar(flow: false).replacingOccurrences(of: ": ", with: ":") + lineEnd() + "\n"
            case 2:
                out += flowCollection() + lineEnd() + "\n"
            default:
                mapping(indent: indent + lead.count, inline: true, into: &out, depth: depth + 1)
            }
        }
    }
}
