import Foundation
import Testing

/// The workspace boundary and special files (issue 20): an inventory or a rules file is read only
/// when it is an ordinary file really inside its workspace, symbolic links followed at any depth;
/// anything else is refused at once (no open that could block), in plain words, with exit code 2
/// and the reports left alone. Control characters from names reach no output.
struct BoundaryTests {
    static let inventory = Data(BadInputTests.valid.utf8)

    /// Runs `audit` on `workspace` with a previous report in `Reports/`, which must stay as it was.
    static func refused(_ workspace: URL, _ arguments: [String] = [], file: String, fragment: String,
                        vietnamese: String) throws {
        let reports = workspace.appendingPathComponent("Reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try Data("previous report".utf8).write(to: reports.appendingPathComponent("so.json"))
        let before = CLIRunner.snapshot(reports)
        let started = Date()
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01"] + arguments)
        #expect(Date().timeIntervalSince(started) < 60, "refused at once, never blocked")
        #expect(run.status == 2, "\(file): \(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasPrefix("\(file):1:1: error: "), "\(run.stderr)")
        #expect(run.stderr.contains(fragment), "\(run.stderr)")
        #expect(run.stderr.contains(vietnamese), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(CLIRunner.snapshot(reports) == before)
    }

    @Test func specialFilesNamedLikeInventoriesAreRefusedAtOnce() throws {
        // A named pipe, a folder, a device (through a link) and a link to nothing, each called x.yaml.
        let cases: [((String) throws -> Void, String, String)] = [
            ({ #expect(mkfifo($0, 0o600) == 0) }, "it is a named pipe (FIFO), not a file", "ống dẫn có tên"),
            ({ try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) },
             "it is a folder, not a file", "đây là một thư mục"),
            ({ try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") },
             "symbolic link leading outside", "trỏ ra ngoài"),
            ({ try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "missing.yaml") },
             "it is a symbolic link to nothing", "trỏ tới nơi không tồn tại"),
        ]
        for (make, fragment, vietnamese) in cases {
            let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory])
            defer { try? FileManager.default.removeItem(at: workspace) }
            try make(workspace.appendingPathComponent("Inventories/x.yaml").path)
            try Self.refused(workspace, file: "Inventories/x.yaml", fragment: fragment, vietnamese: vietnamese)
        }
    }

    @Test func inventoriesOutsideTheWorkspaceAreRefusedThroughAnyLink() throws {
        let elsewhere = Scratch.folder("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let outside = elsewhere.appendingPathComponent("other.yaml")
        try Self.inventory.write(to: outside)
        let files = FileManager.default

        // A link in Inventories/ to a file outside.
        let linked = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory])
        defer { try? files.removeItem(at: linked) }
        try files.createSymbolicLink(atPath: linked.appendingPathComponent("Inventories/other.yaml").path,
                                     withDestinationPath: outside.path)
        try Self.refused(linked, file: "Inventories/other.yaml", fragment: "symbolic link leading outside",
                         vietnamese: "tệp kiểm kê và bộ quy tắc chỉ được đọc bên trong thư mục làm việc")

