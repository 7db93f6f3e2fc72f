import Foundation
import Testing

/// Every kind of bad input: exit code 2, `file:line:column: error:` at the line of the problem,
/// and the output folder left exactly as it was.
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let contents: Data
        let line: Int
        let fragment: String
        var testDescription: String { name }
    }

    static let valid = """
        organization:
          id: so
          name: Sở
          units:
            - { id: vp, name: Văn phòng, security-unit: true }
        systems:
          - id: a
            name: A
            owner: so
            operator: vp
            type: internal
            information: [private]
            in-service: 2020-01-01
            level: { proposed: 2 }
        """

    static func edit(_ old: String, _ new: String) -> Data {
        Data(valid.replacingOccurrences(of: old, with: new).utf8)
    }

    static let bomb: Data = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x]\n"
        for index in 1..<40 {
            text += "a\(index): &a\(index) [" + Array(repeating: "*a\(index - 1)", count: 8).joined(separator: ", ") + "]\n"
        }
        return Data(text.utf8)
    }()

    static let cases: [Case] = [
        Case(name: "malformed YAML", contents: edit("[private]", "[private"), line: 13, fragment: "malformed YAML"),
        Case(name: "unknown key", contents: edit("    owner: so", "    owner: so\n    colour: red"), line: 10,
             fragment: "unknown key 'colour'"),
        Case(name: "misspelt enum value", contents: edit("[private]", "[secrte]"), line: 12,
             fragment: "unknown information type 'secrte'"),
        Case(name: "impossible date", contents: edit("2020-01-01", "2020-02-31"), line: 13,
             fragment: "not a real calendar date"),
        Case(name: "level outside 1-5", contents: edit("proposed: 2", "proposed: 0"), line: 14,
             fragment: "between 1 and 5"),
        Case(name: "duplicate system id",
             contents: Data((valid + "\n" + valid.components(separatedBy: "systems:\n")[1]).utf8), line: 15,
             fragment: "duplicate system id 'a'"),
        Case(name: "path escaping the workspace", contents: edit("    in-service", "    documents: [../../../etc]\n    in-service"),
             line: 13, fragment: "outside the workspace"),
        Case(name: "not YAML at all", contents: Data([0x25, 0x50, 0x44, 0x46, 0x0A, 0xFF, 0xD8, 0x00, 0x01]), line: 2,
             fragment: "not UTF-8"),
        Case(name: "empty file", contents: Data(), line: 1, fragment: "empty"),
        Case(name: "YAML alias bomb", contents: bomb, line: 1, fragment: "anchors"),
        Case(name: "misspelt control id", contents: Data((valid + "\n    controls: { TCVN11930.1.1.9: implemented }").utf8),
             line: 15, fragment: "did you mean 'TCVN11930.1.1.1'"),
        Case(name: "transfer from an unknown body", contents: edit("    in-service: 2020-01-01",
                                                                   "    in-service: 2020-01-01\n    transferred: { from: sldtbxh, date: 2025-03-01 }"),
             line: 14, fragment: "'sldtbxh' is not a predecessor of organization 'so'"),
        Case(name: "NUL written as an escape", contents: edit("    name: A", "    name: \"A\\0B\""), line: 8,
             fragment: "control character (U+0000)"),
        Case(name: "ESC written as an escape", contents: edit("    name: A", "    name: \"A\\e[2JB\""), line: 8,
             fragment: "control character (U+001B)"),
        Case(name: "C1 control written as an escape", contents: edit("    name: A", "    name: \"A\\x9BB\""), line: 8,
             fragment: "control character (U+009B)"),
        Case(name: "merge key", contents: edit("    owner: so", "    <<: { owner: so }"), line: 9,
             fragment: "merge keys (<<) are not allowed"),
        Case(name: "merge key of an anchor", contents: Data(("base: &b { owner: so }\n" + valid)
            .replacingOccurrences(of: "    owner: so", with: "    <<: *b").utf8), line: 10, fragment: "merge keys"),
        Case(name: "control retired by the re-grounding", contents: Data((valid + "\n    controls: { TCVN11930.QL.5.10: implemented }").utf8),
             line: 15, fragment: "declare its status as 'TCVN11930.1.6'"),
    ]

    @Test(arguments: cases)
    func badInventoryIsExitTwoAndLeavesReportsAlone(_ badCase: Case) throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": badCase.contents])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let reports = workspace.appendingPathComponent("Reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try Data("previous report".utf8).write(to: reports.appendingPathComponent("so.json"))
        let before = CLIRunner.snapshot(reports)
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 2, "\(badCase.name): \(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasPrefix("Inventories/so.yaml:\(badCase.line):"), "\(badCase.name): \(run.stderr)")
        #expect(run.stderr.contains(": error: "))
        #expect(run.stderr.contains(badCase.fragment), "\(badCase.name): \(run.stderr)")
        #expect(CLIRunner.snapshot(reports) == before)
        let validate = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(validate.status == 2)
        // The contract's English line, then its Vietnamese wording by default; English alone with --lang en.
        #expect(run.stderr.contains(" — "), "\(badCase.name): no Vietnamese wording: \(run.stderr)")
        let english = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01", "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderr.contains(badCase.fragment), "\(badCase.name): \(english.stderr)")
        #expect(!english.stderr.contains("không") && !english.stderr.contains(" — "), "\(english.stderr)")
    }

    @Test func namedPipeInsteadOfACertificateNeverHangs() throws {
        let inventory = Self.valid + "\n    certificates: [{ file: certs/pipe.pem, purpose: document-signing }]"
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(inventory.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let certs = workspace.appendingPathComponent("Inventories/certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        #expect(mkfifo(certs.appendingPathComponent("pipe.pem").path, 0o600) == 0)
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("it is a named pipe (FIFO), not a file"), "\(run.stderr)")
    }

    @Test func badRulePackIsExitTwoWithItsLocation() throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(Self.valid.utf8)], rules: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let pack = workspace.appendingPathComponent("Rules/core/level-approval.yaml")
        let text = try String(contentsOf: pack, encoding: .utf8)
            .replacingOccurrences(of: "check: { kind: level-declared }", with: "check: { kind: level-declard }")
        try Data(text.utf8).write(to: pack)
        let run = try CLIRunner.run(["audit", workspace.path, "--rules", workspace.path + "/Rules", "--as-of", "2026-03-01"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Rules/core/level-approval.yaml:"), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean 'level-declared'"))
    }

    /// `validate` reports every error in one run: within a system, across systems and across files.
    @Test func validateReportsEveryErrorAtOnce() throws {
        let three = Self.valid
            .replacingOccurrences(of: "type: internal", with: "type: internl")
            .replacingOccurrences(of: "in-service: 2020-01-01", with: "in-service: 2020-02-30")
            + "\n  - id: b\n    name: B\n    owner: so\n    operatr: vp\n    type: internal\n    information: [private]\n"
            + "    in-service: 2020-01-01\n"
        let other = Self.valid.replacingOccurrences(of: "id: so\n", with: "id: so-khac\n")
            .replacingOccurrences(of: "id: a\n", with: "id: c\n")
            .replacingOccurrences(of: "owner: so", with: "owner: so-khac")
            .replacingOccurrences(of: "proposed: 2", with: "proposed: 9")
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(three.utf8), "so-khac.yaml": Data(other.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let run = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("Inventories/so.yaml:11:") && $0.contains("'internl'") })
        #expect(lines.contains { $0.hasPrefix("Inventories/so.yaml:13:") && $0.contains("2020-02-30") })
        #expect(lines.contains { $0.hasPrefix("Inventories/so.yaml:18:") && $0.contains("'operatr'") })
        #expect(lines.contains { $0.hasPrefix("Inventories/so-khac.yaml:") && $0.contains("proposed") })
        let own = lines.filter { $0.hasPrefix("Inventories/so.yaml:") }.map { Int($0.split(separator: ":")[1]) ?? 0 }
        #expect(own == own.sorted(), "in file order")
    }

    @Test func errorsBeyondTheLimitAreCountedNotListed() throws {
        var text = Self.valid.replacingOccurrences(of: "systems:\n", with: "systems:\n").components(separatedBy: "systems:\n")[0]
            + "systems:\n"
        for index in 0..<60 {
            text += "  - { id: s\(index), name: S, owner: so, operator: vp, type: nope, information: [private], "
                + "in-service: 2020-01-01 }\n"
        }
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let run = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 51, "\(lines.count)")
        #expect(lines.last?.contains("10 more errors not shown") == true)
    }

    @Test(arguments: [
        ("    - { id: vp, name: Văn phòng, Sở X, security-unit: true }", "put that whole value in quotes"),
        ("   units:", "check the indentation"),
        ("\tunits:", "not tabs"),
    ])
    func yamlMistakesGetAHint(line: String, hint: String) throws {
        let text = line.contains("{ id: vp")
            ? Self.valid.replacingOccurrences(of: "    - { id: vp, name: Văn phòng, security-unit: true }", with: line)
            : Self.valid.replacingOccurrences(of: "  units:", with: line)
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let run = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains(hint), "\(run.stderr)")
    }

    @Test func brokenRuleExampleFailsValidate() throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(Self.valid.utf8)], rules: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let pack = workspace.appendingPathComponent("Rules/core/level-approval.yaml")
        let text = try String(contentsOf: pack, encoding: .utf8)
            .replacingOccurrences(of: "        - { changed: 2022-03-01 }", with: "        - { changed: 2020-03-01 }")
        try Data(text.utf8).write(to: pack)
        let run = try CLIRunner.run(["validate", workspace.path, "--rules", workspace.path + "/Rules", "--as-of", "2026-03-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("example of APPROVAL.OUTDATED"))
    }
}
