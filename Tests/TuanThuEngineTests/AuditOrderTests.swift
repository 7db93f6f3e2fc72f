import Foundation
import Testing
@testable import TuanThuEngine

/// Organisations are audited largest first (so that the cores finish together), and their results
/// still come back in inventory order.
struct AuditOrderTests {
    /// An inventory of organisation `id` with `count` copies of the valid system.
    private static func inventory(_ id: String, systems count: Int) -> String {
        let organization = Fixtures.organization.replacingOccurrences(of: "id: org", with: "id: \(id)")
        let systems = (0..<count).map { index in
            Fixtures.validSystem
                .replacingOccurrences(of: "id: portal", with: "id: \(id)-system-\(index)")
                .replacingOccurrences(of: "owner: org", with: "owner: \(id)")
        }
        return organization + "\nsystems:\n" + systems.joined(separator: "\n") + "\n"
    }

    @Test func resultsComeInInventoryOrderWhateverTheSizes() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // Smallest first and largest last: processed in another order than listed.
        let sizes = [("a-small", 1), ("b-large", 5), ("c-middle", 3), ("d-tiny", 1), ("e-largest", 7)]
        for (id, count) in sizes {
            try Data(Self.inventory(id, systems: count).utf8)
                .write(to: root.appendingPathComponent("Inventories/\(id).yaml"))
        }
        let session = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        let seen = try session.auditEach(asOf: Fixtures.day("2026-12-01")) { result in
            (result.organizations[0].organization.id, result.organizations[0].systems.count)
        }
        #expect(seen.map(\.0) == sizes.map(\.0))
        #expect(seen.map(\.1) == sizes.map(\.1))
    }

    @Test func theFirstInvalidInventoryIsTheOneReported() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // Both misspell a control; the larger one, listed second, is checked on another core.
        let misspelt = { (text: String, control: String) in
            text.replacingOccurrences(of: "    level:\n", with: "    controls: { \(control): implemented }\n    level:\n")
        }
        try Data(misspelt(Self.inventory("a-first", systems: 1), "NO.SUCH.FIRST").utf8)
            .write(to: root.appendingPathComponent("Inventories/a-first.yaml"))
        try Data(misspelt(Self.inventory("b-second", systems: 9), "NO.SUCH.SECOND").utf8)
            .write(to: root.appendingPathComponent("Inventories/b-second.yaml"))
        let session = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        #expect {
            _ = try session.auditEach(asOf: Fixtures.day("2026-12-01")) { _ in 0 }
        } throws: { error in
            "\(error)".contains("NO.SUCH.FIRST") && "\(error)".contains("a-first.yaml")
        }
    }
}

/// The rules load beside the inventories (`Background`): when both are in error, the rules' error is
/// still the one reported, as when they loaded first.
struct LoadingOrderTests {
    @Test func anErrorInTheRulesComesBeforeOneInTheInventories() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let policies = root.appendingPathComponent("Policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        try Data("rules:\n  - id: [unclosed\n".utf8).write(to: policies.appendingPathComponent("broken-policy.yaml"))
        try Data("organization: [unclosed\n".utf8).write(to: root.appendingPathComponent("Inventories/broken.yaml"))
        #expect {
            _ = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        } throws: { error in
            "\(error)".contains("broken-policy.yaml") && !"\(error)".contains("Inventories/broken.yaml")
        }
        try FileManager.default.removeItem(at: policies)
        #expect {
            _ = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        } throws: { error in
            "\(error)".contains("broken.yaml")
        }
    }
}

/// An audit large enough runs each core on its own copy of the catalog; what it finds is the same.
struct CatalogCopyTests {
    @Test func copiesOnlyWhenTheyRepayThemselves() {
        #expect(AuditSession.catalogCopies(cores: 2, organizations: 20, systems: 10_000, systemsPerCopy: 1_000) == 1)
        #expect(AuditSession.catalogCopies(cores: 2, organizations: 20, systems: 999, systemsPerCopy: 1_000) == 0)
        #expect(AuditSession.catalogCopies(cores: 2, organizations: 1, systems: 10_000, systemsPerCopy: 1_000) == 0)
        #expect(AuditSession.catalogCopies(cores: 8, organizations: 3, systems: 10_000, systemsPerCopy: 1_000) == 2)
        #expect(AuditSession.catalogCopies(cores: 8, organizations: 20, systems: 5_000, systemsPerCopy: 1_000) == 0)
        #expect(AuditSession.catalogCopies(cores: 1, organizations: 20, systems: 10_000, systemsPerCopy: 1_000) == 0)
    }

    @Test func findingsAreTheSameWithACatalogPerCore() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        for (index, id) in ["a", "b", "c", "d"].enumerated() {
            let organization = Fixtures.organization.replacingOccurrences(of: "id: org", with: "id: \(id)")
            let systems = (0...index).map { number in
                Fixtures.systemWithGaps
                    .replacingOccurrences(of: "id: portal", with: "id: \(id)-\(number)")
                    .replacingOccurrences(of: "owner: org", with: "owner: \(id)")
            }
            try Data((organization + "\nsystems:\n" + systems.joined(separator: "\n") + "\n").utf8)
                .write(to: root.appendingPathComponent("Inventories/\(id).yaml"))
        }
        let shared = try AuditSession.load(workspace: root, rules: nil, inventories: [])
        var copied = shared
        copied.systemsPerCatalogCopy = 0
        #expect(AuditSession.catalogCopies(cores: 2, organizations: 4, systems: 10, systemsPerCopy: 0) == 1)
        let asOf = Fixtures.day("2026-12-01")
        let once = try shared.auditEach(asOf: asOf) { $0.organizations[0].findings }
        let perCore = try copied.auditEach(asOf: asOf) { $0.organizations[0].findings }
        #expect(perCore == once)
        #expect(once.allSatisfy { !$0.isEmpty })
    }
}
