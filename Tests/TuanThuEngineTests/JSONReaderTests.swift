import Foundation
import Testing
@testable import TuanThuEngine

/// The streaming JSON reader of baselines and `verify-report` (issue 20): strict JSON, every error
/// at its line and column, bounded nesting, and a large report read in one pass.
struct JSONReaderTests {
    static func node(_ text: String) throws -> YNode {
        var reader = JSONReader(bytes: Array(text.utf8), file: "r.json")
        let node = try reader.value()
        try reader.end()
        return node
    }

    static func error(_ text: String) -> EngineError? {
        do {
            _ = try node(text)
            return nil
        } catch let error as EngineError {
            return error
        } catch {
            return nil
        }
    }

    @Test func valuesAreReadAsYAMLWouldReadThem() throws {
        let root = try Self.node("""
            {
              "a": "x\\"y\\\\z\\/\\n\\t\\u00e9\\ud83d\\ude00",
              "n": -12.5e+3, "z": 0, "t": true, "f": false, "nil": null,
              "list": [1, [], {}, "Sở"]
            }
            """)
        let top = try root.mapping("top")
        #expect(try top.required("a").string("a") == "x\"y\\z/\n\té😀")
        #expect(top.optional("n")?.scalarText == "-12.5e+3")
        #expect(top.optional("z")?.scalarText == "0")
        #expect(top.optional("t")?.scalarText == "true")
        #expect(top.optional("nil") == nil, "null is an empty value")
        let list = try top.required("list").list("list")
        #expect(list.count == 4)
        #expect(list[3].scalarText == "Sở")
        #expect(list[3].location.line == 4)
        #expect(list[3].location.column == 23, "columns count characters")
        #expect(top.keyLocation("n")?.line == 3)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a key in quotes"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\n  \"a\": 01\n}", 2, 8, "a number with a leading zero"),
        ("[1.]", 1, 2, "expected digits after '.'"),
        ("[-]", 1, 2, "expected a value"),
        ("[\"a\u{1}b\"]", 1, 4, "a control character in a string"),
        ("[\"a\\u0000b\"]", 1, 4, "a control character in a string"),
        ("[\"a\\u001bb\"]", 1, 4, "a control character in a string"),
        ("[\"a\\u009bb\"]", 1, 4, "a control character in a string"),
        ("[\"\\ud800x\"]", 1, 3, "a lone surrogate"),
        ("[\"\\x41\"]", 1, 3, "is not a JSON escape"),
        ("[\"abc", 1, 6, "the file ends inside a string"),
        ("[1] [2]", 1, 5, "more after the end"),
        ("[", 1, 2, "the file ends before a value"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key 'a'"),
        ("nul", 1, 1, "expected a value"),
    ])
    func malformedJSONNamesItsPlace(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        let error = Self.error(text)
        #expect(error?.location?.line == line, "\(text): \(String(describing: error))")
        #expect(error?.location?.column == column, "\(text): \(String(describing: error))")
        #expect(error?.message.contains(fragment) == true, "\(text): \(String(describing: error))")
    }

    @Test func invalidUTF8InAStringIsRefused() {
        var reader = JSONReader(bytes: Array("[\"a".utf8) + [0xFF, 0xFE] + Array("\"]".utf8), file: "r.json")
        #expect(throws: EngineError.self) { _ = try reader.value() }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.error(deep)?.message.contains("JSON nested more than 200 levels deep") == true)
        var reader = JSONReader(bytes: Array(deep.utf8), file: "r.json")
        #expect(throws: EngineError.self) { try reader.skip() }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(Self.error(fine) == nil)
    }

    /// A schema-2 report gives titles in `rules`, after the findings or before: both are read.
    @Test func baselineTitlesComeFromTheRulesTableWhereverItStands() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("old.json")
        try Data("""
            {"schemaVersion": "2.0", "organization": {"id": "so"},
             "findings": [{"rule": "R1", "system": "a", "status": "fail"}, {"rule": "R2", "system": "a", "status": "pass"}],
             "plan": [{"id": "a:R1", "due": "2027-01-01"}],
             "rules": {"R1": {"title": "Rule one"}}, "unknown": [{"deep": [1, 2, {"x": null}]}]}
            """.utf8).write(to: file)
        let baseline = try Baseline.load(file, displayPath: "old.json")
        let gaps = baseline.openBySystem["a"]?.values.map { $0 } ?? []
        #expect(gaps.map(\.title) == ["Rule one"])
        #expect(gaps.first?.organization == "so")
        #expect(baseline.due.count == 1)
        try Data("{\"findings\": []}".utf8).write(to: file)
        #expect(throws: EngineError.input(SourceLocation(file: "old.json", line: 1, column: 1),
                                          "a tuanthu JSON report is missing required key 'schemaVersion'")) {
            try Baseline.load(file, displayPath: "old.json")
        }
    }

    /// 100,000 findings (a report of tens of megabytes): read in one pass.
    @Test(.timeLimit(.minutes(1))) func aLargeBaselineIsReadAsAStream() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let findings = (0..<100_000).map {
            "    {\"rule\": \"R\($0 % 50)\", \"system\": \"s\($0)\", \"status\": \"\($0 % 2 == 0 ? "fail" : "pass")\", "
                + "\"title\": \"Tiêu đề \($0)\", \"message\": \"\(String(repeating: "x", count: 100))\"}"
        }
        let file = root.appendingPathComponent("big.json")
        try Data(("{\n  \"schemaVersion\": \"1.5\",\n  \"findings\": [\n" + findings.joined(separator: ",\n") + "\n  ]\n}\n").utf8)
            .write(to: file)
        let baseline = try Baseline.load(file, displayPath: "big.json")
        #expect(baseline.openBySystem.count == 50_000)
        #expect(baseline.openBySystem["s99998"]?.values.first?.title == "Tiêu đề 99998")
    }
}
