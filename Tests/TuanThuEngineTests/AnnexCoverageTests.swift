import Foundation
import Testing
@testable import TuanThuEngine

/// Circular 12/2022 Art. 10: a level-N plan meets Annex N. The TCVN 11930 pack has one rule per
/// annex item, and each cites that level's own clause: checked against the annexes as transcribed,
/// line by line, in `docs/legal-research/tt12-annexes.yaml`.
struct AnnexCoverageTests {
    /// The TCVN 11930 clauses each annex lists (management items and set-up items).
    static func annexClauses() throws -> [Int: Set<String>] {
        let url = Fixtures.repositoryRoot.appendingPathComponent("docs/legal-research/tt12-annexes.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [Int: Set<String>] = [:]
        var level = 0
        var inItems = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let match = line.firstMatch(of: /^  ([1-5]):$/) { level = Int(match.1) ?? 0 }
            if line.hasPrefix("    ") && !line.hasPrefix("     ") {
                inItems = line.hasPrefix("    management:") || line.hasPrefix("    technical-config:")
            }
            if inItems, let match = line.firstMatch(of: /tcvn: "([0-9.]+)"/) {
                result[level, default: []].insert(String(match.1))
            }
        }
        return result
    }

    @Test func everyAnnexItemHasItsRuleCitingThatLevelsClause() throws {
        let annex = try Self.annexClauses()
        #expect(annex.mapValues(\.count) == [1: 26, 2: 33, 3: 41, 4: 41, 5: 41])
        let rules = Fixtures.catalog.rules.filter { $0.source.instrument == "TCVN 11930:2017" }
        for level in 1...5 {
            let cited = Set(rules.filter { $0.levels.contains(level) }
                .compactMap { $0.source.clauses?.first { $0.level == level }?.clause })
            #expect(cited == annex[level], "level \(level)")
            #expect(cited.allSatisfy { $0.hasPrefix("\(level + 4).") }, "level \(level) clauses are in section \(level + 4)")
        }
        for rule in rules {
            let levels = Set(rule.source.clauses?.map(\.level) ?? [])
            #expect(levels == Set(rule.levels), "\(rule.id) cites a clause for each of its levels and no other")
        }
    }

    @Test func aFindingCitesTheClauseOfTheSystemsLevel() throws {
        let result = try Fixtures.audit(Fixtures.validSystem, asOf: "2026-03-01")
        let finding = try #require(result.finding("TCVN11930.2.1.4"))
        #expect(finding.source.clause == "7.2.1.4")
        #expect(finding.source.citation(.vi) == "TCVN 11930:2017, mục 7.2.1.4")
        let levelTwo = Fixtures.validSystem.replacingOccurrences(of: "proposed: 3", with: "proposed: 2")
            .replacingOccurrences(of: "personal-data-subjects: 12000", with: "personal-data-subjects: 500")
        let second = try #require(try Fixtures.audit(levelTwo, asOf: "2026-03-01").finding("TCVN11930.2.1.4"))
        #expect(second.source.clause == "6.2.1.4")
    }

    @Test func everyManagementAndTechnicalGroupOfArticle9IsPresent() {
        let groups = Set(Fixtures.catalog.rules.filter { $0.baseline == "tcvn11930-2017" }.compactMap(\.group))
        #expect(groups.contains(.risk) && groups.contains(.endOfOperation))
        #expect(groups.filter { $0.rawValue.hasPrefix("management/") }.count == 7)
        #expect(groups.filter { $0.rawValue.hasPrefix("technical/") }.count == 4)
    }
}
