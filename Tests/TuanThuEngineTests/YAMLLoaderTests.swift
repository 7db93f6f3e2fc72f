import Foundation
import Testing
@testable import TuanThuEngine

struct YAMLLoaderTests {
    func error(_ text: String) -> EngineError? {
        do {
            _ = try YAMLLoader.parse(text: text, displayPath: "f.yaml")
            return nil
        } catch let error as EngineError {
            return error
        } catch {
            return .usage("\(error)")
        }
    }

    @Test func keepsLineAndColumnOfEveryNode() throws {
        let node = try YAMLLoader.parse(text: "a:\n  b: [1, 2]\n", displayPath: "f.yaml")
        let map = try node.mapping("root")
        let b = try map.required("a").mapping("a").required("b")
        #expect(b.location == SourceLocation(file: "f.yaml", line: 2, column: 6))
        let items = try b.list("b")
        #expect(items[1].location.column == 10)
    }

    @Test func malformedYAMLNamesTheLine() {
        let failure = error("a: 1\nb: [1, 2\nc: 3\n")
        #expect(failure?.location?.file == "f.yaml")
        #expect((failure?.location?.line ?? 0) >= 2)
        #expect(failure?.message.contains("malformed YAML") == true)
    }

    @Test func anchorsAndAliasesAreRefused() {
        let failure = error("a: &x 1\nb: *x\n")
        #expect(failure?.location?.line == 1)
        #expect(failure?.message.contains("anchors") == true)
    }

    /// Tags outside the core schema are refused where they stand (issue 20); the core ones are read.
    @Test(arguments: [("a: 1\nb: !!python/object:os.system [ls]\n", 2, 4, "!!python/object:os.system"),
                      ("a:\n  - !custom x\n", 2, 5, "!custom"),
                      ("!<tag:example.com,2000:app/foo> {a: 1}\n", 1, 1, "tag:example.com,2000:app/foo"),
                      ("a: !!binary aGVsbG8=\n", 1, 4, "!!binary")])
    func tagsOutsideTheCoreSchemaAreRefused(_ text: String, _ line: Int, _ column: Int, _ tag: String) {
        let failure = error(text)
        #expect(failure?.location == SourceLocation(file: "f.yaml", line: line, column: column))
        #expect(failure?.message.contains("the YAML tag '\(tag)' is not allowed") == true, "\(String(describing: failure))")
    }

    @Test func coreSchemaTagsAreRead() throws {
        let node = try YAMLLoader.parse(text: "a: !!str 12\nb: !!int 3\nc: !!seq [x]\nd: ! plain\n", displayPath: "f.yaml")
        #expect(try node.mapping("root").required("a").string("a") == "12")
    }

    @Test func aliasBombEndsInAnErrorNotAHang() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for index in 1..<30 {
            let previous = "*a\(index - 1)"
            text += "a\(index): &a\(index) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        let failure = error(text)
        #expect(failure?.location == SourceLocation(file: "f.yaml", line: 1, column: 5))
    }

    @Test func undefinedAliasIsAnError() {
        #expect(error("a: *nothing\n")?.message.contains("aliases") == true)
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error("a: " + deep)?.message.contains("nested") == true)
        let deepBlock = String(repeating: "- ", count: 50_000) + "x\n"
        #expect(error(deepBlock)?.message.contains("nested") == true)
    }

    @Test func apostropheInPlainTextDoesNotHideBrackets() {
        let deep = String(repeating: "[", count: 5_000)
        #expect(error("name: Sở's portal\nb: " + deep)?.message.contains("nested") == true)
    }

    @Test func emptyFileIsAnError() {
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("# only a comment\n")?.message.contains("empty") == true)
    }

    @Test func nonUTF8BytesAreLocated() {
        var data = Data("a: ok\nb: ".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        do {
            _ = try YAMLLoader.parse(data: data, displayPath: "bin.yaml")
            Issue.record("binary data must not parse")
        } catch let error as EngineError {
            #expect(error.location == SourceLocation(file: "bin.yaml", line: 2, column: 4))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func duplicateKeysAreAnError() {
        #expect(error("a: 1\na: 2\n")?.message.contains("duplicate key") == true)
    }

    @Test(arguments: ["plain", " lead", "trail\t", "\u{00A0}nbsp\u{3000}", "\r\nboth\u{2028}", "   ", "",
                      "in side", "\u{0085}x\u{200A}", "Sở Lao động "])
    func trimmingMatchesFoundation(text: String) {
        #expect(YNode.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A large mapping (hundreds of controls) is read through an index: every key found, an
    /// unknown one still refused, a repeated one still caught.
    @Test func largeMappingsAreReadByIndex() throws {
        let keys = (0..<300).map { "k\($0)" }
        let text = keys.map { "\($0): v-\($0)" }.joined(separator: "\n") + "\n"
        let reader = try MappingReader(YAMLLoader.parse(text: text, displayPath: "f.yaml"), context: "test")
        for key in keys.dropLast() { #expect(try reader.optional(key)?.string(key) == "v-\(key)") }
        #expect(reader.optional("absent") == nil)
        #expect(throws: EngineError.self) { try reader.finish() }
        #expect(reader.keyLocation("k299")?.line == 300)
    }
}
