import Foundation
import Testing
@testable import TuanThuEngine

/// Findings stay `Codable` values although their rule's words are shared by reference.
struct FindingCodingTests {
    @Test func findingsRoundTripThroughJSON() throws {
        let session = try AuditSession.load(workspace: Fixtures.repositoryRoot, rules: nil, inventories: [])
        let asOf = try #require(Day(iso: "2026-12-01"))
        let waivers = try session.loadWaivers(Fixtures.repositoryRoot.appendingPathComponent("waivers.yaml"))
        let findings = try session.auditEach(asOf: asOf, waivers: waivers) { $0.findings }.flatMap { $0 }
        #expect(findings.count > 50)
        #expect(findings.contains { $0.waiver != nil })
        #expect(findings.contains { !$0.citesRule }, "a check's own source is kept too")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(findings)
        let decoded = try JSONDecoder().decode([Finding].self, from: encoded)
        #expect(try encoder.encode(decoded) == encoded)
        for (before, after) in zip(findings, decoded) {
            #expect(after.rule == before.rule && after.source == before.source && after.basis == before.basis)
            #expect(after.citation(.vi) == before.citation(.vi) && after.status == before.status)
        }
    }
}
