import Foundation
import Testing
@testable import TuanThuEngine

/// The rules built into tuanthu, and a workspace's policies laid over them.
struct RuleSetTests {
    let root = Fixtures.repositoryRoot

    /// What ships is what `Rules/` holds, byte for byte (regenerate with `python3 scripts/embed-rules.py`).
    @Test func builtInRulesMatchTheRulesFolder() throws {
        let folder = try RuleSet.folder(root.appendingPathComponent("Rules"), workspace: try Workspace(root: root))
        let builtIn = RuleSet.builtIn
        #expect(builtIn.files.map(\.path) == folder.files.map(\.path),
                "Rules/ and the built-in rules list different files: run python3 scripts/embed-rules.py")
        #expect(builtIn.anchors.map(\.path) == folder.anchors.map(\.path))
        for (shipped, source) in zip(builtIn.files + builtIn.anchors, folder.files + folder.anchors) {
            #expect(shipped.bytes == source.bytes, "\(source.path) differs: run python3 scripts/embed-rules.py")
        }
        #expect(builtIn.digest == folder.digest)
        #expect(builtIn.anchors.map(\.path) == ["trust/vgca-rootca-g2.pem"], "only public roots ship")
    }

    @Test func theCatalogNamesItsVersionAndDigest() throws {
        let catalog = Fixtures.catalog
        #expect(catalog.provenance.version == "2026.12.2")
        #expect(catalog.provenance.digest == RuleSet.builtIn.digest)
        #expect(catalog.provenance.digest.count == 64)
        let loaded = try CatalogLoader(workspace: try Workspace(root: root)).load(RuleSet.builtIn)
        #expect(loaded.provenance.origin == .builtIn)
        #expect(loaded.rules.count == catalog.rules.count)
        #expect(RuleSet.builtInVersionLabel.hasPrefix("2026.12.2 (sha256:"))
        #expect(loaded.rule(id: "PROC.REPORT.DEPARTMENT") == nil, "a department's own rule is not law")
    }

    @Test func theSamplePoliciesAddTheDepartmentsRulesReportsAndTestRoot() throws {
        let catalog = try Fixtures.catalogWithSamplePolicies()
        #expect(catalog.rule(id: "PROC.REPORT.DEPARTMENT")?.location.file == "Policies/department.yaml")
        #expect(catalog.policy.reporting.map(\.id) == ["year", "half-year", "department-year"])
        #expect(catalog.trustAnchors.map(\.display) == ["tuanthu:Rules/trust/vgca-rootca-g2.pem",
                                                        "Policies/trust/sample-test-root.pem"])
        #expect(catalog.provenance.policies?.display == "Policies")
        #expect(catalog.policy.dueDays == Fixtures.catalog.policy.dueDays)
    }

    // MARK: - A policy tightens, never loosens

    func overlay(_ files: [String: String]) throws -> RuleCatalog {
        let workspace = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let policies = workspace.appendingPathComponent("Policies")
        for (name, text) in files {
            let url = policies.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let ws = try Workspace(root: workspace)
        return try CatalogLoader(workspace: ws).load(RuleSet.builtIn, policies: try RuleSet.folder(policies, workspace: ws))
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let error as EngineError { return error.message } catch { return "\(error)" }
        return ""
    }

    @Test func shorterDueDatesAndWaiversAreAccepted() throws {
        let catalog = try overlay(["plan.yaml": "plan:\n  due-days: { high: 60 }\n  waiver-max-days: { critical: 30 }\n"])
        #expect(catalog.policy.dueDays[.high] == 60)
        #expect(catalog.policy.dueDays[.critical] == Fixtures.catalog.policy.dueDays[.critical])
        #expect(catalog.policy.waiverMaxDays[.critical] == 30)
        #expect(catalog.policy.reporting.map(\.id) == ["year"])
    }

    @Test func aLongerDueDateIsRefusedAtItsLine() {
        let text = message { _ = try overlay(["plan.yaml": "plan:\n  due-days: { high: 120 }\n"]) }
        #expect(text.hasPrefix("Policies/plan.yaml:2:21: error: due-days for high is 120 days, longer than the 90"), "\(text)")
        let waiver = message { _ = try overlay(["plan.yaml": "plan:\n  waiver-max-days:\n    low: 1000\n"]) }
        #expect(waiver.hasPrefix("Policies/plan.yaml:3:10: error: waiver-max-days for low is 1000 days"), "\(waiver)")
    }

    @Test func aPolicyCannotReplaceABuiltInRule() {
        let pack = """
            pack: { id: own, title: { vi: "Riêng", en: "Own" } }
            rules:
              - id: APPROVAL.MISSING
                group: management/policy
                severity: low
                title: { vi: "x", en: "x" }
                remediation: { vi: "x", en: "x" }
                source: { instrument: "Luật An ninh mạng 116/2025/QH15" }
                basis: primary
                check: { kind: control-status }
            """
        let text = message { _ = try overlay(["own.yaml": pack]) }
        #expect(text.hasPrefix("Policies/own.yaml:3:5: error: rule id 'APPROVAL.MISSING' is already a rule of the catalog"),
                "\(text)")
        #expect(text.contains("cannot replace one"))
    }

    @Test func aPolicyCannotDefineARegimeOrProfile() {
        for key in ["regime", "profile", "catalog"] {
            let text = message { _ = try overlay(["x.yaml": "\(key):\n  id: nd85\n"]) }
            #expect(text.hasPrefix("Policies/x.yaml:2:3: error: a workspace's policies cannot define a \(key)"), "\(text)")
            #expect(text.contains("--rules DIR"))
        }
    }

    @Test func aReportingDeadlineIdIsNotReused() {
        let plan = """
            plan:
              reporting:
                - { id: year, month: 12, day: 5, title: { vi: "x", en: "x" }, source: { instrument: "Nghị định 331/2026/NĐ-CP" }, basis: primary }
            """
        let text = message { _ = try overlay(["plan.yaml": plan]) }
        #expect(text.hasPrefix("Policies/plan.yaml:3:7: error: reporting deadline 'year' is already defined"), "\(text)")
    }

    @Test func aPolicysOwnRuleMustCiteAListedInstrument() {
        let pack = """
            pack: { id: own, title: { vi: "Riêng", en: "Own" } }
            rules:
              - id: OWN.BACKUP-DRILL
                group: management/operations
                severity: low
                title: { vi: "Diễn tập khôi phục dữ liệu hằng quý", en: "Quarterly restore drill" }
                remediation: { vi: "Tổ chức diễn tập", en: "Hold the drill" }
                source: { instrument: "Quy chế của Sở" }
                basis: unverified
                check: { kind: control-status }
            """
        let text = message { _ = try overlay(["own.yaml": pack]) }
        #expect(text.contains("Policies/own.yaml:") && text.contains("instrument 'Quy chế của Sở' is not listed"), "\(text)")
        let listed = "instruments:\n  - { name: \"Quy chế của Sở\", text: \"the department's own regulation\" }\n"
        #expect(throws: Never.self) { _ = try overlay(["own.yaml": pack, "instruments.yaml": listed]) }
    }
}
