import Foundation
import Testing
import TuanThuEngine
import TuanThuPKI
@testable import TuanThuReport

/// The command line as SPEC.md promises it: commands, options, exit codes 0 / 1 / 2.
struct CommandLineTests {
    /// On a terminal, a long audit shows how far it has come on standard error (the line redrawn
    /// in place and cleared before the summary); through a pipe, as in every other test and in CI,
    /// standard error stays empty. A pseudo-terminal from Python's `pty` gives the audit a terminal.
    @Test func progressOnlyOnATerminal() throws {
        let out = Scratch.folder("progress")
        let audit = [CLIRunner.binary.path, "audit", CLIRunner.repositoryRoot.path, "--as-of", "2026-12-01",
                     "--out", out.path, "--no-history", "--format", "json"]
        let onTerminal = """
            import os, pty, subprocess, sys
            main, side = pty.openpty()
            subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=side)
            os.close(side)
            data = b""
            while True:
                try:
                    chunk = os.read(main, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
            sys.stdout.write(data.decode("utf-8", "replace"))
            """
        let terminal = try Oracle.python(onTerminal, audit)
        #expect(terminal.output.contains("Đang đánh giá: 2/2 cơ quan"), "\(terminal.output)")
        #expect(terminal.output.hasSuffix("\r\u{1B}[2K"), "the line is cleared at the end")
        let quiet = try Oracle.python(onTerminal, audit + ["--quiet"])
        #expect(quiet.output.isEmpty, "\(quiet.output)")
        let piped = try CLIRunner.run(Array(audit.dropFirst()))
        #expect(piped.stderr.isEmpty, "\(piped.stderr)")
    }

    let root = CLIRunner.repositoryRoot.path
    let rules = CLIRunner.repositoryRoot.appendingPathComponent("Rules").path
    let compliant = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/compliant-department").path

    func scratch() -> String {
        Scratch.folder("cli").path
    }