        // Two links deep: Inventories/a.yaml → Inventories/sub/b.yaml → outside.
        let deep = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory])
        defer { try? files.removeItem(at: deep) }
        try files.createDirectory(at: deep.appendingPathComponent("Inventories/sub"), withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: deep.appendingPathComponent("Inventories/sub/b.yaml").path,
                                     withDestinationPath: outside.path)
        try files.createSymbolicLink(atPath: deep.appendingPathComponent("Inventories/a.yaml").path,
                                     withDestinationPath: "sub/b.yaml")
        try Self.refused(deep, file: "Inventories/a.yaml", fragment: "symbolic link leading outside", vietnamese: "trỏ ra ngoài")

        // The Inventories folder itself a link to a folder outside.
        let folder = try CLIRunner.workspace(inventories: [:])
        defer { try? files.removeItem(at: folder) }
        try files.removeItem(at: folder.appendingPathComponent("Inventories"))
        try files.createSymbolicLink(atPath: folder.appendingPathComponent("Inventories").path,
                                     withDestinationPath: elsewhere.path)
        try Self.refused(folder, file: "Inventories", fragment: "symbolic link leading outside", vietnamese: "trỏ ra ngoài")

        // A file outside given with --inventory.
        let given = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory])
        defer { try? files.removeItem(at: given) }
        try Self.refused(given, ["--inventory", outside.path], file: outside.path, fragment: "it lies outside",
                         vietnamese: "tệp nằm ngoài")

        // A link that stays inside is read as the file it leads to.
        let inside = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory])
        defer { try? files.removeItem(at: inside) }
        try files.createDirectory(at: inside.appendingPathComponent("Inventories/kept"), withIntermediateDirectories: true)
        try files.moveItem(at: inside.appendingPathComponent("Inventories/so.yaml"),
                           to: inside.appendingPathComponent("Inventories/kept/so.yaml"))
        try files.createSymbolicLink(atPath: inside.appendingPathComponent("Inventories/so.yaml").path,
                                     withDestinationPath: "kept/so.yaml")
        let run = try CLIRunner.run(["validate", inside.path, "--as-of", "2026-03-01"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test func aRulesFileLinkedFromOutsideTheRulesFolderIsRefused() throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Self.inventory], rules: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let elsewhere = Scratch.folder("rules-elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try Data("rules: []\n".utf8).write(to: elsewhere.appendingPathComponent("extra.yaml"))
        try FileManager.default.createSymbolicLink(atPath: workspace.appendingPathComponent("Rules/core/extra.yaml").path,
                                                   withDestinationPath: elsewhere.appendingPathComponent("extra.yaml").path)
        try Self.refused(workspace, ["--rules", workspace.path + "/Rules"], file: "Rules/core/extra.yaml",
                         fragment: "symbolic link leading outside", vietnamese: "trỏ ra ngoài")
    }

    /// A file name may hold control characters (an ESC sequence that clears the screen, a bell):
    /// the finding naming it shows them as `\u001B` in every output, and no output holds them raw.
    @Test func controlCharactersInAFileNameReachNoOutput() throws {
        let root = try CLIRunner.certificateWorkspace(systems: [(id: "mot-cua", lines: [])])
        defer { try? FileManager.default.removeItem(at: root) }
        let evidence = root.appendingPathComponent("Inventories/evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        let name = "khoa\u{1B}[2J\u{1B}]0;pwned\u{07}\u{7F}\u{9B}.pem"
        try FileManager.default.copyItem(at: PKICommandTests.pki.appendingPathComponent("good.key"),
                                         to: evidence.appendingPathComponent(name))
        let out = Scratch.folder("control-names")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLIRunner.run(["audit", root.path, "--as-of", "2026-12-01", "--out", out.path, "--no-history",
                                        "--format", "markdown,json,sarif,junit,csv"],
                                       environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("INV.PRIVATE-KEY"))
        var outputs = [("stdout", Data(result.stdout.utf8)), ("stderr", Data(result.stderr.utf8))]
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            outputs.append((file, try Data(contentsOf: out.appendingPathComponent(file))))
        }
        #expect(outputs.count >= 7)
        for (file, bytes) in outputs {
            #expect(!bytes.contains(0x1B) && !bytes.contains(0x07) && !bytes.contains(0x7F), "\(file) holds a raw control character")
            #expect(bytes.range(of: Data([0xC2, 0x9B])) == nil, "\(file) holds a raw C1 control")
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("so.vi.md"), encoding: .utf8)
        #expect(markdown.contains("khoa\\u001B[2J\\u001B]0;pwned\\u0007\\u007F\\u009B.pem"), "\(markdown.prefix(3000))")
        #expect(result.stdout.contains("khoa\\u001B[2J"), "\(result.stdout.prefix(2000))")
        // JSON keeps the name exactly, escaped the JSON way.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("so.json")))
                                as? [String: Any])
        func strings(_ value: Any) -> [String] {
            if let text = value as? String { return [text] }
            if let list = value as? [Any] { return list.flatMap(strings) }
            if let object = value as? [String: Any] { return object.values.flatMap(strings) }
            return []
        }
        #expect(strings(json).contains { $0.contains(name) },
                "the JSON report names the file as it is")
    }
}
