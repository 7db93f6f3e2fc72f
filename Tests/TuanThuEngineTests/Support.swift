import Foundation
@testable import TuanThuEngine

/// Shared helpers: the repository's own catalog, and inventories written into temporary workspaces.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let catalog: RuleCatalog = {
        do {
            let workspace = try Workspace(root: repositoryRoot)
            return try CatalogLoader(workspace: workspace).load(folder: repositoryRoot.appendingPathComponent("Rules"))
        } catch {
            fatalError("the shipped catalog must load: \(error)")
        }
    }()

    /// The built-in catalog with the sample department's `Policies/` laid over it.
    static func catalogWithSamplePolicies() throws -> RuleCatalog {
        let workspace = try Workspace(root: repositoryRoot)
        return try CatalogLoader(workspace: workspace)
            .load(RuleSet.builtIn, policies: try RuleSet.folder(repositoryRoot.appendingPathComponent("Policies"),
                                                                workspace: workspace))
    }

    /// A fresh temporary workspace folder.
    static func temporaryWorkspace() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tuanthu-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("Inventories"),
                                                withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }

    /// Writes `text` as `Inventories/<name>` of a new workspace and loads it.
    static func loadInventory(_ text: String, name: String = "test.yaml") throws -> [Inventory] {
        let root = try temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("Inventories/\(name)")
        try Data(text.utf8).write(to: file)
        return try InventoryLoader(workspace: try Workspace(root: root)).load(files: [file])
    }

    /// The error an inventory text raises (nil when it loads).
    static func inventoryError(_ text: String) -> EngineError? {
        do {
            _ = try loadInventory(text)
            return nil
        } catch let error as EngineError {
            return error
        } catch {
            return .usage("unexpected error \(error)")
        }
    }

    static let organization = """
        organization:
          id: org
          name: Test organisation
          units:
            - { id: it, name: IT unit }
            - { id: sec, name: Security unit, security-unit: true }
        """

    /// An inventory with one system; `system` is its YAML entry (indented by 4 under `systems:`).
    static func inventory(system: String) -> String {
        organization + "\nsystems:\n" + system
    }

    static let validSystem = """
          - id: portal
            name: Portal
            owner: org
            operator: it
            type: citizen-service
            information: [public, personal]
            classification: { personal-data-subjects: 12000 }
            in-service: 2020-01-01
            level:
              proposed: 3
              approval: { decision: "1/QĐ", date: 2021-01-15, regime: nd85, approver: system-owner, appraiser: security-unit }
            assessments:
              - { date: 2025-10-01, by: "Assessor", licensed: true }
        """

    /// `validSystem` with a few requirements declared not implemented: gaps for plan, waiver and
    /// baseline tests (an undeclared requirement is not assessed, not a gap).
    static let systemWithGaps = validSystem + """

            controls:
              TCVN11930.1.1.1: not-implemented
              TCVN11930.1.2.1: not-implemented
              TCVN11930.1.2.2: partial
              TCVN11930.1.6: planned
        """

    static func day(_ text: String) -> Day {
        guard let day = Day(iso: text) else { fatalError("bad test date \(text)") }
        return day
    }

    /// Audits one system (from YAML) at a date and returns its result.
    static func audit(_ system: String, asOf: String) throws -> SystemResult {
        let inventories = try loadInventory(inventory(system: system))
        let auditor = Auditor(catalog: catalog, asOf: day(asOf))
        let result = try auditor.audit(inventories)
        return result.organizations[0].systems[0]
    }
}

extension SystemResult {
    func finding(_ rule: String) -> Finding? { findings.first { $0.rule == rule } }
}