    @Test func auditFailsOnAMissingApprovalByDefault() throws {
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch()])
        #expect(run.status == 1)
        #expect(run.stdout.contains("APPROVAL.MISSING [nguoi-co-cong]"))
        #expect(run.stdout.contains("Inventories/snv-tq.yaml:"))
    }

    @Test func failOnThresholdDecidesTheExitCode() throws {
        #expect(try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch(), "--fail-on", "none",
                                   "--quiet"]).status == 0)
        #expect(try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch(), "--fail-on", "critical",
                                   "--quiet"]).status == 1)
    }

    @Test func compliantWorkspacePasses() throws {
        let out = scratch()
        let run = try CLIRunner.run(["audit", compliant, "--rules", rules, "--as-of", "2026-03-01", "--out", out,
                                     "--fail-on", "low", "--lang", "en"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Blocking (≥ low): 0"))
        #expect(FileManager.default.fileExists(atPath: out + "/so-mau.en.md"))
        #expect(FileManager.default.fileExists(atPath: out + "/so-mau.json"))
    }

    @Test func quietPrintsNothing() throws {
        let run = try CLIRunner.run(["audit", compliant, "--rules", rules, "--as-of", "2026-03-01", "--out", scratch(),
                                     "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func validateChecksRulesExamplesAndInventories() throws {
        let run = try CLIRunner.run(["validate", root, "--as-of", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ví dụ cho kết quả đúng"))
        #expect(run.stdout.contains("7 hệ thống trong 2 tệp kiểm kê"))
        let english = try CLIRunner.run(["validate", root, "--as-of", "2026-12-01", "--lang", "en"])
        #expect(english.stdout.contains("examples behave"))
    }

    @Test func explainShowsCriteriaRegimeAndEvidence() throws {
        let run = try CLIRunner.run(["explain", "nguoi-co-cong", root, "--as-of", "2026-12-01", "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        // In service since before 01/07/2026 and never approved: no transition (Decree 331 Art. 39(1)).
        #expect(run.stdout.contains("Level judged under: Decree 331/2026/ND-CP — the regime in force"))
        #expect(run.stdout.contains("nd331.l2.internal-private"))
        #expect(run.stdout.contains("Nghị định 331/2026/NĐ-CP, Art. 12(1) (primary)"))
        #expect(run.stdout.contains("FAIL critical APPROVAL.MISSING"))
        #expect(run.stdout.contains("Missing for level 3: "))
        // The four official steps, each with the governing regime's article.
        for step in ["Step 1 — Identify the system (Nghị định 331/2026/NĐ-CP, Art. 7",
                     "Step 2 — Classify the information (Nghị định 331/2026/NĐ-CP, Art. 9(1)): ",
                     "Step 3 — Classify the system (Nghị định 331/2026/NĐ-CP, Art. 9(2)): internal",
                     "Step 4 — Determine the level (Nghị định 331/2026/NĐ-CP, Art. 11–15 — the highest level met applies"] {
            #expect(run.stdout.contains(step), "\(step)")
        }
        // Approved by the former labour department, transferred on 01/03/2025; its dossier not yet updated.
        let transferred = try CLIRunner.run(["explain", "cong-thong-tin", root, "--as-of", "2026-12-01", "--lang", "en"])
        #expect(transferred.stdout.contains("FAIL medium APPROVAL.SUCCESSION"), "\(transferred.stdout.prefix(3000))")
        #expect(transferred.stdout.contains("by Sở Lao động - Thương binh và Xã hội tỉnh Tuyên Quang stays valid"))
        let approved = try CLIRunner.run(["explain", "mot-cua", root, "--as-of", "2026-12-01", "--lang", "vi"])
        #expect(approved.stdout.contains("ĐẠT [trung bình] APPROVAL.SUCCESSION"))
        // Vietnamese throughout: statuses, severities and bases in words, regimes by name, units by name.
        for english in ["PASS", "FAIL", "(primary)", "(secondary)", "(nd85)", "(nd331)", "tcvn14423-2026", ": vp"] {
            #expect(!approved.stdout.contains(english), "\(english)")
        }
        #expect(approved.stdout.contains("đơn vị vận hành: Văn phòng Sở"))
        #expect(approved.stdout.contains("Bước 2 — Phân loại thông tin (Nghị định 85/2016/NĐ-CP, Điều 6, khoản 1)"))
        let unknown = try CLIRunner.run(["explain", "mot-cuaa", root])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("mot-cua"))
    }

    @Test func rulesListsShowsAndExportsJSON() throws {
        let list = try CLIRunner.run(["rules", "--rules", rules])
        #expect(list.status == 0)
        #expect(list.stdout.contains("APPROVAL.MISSING"))
        let one = try CLIRunner.run(["rules", "APPROVAL.MISSING", "--rules", rules, "--lang", "en"])
        #expect(one.stdout.contains("Nghị định 85/2016/NĐ-CP, Art. 12"))
        #expect(one.stdout.contains("not waivable"))
        let json = try CLIRunner.run(["rules", "--rules", rules, "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.count > 50)
        #expect(items.allSatisfy { $0["basis"] != nil && $0["source"] != nil })
        let unknown = try CLIRunner.run(["rules", "APPROVAL.MISING", "--rules", rules])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'APPROVAL.MISSING'"))
    }

    @Test(arguments: [
        ["audit", "--as-of", "2026-02-30"],
        ["audit", "--fail-on", "severe"],
        ["audit", "--format", "pdf"],
        ["audit", "--lang", "fr"],
        ["audit", "--no-such-option"],
        ["frobnicate"],
    ])
    func badOptionsExitWithTwo(arguments: [String]) throws {
        let run = try CLIRunner.run(arguments + ["--out", scratch()])
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("error"))
    }

    @Test func helpExitsZero() throws {
        let run = try CLIRunner.run(["audit", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--fail-on"))
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("default: today in Vietnam, UTC+7"), "--help says which day 'today' is")
    }

    /// Without `--as-of` the audit date is today in Vietnam (UTC+7), not in the machine's zone. The
    /// test reads the clock only to know which day that is; its outcome does not depend on the day.
    @Test(arguments: ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Ho_Chi_Minh"])
    func auditDateIsTodayInVietnam(zone: String) throws {
        func vietnamToday() -> String {
            Day(inVietnamAt: Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))).description
        }
        for _ in 0..<3 {
            let before = vietnamToday()
            let out = scratch()
            let run = try CLIRunner.run(["audit", CLIRunner.repositoryRoot.path, "--format", "json", "--out", out,
                                         "--quiet", "--fail-on", "none"], environment: ["TZ": zone])
            let after = vietnamToday()
            #expect(run.status == 0, "\(run.stderr)")
            guard before == after else { continue }  // the Vietnamese day turned during the run: again
            let report = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("snv-tq.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
            #expect(json["asOf"] as? String == before, "TZ=\(zone)")
            return
        }
        Issue.record("the day kept turning during the runs")
    }
}

/// Where inventories come from: the top level of `Inventories/`, or each `--inventory` given.
struct InventorySelectionTests {
    let rules = CLIRunner.repositoryRoot.appendingPathComponent("Rules").path

    @Test func subfoldersOfInventoriesHoldArtefactsNotInventories() throws {
        let valid = Data(BadInputTests.valid.utf8)
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": valid])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let evidence = workspace.appendingPathComponent("Inventories/evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try Data("firewall: { rules: 12 }\n".utf8).write(to: evidence.appendingPathComponent("firewall.yaml"))
        let run = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 hệ thống trong 1 tệp kiểm kê"))
    }

    @Test func repeatedInventoryOptionsAreAllAudited() throws {
        let first = Data(BadInputTests.valid.utf8)
        let second = Data(BadInputTests.valid.replacingOccurrences(of: "id: so", with: "id: so2")
            .replacingOccurrences(of: "owner: so", with: "owner: so2")
            .replacingOccurrences(of: "  - id: a", with: "  - id: b").utf8)
        let workspace = try CLIRunner.workspace(inventories: ["a.yaml": first, "b.yaml": second])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let out = workspace.appendingPathComponent("out").path
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01", "--out", out,
                                     "--inventory", workspace.path + "/Inventories/a.yaml",
                                     "--inventory", workspace.path + "/Inventories/b.yaml"])
        #expect(run.status == 1)
        #expect(!run.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["so.json", "so.vi.md", "so.vi.summary.md", "so2.json", "so2.vi.md", "so2.vi.summary.md"])
    }
}

/// The terminal summary stays short for large audits.
struct TerminalSummaryTests {
    @Test func manySystemsGiveOneLinePerOrganisation() throws {
        let systems = (0..<45).map { index in
            """
              - id: s\(index)
                name: S\(index)
                owner: so
                operator: vp
                type: internal
                information: [public]
                in-service: 2020-01-01
            """
        }.joined(separator: "\n")
        let inventory = """
            organization:
              id: so
              name: Sở
              units:
                - { id: vp, name: Văn phòng, security-unit: true }
            systems:
            """ + "\n" + systems
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(inventory.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01", "--lang", "en",
                                     "--out", workspace.appendingPathComponent("out").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Sở (so): 45 systems; 0 approved, 0 needs review, 0 void (authority not competent), 45 not approved; mean compliance"))
        #expect(!run.stdout.contains("  s44 "), "no row per system")
    }

    /// Many reports are named by their folder, as written: an absolute `--out` stays absolute.
    @Test func theReportsFolderIsNamedAsWritten() {
        #expect(TerminalSummary.folder(of: "/srv/bao-cao/so.json") == "/srv/bao-cao/")
        #expect(TerminalSummary.folder(of: "Reports/so.json") == "Reports/")
        #expect(TerminalSummary.folder(of: "/so.json") == "/")
        #expect(TerminalSummary.folder(of: "so.json") == "./")
    }
}

/// Shell completions come from swift-argument-parser itself (issue 15, item 5).
struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(_ shell: String) throws {
        let run = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for command in ["audit", "validate", "certs", "verify", "explain", "rules"] {
            #expect(run.stdout.contains(command), "\(shell): \(command)")
        }
        #expect(run.stdout.contains("as-of"))
    }
}

/// The law ships with the tool: a workspace needs only `Inventories/`, and may add `Policies/`.
struct BuiltInRulesTests {
    @Test func aWorkspaceNeedsOnlyInventories() throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(BadInputTests.valid.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("Policies"))
        let run = try CLIRunner.run(["audit", "--as-of", "2026-03-01", "--fail-on", "none", "--format", "json"],
                                    in: workspace)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.appendingPathComponent("Reports/so.json"))) as? [String: Any])
        let rulesInfo = try #require((report["tool"] as? [String: Any])?["rules"] as? [String: Any])
        #expect(rulesInfo["origin"] as? String == "builtin")
        #expect(rulesInfo["policies"] == nil)
        // `rules` works outside any repository too.
        let rules = try CLIRunner.run(["rules", "APPROVAL.MISSING"], in: workspace)
        #expect(rules.status == 0, "\(rules.stderr)")
        #expect(rules.stdout.contains("tuanthu:Rules/core/level-approval.yaml:"))
    }

    @Test func versionNamesTheRules() throws {
        let run = try CLIRunner.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0.1.0; rules 2026.12.2 (sha256:\(RuleSet.builtIn.digest.prefix(12)))"), "\(run.stdout)")
    }

    /// An edited copy of `Rules/` is not applied in silence: the user is told, and `--rules` applies it.
    @Test func anEditedRulesCopyIsNamedNotUsed() throws {
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(BadInputTests.valid.utf8)], rules: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let quiet = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "an identical copy is the built-in rules: \(quiet.stderr)")
        let plan = workspace.appendingPathComponent("Rules/plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8).replacingOccurrences(of: "high: 90", with: "high: 60")
        try Data(text.utf8).write(to: plan)
        let run = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01", "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("warning: the workspace's Rules/ differs from the rules built into tuanthu"))
        let vi = try CLIRunner.run(["validate", workspace.path, "--as-of", "2026-03-01"])
        #expect(vi.stderr.hasPrefix("cảnh báo: thư mục Rules/ của không gian làm việc khác bộ quy tắc tích hợp"))
        // `audit --quiet` prints no progress and no summary, but still this warning.
        let out = workspace.appendingPathComponent("Reports")
        let audit = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01", "--lang", "en", "--quiet",
                                       "--out", out.path, "--format", "json"])
        #expect(audit.status != 2, "\(audit.stderr)")
        #expect(audit.stdout.isEmpty, "\(audit.stdout)")
        #expect(audit.stderr.hasPrefix("warning: the workspace's Rules/ differs from the rules built into tuanthu"))
        #expect(audit.stderr.split(separator: "\n").count == 1, "\(audit.stderr)")
        let given = try CLIRunner.run(["validate", workspace.path, "--rules", plan.deletingLastPathComponent().path,
                                       "--as-of", "2026-03-01"])
        #expect(given.status == 0 && given.stderr.isEmpty, "\(given.stderr)")
    }

    /// The organisation's own rule is applied from `Policies/`, and a policy that loosens is exit 2.
    @Test func policiesExtendAndNeverLoosen() throws {
        let inventory = BadInputTests.valid.replacingOccurrences(of: "systems:", with: """
              controls:
                OWN.RESTORE-DRILL: planned
            systems:
            """)
        let workspace = try CLIRunner.workspace(inventories: ["so.yaml": Data(inventory.utf8)])
        defer { try? FileManager.default.removeItem(at: workspace) }
        let policies = workspace.appendingPathComponent("Policies")
        try Data("""
            pack: { id: own, title: { vi: "Quy định riêng", en: "Own rules" } }
            rules:
              - id: OWN.RESTORE-DRILL
                scope: organization
                group: management/operations
                severity: high
                title: { vi: "Diễn tập khôi phục dữ liệu hằng quý", en: "Quarterly restore drill" }
                remediation: { vi: "Tổ chức diễn tập khôi phục", en: "Hold the restore drill" }
                source: { instrument: "Quy chế an toàn thông tin của Sở" }
                basis: unverified
                check: { kind: control-status }
            """.utf8).write(to: policies.appendingPathComponent("own.yaml"))
        try Data("instruments:\n  - { name: \"Quy chế an toàn thông tin của Sở\", text: \"own regulation\" }\n".utf8)
            .write(to: policies.appendingPathComponent("instruments.yaml"))
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01", "--lang", "en"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("OWN.RESTORE-DRILL [so]"), "\(run.stdout)")
        try Data("plan:\n  waiver-max-days: { critical: 365 }\n".utf8).write(to: policies.appendingPathComponent("plan.yaml"))
        let loose = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-03-01", "--lang", "en"])
        #expect(loose.status == 2)
        #expect(loose.stderr.hasPrefix("Policies/plan.yaml:2:32: error: waiver-max-days for critical is 365 days"),
                "\(loose.stderr)")
    }
}
