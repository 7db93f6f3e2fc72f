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

    /// A legal source holds its fields behind one shared reference: a copy that changes must not
    /// change the original, and coding, equality and hashing see the fields.
    @Test func legalSourcesAreValuesThoughTheirFieldsAreShared() throws {
        var source = LegalSource(instrument: "TCVN 11930:2017", article: nil, clause: "7.1", note: "ghi chú")
        source.clauses = [LevelClause(level: 3, clause: "7.1"), LevelClause(level: 4, clause: "8.1")]
        let original = source
        var copy = source
        copy.clause = "8.1"
        copy.note = nil
        #expect(source.clause == "7.1" && source.note == "ghi chú" && source == original)
        #expect(copy.clause == "8.1" && copy.note == nil && copy != source)
        #expect(source.at(level: 4).clause == "8.1" && source.at(level: 4).clauses == nil && source.clause == "7.1")
        var same = LegalSource(instrument: "TCVN 11930:2017", clause: "7.1", note: "ghi chú")
        same.clauses = source.clauses
        #expect(same == source && same.hashValue == source.hashValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(source)
        #expect(String(decoding: encoded, as: UTF8.self)
            == #"{"clause":"7.1","clauses":[{"clause":"7.1","level":3},{"clause":"8.1","level":4}],"#
            + #""instrument":"TCVN 11930:2017","note":"ghi chú"}"#)
        #expect(try JSONDecoder().decode(LegalSource.self, from: encoded) == source)
    }

    /// Statuses, severities and requirement groups hash by their case (not by their raw text):
    /// each case hashes apart from every other, the same every time, and sets and dictionaries
    /// keyed by them find every case.
    @Test func enumsHashByCase() {
        func check<T: OrdinalCase>(_: T.Type) {
            let cases = Array(T.allCases)
            #expect(Set(cases.map(\.ordinal)) == Set(0..<cases.count), "\(T.self)")
            #expect(Set(cases.map(\.hashValue)).count == cases.count, "\(T.self)")
            #expect(cases.allSatisfy { $0.hashValue == $0.hashValue })
            let table = Dictionary(uniqueKeysWithValues: cases.enumerated().map { ($1, $0) })
            #expect(cases.enumerated().allSatisfy { table[$1] == $0 }, "\(T.self)")
        }
        check(CheckStatus.self)
        check(Severity.self)
        check(RequirementGroup.self)
    }

    /// A tally by case gives the dictionary a tally by `Dictionary` gives: the cases met, each
    /// with its value; values change in place.
    @Test func caseTalliesCountAsDictionariesDo() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            var tally = CaseTally<CheckStatus, Int>()
            var groups = CaseTally<RequirementGroup, [Int]>()
            var expected: [CheckStatus: Int] = [:]
            var expectedGroups: [RequirementGroup: [Int]] = [:]
            for index in 0..<Int.random(in: 0...40, using: &generator) {
                let status = CheckStatus.allCases.randomElement(using: &generator)!
                tally[status, default: 0] += 1
                expected[status, default: 0] += 1
                let group = RequirementGroup.allCases.randomElement(using: &generator)!
                groups[group, default: []].append(index)
                expectedGroups[group, default: []].append(index)
            }
            #expect(tally.dictionary == expected, "round \(round)")
            #expect(groups.dictionary == expectedGroups, "round \(round)")
            for group in RequirementGroup.allCases { #expect(groups[group] == expectedGroups[group]) }
        }
    }
}
