import Foundation
import Testing
import TuanThuReport

/// `tuanthu init` starts a workspace a new department can use at once; `checklist` fills it in.
struct InitAndChecklistTests {
    func repository() throws -> URL {
        let root = Scratch.folder("repo")
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        return root.resolvingSymlinksInPath()
    }

    @Test func initWritesAValidWorkspaceAndCIJobsAtTheRepositoryRoot() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try CLIRunner.run(["init", "compliance", "--org-id", "snv-test", "--name", "Sở Nội vụ tỉnh Thử"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["compliance/Inventories/snv-test.yaml", "compliance/waivers.yaml", "compliance/.gitignore",
                     ".github/workflows/tuan-thu.yml", ".gitlab-ci.yml"] {
            #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent(path).path), "\(path)")
        }
        let workflow = try String(contentsOf: repo.appendingPathComponent(".github/workflows/tuan-thu.yml"), encoding: .utf8)
        #expect(workflow.contains("TUANTHU_WORKSPACE: \"compliance\""))
        #expect(workflow.contains("TUANTHU_VERSION: \"0.1.0\""))
        #expect(workflow.contains("libssl-dev"))
        let gitlab = try String(contentsOf: repo.appendingPathComponent(".gitlab-ci.yml"), encoding: .utf8)
        #expect(gitlab.contains("TUANTHU_WORKSPACE: \"compliance\""))
        let inventory = try String(contentsOf: repo.appendingPathComponent("compliance/Inventories/snv-test.yaml"),
                                   encoding: .utf8)
        #expect(inventory.contains("name: \"Sở Nội vụ tỉnh Thử\""))
        #expect(inventory.contains("# Loại hệ thống: internal (phục vụ hoạt động nội bộ)"))
        // The template is valid as written, and an audit runs on it.
        let workspace = repo.appendingPathComponent("compliance")
        let validate = try CLIRunner.run(["validate", "--as-of", "2026-12-01"], in: workspace)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("1 hệ thống trong 1 tệp kiểm kê"))
        let audit = try CLIRunner.run(["audit", "--as-of", "2026-12-01", "--format", "json"], in: workspace)
        #expect(audit.status == 1, "the example system has no approved level: \(audit.stderr)")
        #expect(audit.stdout.contains("APPROVAL.MISSING [vi-du]"))
        #expect(!audit.stdout.contains("LEVEL.UNDERSTATED"), "the example's proposed level fits its classification")
    }

    @Test func initNeverOverwritesAndWritesNothingWhenOneFileExists() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        try Data("# mine\n".utf8).write(to: repo.appendingPathComponent(".gitlab-ci.yml"))
        let run = try CLIRunner.run(["init", ".", "--org-id", "so", "--name", "Sở"], in: repo)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".gitlab-ci.yml' already exists; nothing was written"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("Inventories").path))
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("waivers.yaml").path))
        #expect(try String(contentsOf: repo.appendingPathComponent(".gitlab-ci.yml"), encoding: .utf8) == "# mine\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func initWithoutATerminalNeedsItsOptions() throws {
        let repo = try repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        let run = try CLIRunner.run(["init", "--name", "Sở"], in: repo)
        #expect(run.status == 2)
        #expect(run.stderr.contains("give --org-id"), "\(run.stderr)")
        let bad = try CLIRunner.run(["init", "--org-id", "Sở Nội Vụ", "--name", "Sở"], in: repo)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("must be lowercase letters, digits and hyphens"))
    }

    /// The sample's one-stop system: what it declares is kept, the rest is added once.
    @Test func checklistPrintsAndWritesOnlyWhatIsMissing() throws {
        let workspace = Scratch.folder("sample")
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("Inventories"),
                                         to: workspace.appendingPathComponent("Inventories"))
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("Policies"),
                                         to: workspace.appendingPathComponent("Policies"))
        let file = workspace.appendingPathComponent("Inventories/snv-tq.yaml")
        let before = try String(contentsOf: file, encoding: .utf8)
        let printed = try CLIRunner.run(["checklist", "mot-cua", workspace.path, "--as-of", "2026-12-01"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let lines = printed.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("    # cấp độ 3 — Nghị định 85/2016/NĐ-CP, TCVN 11930:2017 — "), "\(lines[0])")
        #expect(lines[1] == "    controls:")
        #expect(printed.stdout.contains("      TCVN11930.1.1.1: implemented "), "declared status kept")
        #expect(printed.stdout.contains("      TCVN11930.1.1.2: not-implemented "))
        #expect(printed.stdout.contains("      # Quản lý — Chính sách an toàn thông tin"))
        #expect(try String(contentsOf: file, encoding: .utf8) == before, "printing writes nothing")

        let written = try CLIRunner.run(["checklist", "mot-cua", workspace.path, "--as-of", "2026-12-01", "--write"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("đã thêm"))
        let after = try String(contentsOf: file, encoding: .utf8)
        var rest = after.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in before.split(separator: "\n", omittingEmptySubsequences: false) {
            let found = try #require(rest.firstIndex(of: line), "line lost: \(line)")
            rest = rest[(found + 1)...]
        }
        let again = try CLIRunner.run(["checklist", "mot-cua", workspace.path, "--as-of", "2026-12-01", "--write"])
        #expect(again.stdout.contains("đã khai báo đủ"), "\(again.stdout)")
        #expect(try String(contentsOf: file, encoding: .utf8) == after)
        let validate = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-12-01"])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test func checklistOfAnUnknownSubjectSuggestsOne() throws {
        let run = try CLIRunner.run(["checklist", "mot-cau", "--as-of", "2026-12-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean 'mot-cua'"), "\(run.stderr)")
    }
}

/// docs/ci.md shows the jobs exactly as `init` writes them (scripts/check-ci-steps.sh runs them).
struct CIDocsTests {
    @Test func ciDocsShowWhatInitWrites() throws {
        let docs = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let source = WorkspaceFiles.ToolSource(repository: ToolInfo.repository, version: ToolInfo.version)
        #expect(docs.contains("# .github/workflows/tuan-thu.yml\n" + WorkspaceFiles.githubWorkflow(source, workspace: ".")
                              + "```"), "docs/ci.md differs from what init writes")
        #expect(docs.contains("# .gitlab-ci.yml\n" + WorkspaceFiles.gitlabCI(source, workspace: ".") + "```"))
    }
}
