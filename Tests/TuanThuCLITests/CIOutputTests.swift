import Foundation
import Testing

/// Waivers, baselines and CI integration through the command line.
struct CIOutputTests {
    let root = CLIRunner.repositoryRoot.path

    func scratch() -> URL {
        Scratch.folder("ci")
    }

    func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func sampleWaiversAreAppliedAndTheirProblemsReported() throws {
        let out = scratch()
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", out.path, "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("waivers.yaml:18:5: APPROVAL.MISSING [thu-dien-tu] không được miễn trừ"))
        let report = try json(out.appendingPathComponent("snv-tq.json"))
        let waivers = try #require(report["waivers"] as? [[String: Any]])
        #expect(waivers.compactMap { $0["state"] as? String } == ["applied", "expired", "not-waivable", "unused"])
        let findings = ReportJSON.findings(report)
        let overdue = findings.first { $0["rule"] as? String == "ASSESSMENT.OVERDUE" && $0["system"] as? String == "mot-cua" }
        #expect(overdue?["status"] as? String == "waived")
        #expect((overdue?["waiver"] as? [String: Any])?["approvedBy"] as? String == "Giám đốc Sở")
        let expired = findings.first { $0["rule"] as? String == "TCVN11930.2.3.6" && $0["system"] as? String == "mot-cua" }
        #expect(expired?["status"] as? String == "fail")
    }

    @Test func theWaiverExpiresAndTheFindingFailsAgain() throws {
        let out = scratch()
        _ = try CLIRunner.run(["audit", root, "--as-of", "2027-01-02", "--out", out.path, "--format", "json", "--quiet"])
        let report = try json(out.appendingPathComponent("snv-tq.json"))
        let waivers = try #require(report["waivers"] as? [[String: Any]])
        #expect(waivers.first?["state"] as? String == "expired")
    }

    /// Undeclared requirements are a checklist, not gaps: out of the plan and the percentage, and
    /// they fail CI only with `--fail-on-undeclared`.
    @Test func undeclaredRequirementsAreNotAssessedAndBlockOnlyWhenAsked() throws {
        let out = scratch()
        let relaxed = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", out.path, "--fail-on", "none"])
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(relaxed.stdout.contains("Chưa đánh giá: "))
        let strict = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch().path, "--fail-on",
                                        "none", "--fail-on-undeclared", "--lang", "en"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("blocking (--fail-on-undeclared)"))
        let report = try json(out.appendingPathComponent("snv-tq.json"))
        let findings = ReportJSON.findings(report)
        let unassessed = findings.filter { $0["status"] as? String == "not-assessed" }
        #expect(!unassessed.isEmpty)
        let plan = try #require(report["plan"] as? [[String: Any]])
        let planned = Set(plan.compactMap { $0["id"] as? String })
        #expect(unassessed.allSatisfy { !planned.contains("\($0["system"] as? String ?? ""):\($0["rule"] as? String ?? "")") },
                "a requirement not assessed gets no plan item")
        let markdown = try String(contentsOf: out.appendingPathComponent("snv-tq.vi.md"), encoding: .utf8)
        #expect(markdown.contains("Danh sách cần hoàn thành: "))
        #expect(markdown.contains("- [ ] `"))
        #expect(!markdown.contains("| chưa đánh giá |"), "not-assessed rows stay out of the gap tables")
    }

    @Test func malformedWaiversFileIsExitTwoWithItsLocation() throws {
        let file = scratch().appendingPathExtension("yaml")
        try Data("waivers:\n  - rule: ASSESSMENT.OVERDUE\n    sytem: mot-cua\n".utf8).write(to: file)
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--waivers", file.path, "--out", scratch().path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(":3:5: error: unknown key 'sytem'") || run.stderr.contains(":2:5: error:"),
                "\(run.stderr)")
    }

    @Test func baselineKeepsDueDatesFlagsOverdueAndFailsOnlyOnNewGaps() throws {
        let earlier = scratch()
        _ = try CLIRunner.run(["audit", root, "--as-of", "2026-06-01", "--out", earlier.path, "--format", "json",
                               "--quiet"])
        let previous = earlier.appendingPathComponent("snv-tq.json")
        let health = earlier.appendingPathComponent("syt-tq.json")
        let oldPlan = try #require(try json(previous)["plan"] as? [[String: Any]])
        let out = scratch()
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", out.path, "--format",
                                     "json,markdown", "--baseline", previous.path, "--baseline", health.path,
                                     "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Since the baseline:"))
        let report = try json(out.appendingPathComponent("snv-tq.json"))
        let plan = try #require(report["plan"] as? [[String: Any]])
        let item = try #require(plan.first { $0["id"] as? String == "mot-cua:TCVN11930.1.5.6" })
        let old = try #require(oldPlan.first { $0["id"] as? String == "mot-cua:TCVN11930.1.5.6" })
        #expect(item["due"] as? String == old["due"] as? String)
        #expect(item["dueReason"] as? String == "baseline")
        #expect(item["overdue"] as? Bool == true)
        // Decree 331 took effect between the two audits: its procedural duties are new, Decree 85's dropped.
        let socialReport = try json(out.appendingPathComponent("syt-tq.json"))
        let socialPlan = try #require(socialReport["plan"] as? [[String: Any]])
        let fresh = socialPlan.first { $0["id"] as? String == "bao-tro-xa-hoi:PROC.REGULATION" }
        #expect(fresh?["change"] as? String == "new", "Decree 331's duties apply since 01/07/2026")
        let baseline = try #require(socialReport["baseline"] as? [String: Any])
        let dropped = try #require(baseline["dropped"] as? [[String: Any]])
        #expect(dropped.contains { $0["system"] as? String == "bao-tro-xa-hoi" && $0["rule"] as? String == "PROC.INCIDENT" })
        let markdown = try String(contentsOf: out.appendingPathComponent("snv-tq.en.md"), encoding: .utf8)
        #expect(markdown.contains("### Changes since the baseline"))
        #expect(markdown.contains("⚠ overdue"))
        let onlyNew = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch().path,
                                         "--baseline", out.appendingPathComponent("snv-tq.json").path,
                                         "--baseline", out.appendingPathComponent("syt-tq.json").path,
                                         "--fail-on-new", "--quiet"])
        #expect(onlyNew.status == 0, "nothing is new against a report of the same day")
    }

    /// A report of schemaVersion 1.x (each finding with its rule's words) still serves as a
    /// baseline, and compares as a report of schema 2 of the same day does. The fixture is the
    /// sample's 1.3 report of 01/12/2026, cut to its open findings and plan.
    @Test func baselineOfSchemaOneLoadsAsSchemaTwoDoes() throws {
        let old = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/baselines/snv-tq-schema-1.3.json")
        #expect(try json(old)["schemaVersion"] as? String == "1.3")
        let current = scratch()
        _ = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", current.path, "--format", "json",
                               "--quiet"])
        let fresh = current.appendingPathComponent("snv-tq.json")
        #expect(try json(fresh)["schemaVersion"] as? String == "2.0")
        var compared: [[String: Any]] = []
        for baseline in [old, fresh] {
            let out = scratch()
            let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", out.path, "--format", "json",
                                         "--baseline", baseline.path, "--quiet"])
            #expect(run.status == 1, "\(run.stderr)")
            let report = try json(out.appendingPathComponent("snv-tq.json"))
            compared.append(try #require(report["baseline"] as? [String: Any]))
            // The plan keeps the due dates the baseline gave.
            let plan = try #require(report["plan"] as? [[String: Any]])
            let before = try #require(try json(baseline)["plan"] as? [[String: Any]])
            let due = Dictionary(uniqueKeysWithValues: before.compactMap { item in
                (item["id"] as? String).map { ($0, item["due"] as? String) } })
            #expect(!plan.isEmpty)
            for item in plan {
                #expect(item["due"] as? String == due[item["id"] as? String ?? ""] ?? nil, "\(item)")
            }
        }
        // Nothing of the department is new against its report of the same day.
        #expect(compared[0]["new"] as? Int == 0 && compared[1]["new"] as? Int == 0)
        #expect((compared[0]["persisting"] as? Int).map { $0 > 0 } == true)
        #expect(compared[0]["persisting"] as? Int == compared[1]["persisting"] as? Int)
    }

    /// A system deleted from the inventory keeps its open gaps in view: the next report lists
    /// them as removed (JSON, Markdown and the terminal); the terminal also counts those of an
    /// organisation that is no longer audited at all.
    @Test func gapsOfADeletedSystemAreReportedAsRemoved() throws {
        let earlier = scratch()
        _ = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", earlier.path, "--format", "json",
                               "--quiet"])
        // The previous report as if it had held a system since deleted from the inventory.
        let previous = earlier.appendingPathComponent("snv-tq.json")
        var text = try String(contentsOf: previous, encoding: .utf8)
        let gone = #"{"rule":"APPROVAL.MISSING","status":"fail","system":"he-thong-da-xoa","title":"Chưa phê duyệt"},"#
        text = text.replacingOccurrences(of: "\"findings\" : [\n", with: "\"findings\" : [\n    " + gone + "\n")
        try text.write(to: previous, atomically: false, encoding: .utf8)
        let retired = scratch().appendingPathExtension("json")
        let otherReport = #"{"schemaVersion": "1.1", "organization": {"id": "so-cu", "name": "Sở cũ", "#
            + #""inventory": "Inventories/so-cu.yaml"}, "findings": [{"rule": "APPROVAL.MISSING", "#
            + #""status": "fail", "system": "he-thong-cu", "title": "t"}]}"#
        try Data(otherReport.utf8).write(to: retired)
        let out = scratch()
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", out.path, "--format",
                                     "json,markdown", "--baseline", previous.path, "--baseline", retired.path,
                                     "--lang", "en"])
        #expect(run.stdout.contains("2 on systems no longer in any inventory"), "\(run.stdout)")
        let report = try json(out.appendingPathComponent("snv-tq.json"))
        #expect(report["schemaVersion"] as? String == "2.0")
        let baseline = try #require(report["baseline"] as? [String: Any])
        let removed = try #require(baseline["removed"] as? [[String: Any]])
        #expect(removed.count == 1)
        #expect(removed.first?["system"] as? String == "he-thong-da-xoa")
        #expect(removed.first?["rule"] as? String == "APPROVAL.MISSING")
        let markdown = try String(contentsOf: out.appendingPathComponent("snv-tq.en.md"), encoding: .utf8)
        #expect(markdown.contains("- Of systems no longer in the inventory: 1\n"
                                  + "  - `he-thong-da-xoa` `APPROVAL.MISSING`"))
        let schema = CLIRunner.repositoryRoot.appendingPathComponent("Schemas/report.schema.json").path
        let valid = try Oracle.python("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
            """, [schema, out.appendingPathComponent("snv-tq.json").path])
        #expect(valid.status == 0, "\(valid.output)")
        // Auditing one inventory file does not see the others: nothing is called removed.
        let inventory = CLIRunner.repositoryRoot.appendingPathComponent("Inventories/snv-tq.yaml").path
        let partial = try CLIRunner.run(["audit", root, "--inventory", inventory, "--as-of", "2026-12-01",
                                         "--out", scratch().path, "--baseline", previous.path,
                                         "--baseline", retired.path, "--lang", "en"])
        #expect(!partial.stdout.contains("no longer in any inventory"), "\(partial.stdout)")
    }

    @Test func malformedBaselineIsExitTwoWithLineAndColumn() throws {
        let file = scratch().appendingPathExtension("json")
        try Data("{\n  \"schemaVersion\": \"1.0\",\n  \"findings\": [ { \"rule\": \"X\", \"status\": \"fial\" } ]\n}\n".utf8)
            .write(to: file)
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--baseline", file.path, "--out", scratch().path])
        #expect(run.status == 2)
        #expect(run.stderr.contains(":3:"), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean 'fail'"), "\(run.stderr)")
        let truncated = scratch().appendingPathExtension("json")
        try Data("{\n  \"schemaVersion\": \"1.0\",\n  \"findings\": [\n".utf8).write(to: truncated)
        let second = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--baseline", truncated.path,
                                        "--out", scratch().path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("error: malformed"), "\(second.stderr)")
        let noBaseline = try CLIRunner.run(["audit", root, "--fail-on-new", "--no-history", "--out", scratch().path])
        #expect(noBaseline.status == 2)
    }

    @Test func githubActionsGetsAnnotationsOnTheInventoryLines() throws {
        let run = try CLIRunner.run(["audit", root, "--as-of", "2026-12-01", "--out", scratch().path, "--quiet"],
                                    environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 1)
        // The annotation sits on the `level:` key of the system's entry.
        let inventory = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Inventories/snv-tq.yaml"),
                                   encoding: .utf8).components(separatedBy: "\n")
        let entry = try #require(inventory.firstIndex(of: "  - id: nguoi-co-cong"))
        let level = try #require(inventory[entry...].firstIndex { $0.hasPrefix("    level:") })
        #expect(run.stdout.contains("::error file=Inventories/snv-tq.yaml,line=\(level + 1),col=5,"
                                    + "title=APPROVAL.MISSING [nguoi-co-cong]::"), "\(run.stdout.prefix(600))")
        #expect(run.stdout.contains("::warning file="))
        // A summary first, then the blocking findings, most severe first; GitHub shows ten a step.
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::") }
        #expect(lines.first?.hasPrefix("::error title=tuanthu::") == true, "\(lines.first ?? "")")
        #expect(lines.first?.contains("phát hiện chặn") == true)
        let errors = lines.dropFirst().prefix { $0.hasPrefix("::error") }
        let others = lines.dropFirst(errors.count + 1)
        #expect(!errors.isEmpty && others.allSatisfy { !$0.hasPrefix("::error") }, "errors come first")
        #expect(errors.prefix(10).contains { $0.contains("title=APPROVAL.MISSING [nguoi-co-cong]") },
                "the missing approval is among the first ten")
        #expect(errors.first?.contains("APPROVAL.") == true, "\(errors.first ?? "")")
    }

    @Test func inputErrorsAreAnnotatedUnderGitHubActions() throws {
        let sample = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Inventories/snv-tq.yaml"),
                                encoding: .utf8)
        let broken = sample.replacingOccurrences(of: "type: citizen-service", with: "type: citizen-servic")
        let workspace = try CLIRunner.workspace(inventories: ["snv-tq.yaml": Data(broken.utf8)])
        let run = try CLIRunner.run(["audit", workspace.path, "--as-of", "2026-12-01", "--out", scratch().path],
                                    environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("::error file=Inventories/snv-tq.yaml,line="), "\(run.stdout)")
        #expect(run.stdout.contains("title=tuanthu::"))
    }

    /// A workspace in a subfolder of its repository: CI annotations and SARIF name files from the
    /// repository root, as forges read them.
    @Test func pathsAreFromTheRepositoryRootWhenTheWorkspaceIsASubfolder() throws {
        let repo = Scratch.folder("repo").resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let workspace = repo.appendingPathComponent("ho-so/an-toan")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("Inventories"),
                                                withIntermediateDirectories: true)
        try Data(BadInputTests.valid.utf8).write(to: workspace.appendingPathComponent("Inventories/so.yaml"))
        let run = try CLIRunner.run(["audit", "ho-so/an-toan", "--as-of", "2026-03-01", "--format", "sarif", "--quiet"],
                                    in: repo, environment: ["GITHUB_ACTIONS": "true"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("::error file=ho-so/an-toan/Inventories/so.yaml,line="), "\(run.stdout)")
        let sarif = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.appendingPathComponent("Reports/so.sarif"))) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let bases = try #require(runs[0]["originalUriBaseIds"] as? [String: [String: Any]])
        #expect(bases["WORKSPACE"]?["uri"] as? String == "ho-so/an-toan/")
        #expect(bases["WORKSPACE"]?["uriBaseId"] as? String == "%SRCROOT%")
        #expect(bases["%SRCROOT%"]?["uri"] == nil, "no absolute path of this machine")
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        let uris = results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }
        #expect(!uris.isEmpty && uris.allSatisfy { $0 == "ho-so/an-toan/Inventories/so.yaml" }, "\(uris)")
        // An input error too.
        try Data(BadInputTests.valid.replacingOccurrences(of: "type: internal", with: "type: internl").utf8)
            .write(to: workspace.appendingPathComponent("Inventories/so.yaml"))
        let broken = try CLIRunner.run(["audit", "ho-so/an-toan", "--as-of", "2026-03-01"], in: repo,
                                       environment: ["GITHUB_ACTIONS": "true"])
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("::error file=ho-so/an-toan/Inventories/so.yaml,line=11,"), "\(broken.stdout)")
    }
}
