import Foundation
import Testing
import Yams
@testable import TuanThuEngine

/// `YAMLEvents` builds nodes from libyaml's events; Yams, which tuanthu used before, is the oracle:
/// the same trees, the same error locations, for valid and broken input alike.
struct YAMLEventsTests {
    static let inputs: [String] = [
        "a: 1\nb: [1, 2]\nc: {d: 'e', f: \"g\"}\n",
        "- a\n- {b: c, 'd': \"e\"}\n- ? complex\n  : value\n- |\n  block\n  text\n- >\n  folded\n",
        "a:\n  - 1\n  -\n    b: ~\n    c:\n  - []\n  - {}\n",
        "---\n",
        "--- plain\n...\n",
        "Tiếng Việt: \"Sở Lao động – Thương binh và Xã hội\"\nkey: giá trị có dấu\n",
        "",
        "# only a comment\n",
        "a: 1\na: 2\n",
        "b: 1\na: 1\nb: 2\na: 3\nc: 4\n",
        "outer:\n  x: 1\n  x: 2\n",
        "a: [1, 2\nb: 3\n",
        "a: 'unterminated\n",
        "a: b: c\n",
        "--- a\n--- b\n",
        "a: \u{01}\n",
        "x: &anchor 1\ny: *anchor\n",
        "y: *undefined\n",
        "&m {a: 1}\n",
        "- &s [1]\n",
        "\tindented: with a tab\n",
        // Which error wins when there are several, and what counts as the same key.
        "a: &x 1\nb: *y\n",
        "a: &x 1\nb: [\n",
        "a: &x 1\na: 2\n",
        "x: &a [1]\ny: *a\n",
        "k: v\n--- &z second\n",
        "!!int 1: a\n1: b\n",
        "'a': 1\na: 2\n",
        "!!str a: 1\na: 2\n",
        "[a]: 1\n[a]: 2\n",
        "{b: 1}: x\n{b: 1}: y\n",
        // Large mappings (keys are then hashed, not compared pairwise): none, one and two
        // repeated keys, keys of the same text with other tags, and a collection among the keys.
        largeMapping { "k\($0): \($0)" },
        largeMapping { $0 == 27 ? "k5: again" : "k\($0): \($0)" },
        largeMapping { $0 == 27 ? "k5: again" : $0 == 29 ? "k2: again" : "k\($0): \($0)" },
        largeMapping { $0 == 27 ? "!!int 7: tagged" : $0 == 28 ? "'k3': quoted" : "\($0): \($0)" },
        largeMapping { $0 == 27 ? "[a]: 1" : $0 == 29 ? "[a]: 2" : "k\($0): \($0)" },
    ]

    /// Thirty lines of one mapping.
    static func largeMapping(_ line: (Int) -> String) -> String {
        (0..<30).map { line($0) + "\n" }.joined()
    }

    /// The tree as text: every node with its line and column.
    static func describe(_ node: YNode) -> String {
        let at = "@\(node.location.line):\(node.location.column)"
        switch node.content {
        case .scalar(let text, let plain): return "\(plain ? "" : "'")\(text)\(at)"
        case .mapping(let pairs):
            return "{" + pairs.map { describe($0.key) + ":" + describe($0.value) }.joined(separator: ",") + "}\(at)"
        case .sequence(let items): return "[" + items.map(describe).joined(separator: ",") + "]\(at)"
        }
    }

    /// Where the first anchor is, in document order (what tuanthu's conversion of Yams's tree met first).
    static func firstAnchor(_ node: Node) -> Mark? {
        switch node {
        case .scalar(let scalar): return scalar.anchor != nil ? node.mark : nil
        case .mapping(let mapping):
            if mapping.anchor != nil { return node.mark }
            for (key, value) in mapping {
                if let mark = firstAnchor(key) ?? firstAnchor(value) { return mark }
            }
            return nil
        case .sequence(let sequence):
            if sequence.anchor != nil { return node.mark }
            return sequence.lazy.compactMap(firstAnchor).first
        case .alias: return nil
        }
    }

    static func describe(_ node: Node) -> String? {
        let at = "@\(node.mark?.line ?? 0):\(node.mark?.column ?? 0)"
        if (node.scalar?.anchor ?? node.mapping?.anchor ?? node.sequence?.anchor) != nil { return nil }
        switch node {
        case .scalar(let scalar): return "\(scalar.style == .plain ? "" : "'")\(scalar.string)\(at)"
        case .mapping(let mapping):
            var parts: [String] = []
            for (key, value) in mapping {
                guard let key = describe(key), let value = describe(value) else { return nil }
                parts.append(key + ":" + value)
            }
            return "{" + parts.joined(separator: ",") + "}\(at)"
        case .sequence(let sequence):
            let items = sequence.map(describe)
            guard !items.contains(where: { $0 == nil }) else { return nil }
            return "[" + items.compactMap { $0 }.joined(separator: ",") + "]\(at)"
        case .alias: return nil
        }
    }

    @Test(arguments: inputs)
    func readsAsYamsRead(text: String) throws {
        var ours: String
        var location: TuanThuEngine.SourceLocation?
        do {
            ours = try Self.describe(YAMLLoader.parse(text: text, displayPath: "f.yaml"))
        } catch let error as EngineError {
            ours = "error"
            location = error.location
        }
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            guard let root = try parser.singleRoot() else {
                let start = TuanThuEngine.SourceLocation(file: "f.yaml", line: 1, column: 1)
                #expect(ours == "error" && location == start, "empty: \(ours)")
                return
            }
            if let tree = Self.describe(root) {
                #expect(ours == tree)
            } else {
                // Anchors and aliases: Yams accepts them, tuanthu refuses them at the first anchor.
                let mark = Self.firstAnchor(root)
                #expect(ours == "error" && location?.line == mark?.line && location?.column == mark?.column,
                        "\(ours) at \(String(describing: location)), first anchor at \(String(describing: mark))")
            }
        } catch let error as YamlError {
            #expect(ours == "error", "Yams refused it: \(error)")
            switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                #expect(location?.line == mark.line && location?.column == mark.column, "\(error)")
            case .duplicatedKeysInMapping(_, let context):
                #expect(location?.line == context.mark.line && location?.column == context.mark.column, "\(error)")
            case .reader:
                #expect(location?.line == 1)
            default:
                Issue.record("unexpected Yams error \(error)")
            }
        }
    }

    @Test func errorsAreWorded() {
        func message(_ text: String) -> String {
            do {
                _ = try YAMLLoader.parse(text: text, displayPath: "f.yaml")
                return ""
            } catch let error as EngineError {
                return "\(error)"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("b: 1\na: 1\nb: 2\na: 3\n") == "f.yaml:2:1: error: duplicate key 'a', 'b' in the same mapping")
        #expect(message("--- a\n--- b\n") == "f.yaml:2:1: error: malformed YAML: but found another document "
                + "(expected a single document in the stream)")
        #expect(message("y: *undefined\n").contains("aliases (*name) are not allowed"))
        #expect(message("a: \u{01}\n")
                .hasPrefix("f.yaml:1:4: error: unreadable YAML: control characters are not allowed"))
        #expect(message("a: [1, 2\nb: 3\n") == "f.yaml:2:2: error: malformed YAML: did not find expected ',' or ']' "
                + "(while parsing a flow sequence); hint: close the '[' list or '{' mapping opened above on its own "
                + "line, and put in quotes a value that contains a comma or a colon")
    }
}
