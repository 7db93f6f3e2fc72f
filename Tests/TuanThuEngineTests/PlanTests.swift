import Foundation
import Testing
@testable import TuanThuEngine

struct PlanTests {
    let policy = Fixtures.catalog.policy

    /// The plan is put in order by swapping along the permutation's cycles: every permutation,
    /// including the identity, single cycles and many short ones, gives `order.map { items[$0] }`.
    @Test func arrangingByPermutationMatchesCopyingInOrder() {
        var generator = SystemRandomNumberGenerator.Seeded(seed: 2026)
        var orders: [[Int]] = [[], [0], [0, 1], [1, 0], Array(0..<50), Array((0..<50).reversed()),
                               Array(1..<50) + [0]]
        for count in [2, 3, 7, 64, 500] {
            for _ in 0..<20 { orders.append(Array(0..<count).shuffled(using: &generator)) }
        }
        for order in orders {
            let items = order.indices.map { "item \($0)" }
            var arranged = items
            RemediationPlanner.arrange(&arranged, in: order)
            #expect(arranged == order.map { items[$0] }, "order \(order)")
        }
    }

    @Test func priorityRisesWithLevel() {
        #expect(RemediationPlanner.priority(.critical, level: 1) == .p1)
        #expect(RemediationPlanner.priority(.high, level: 3) == .p2)
        #expect(RemediationPlanner.priority(.high, level: 4) == .p1)
        #expect(RemediationPlanner.priority(.medium, level: 2) == .p3)
        #expect(RemediationPlanner.priority(.medium, level: 5) == .p2)
        #expect(RemediationPlanner.priority(.low, level: 3) == .p4)
        #expect(RemediationPlanner.priority(.info, level: 5) == .p4)
    }

    /// The law's one periodic report is yearly, units to the owner before 20 December.
    @Test func itemsFallIntoTheNextYearlyReport() {
        #expect(policy.period(for: Fixtures.day("2026-06-10"))?.id == "year-2026")
        #expect(policy.period(for: Fixtures.day("2026-12-20"))?.deadline == Fixtures.day("2026-12-20"))
        #expect(policy.period(for: Fixtures.day("2026-12-21"))?.id == "year-2027")
    }

    /// The sample department's plan adds its half-year (10/6) and year (5/12) reports.
    @Test func aDepartmentsOwnReportsComeFirstWhenEarlier() throws {
        let policy = try Fixtures.catalogWithSamplePolicies().policy
        #expect(policy.period(for: Fixtures.day("2026-06-10"))?.id == "half-year-2026")
        #expect(policy.period(for: Fixtures.day("2026-06-11"))?.id == "department-year-2026")
        #expect(policy.period(for: Fixtures.day("2026-12-06"))?.id == "year-2026")
        #expect(policy.period(for: Fixtures.day("2026-12-21"))?.deadline == Fixtures.day("2027-06-10"))
    }

    func plan(_ system: String, asOf: String, waivers: [Waiver] = [], previousDue: [String: Day] = [:]) throws
        -> [PlanItem] {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: system))
        var result = try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day(asOf)).audit(inventories)
        result = WaiverApplier(catalog: Fixtures.catalog, asOf: Fixtures.day(asOf)).apply(waivers, to: result)
        return RemediationPlanner(policy: policy, asOf: Fixtures.day(asOf), previousDue: previousDue)
            .plan(result).organizations[0].plan
    }

    @Test func dueDatesFollowSeverityAndStopAtTransitionDeadlines() throws {
        let unapproved = Fixtures.systemWithGaps.replacingOccurrences(
            of: "      approval: { decision: \"1/QĐ\", date: 2021-01-15, regime: nd85, approver: system-owner, appraiser: security-unit }\n",
            with: "")
            // Under construction on 01/07/2026: it may finish under Decree 85 until 01/01/2027 (Decree 331 Art. 39(1)).
            .replacingOccurrences(of: "in-service: 2020-01-01",
                                  with: "construction-started: 2025-05-01\n    in-service: 2026-09-01")
        #expect(unapproved.contains("construction-started"))
        let items = try plan(unapproved, asOf: "2026-12-15")
        let approval = try #require(items.first { $0.rule == "APPROVAL.MISSING" })
        #expect(approval.due == Fixtures.day("2027-01-01"))
        #expect(approval.dueReason == .transition)
        #expect(approval.priority == .p1)
        #expect(approval.id == "portal:APPROVAL.MISSING")
        let requirement = try #require(items.first { $0.rule == "TCVN11930.1.6" })
        #expect(requirement.due == Fixtures.day("2027-03-15"))
        #expect(requirement.dueReason == .severity)
        #expect(requirement.responsibleUnit == "sec")
        let before = try plan(unapproved, asOf: "2026-03-01")
        #expect(before.first { $0.rule == "APPROVAL.MISSING" }?.due == Fixtures.day("2026-03-31"))
    }

    /// The urgent list puts the law first: a void approval, then the overdue assessment (overdue
    /// since the day it fell due, not given a new date), then requirement gaps.
    @Test func theLawComesFirstAndOverdueDutiesKeepTheirLegalDueDay() throws {
        let system = Fixtures.systemWithGaps
            .replacingOccurrences(of: "approver: system-owner", with: "approver: security-unit")
            .replacingOccurrences(of: "{ date: 2025-10-01, by: \"Assessor\", licensed: true }",
                                  with: "{ date: 2025-05-01, by: \"Assessor\", licensed: true }")
        let items = try plan(system, asOf: "2026-06-20")
        #expect(items.prefix(2).map(\.rule) == ["APPROVAL.AUTHORITY", "ASSESSMENT.OVERDUE"], "\(items.map(\.rule))")
        let void = items[0]
        #expect(void.overdue && void.dueReason == .law)
        #expect(void.due == Fixtures.day("2020-01-01"), "no valid approval since the system went live")
        let assessment = items[1]
        #expect(assessment.due == Fixtures.day("2026-05-01"))
        #expect(assessment.overdue && assessment.dueReason == .law)
        #expect(assessment.period != nil, "an overdue item stays in the plan, in the next report")
        #expect(items.dropFirst(2).allSatisfy { $0.weight == .requirement })
        let severities = items.dropFirst(2).map(\.severity)
        #expect(severities == severities.sorted(by: >), "requirement gaps by severity")
    }

    @Test func previousDueDateIsKeptAndOverdueFlagged() throws {
        let items = try plan(Fixtures.systemWithGaps, asOf: "2026-03-01",
                             previousDue: ["portal:TCVN11930.1.1.1": Fixtures.day("2026-02-01")])
        let item = try #require(items.first { $0.rule == "TCVN11930.1.1.1" })
        #expect(item.due == Fixtures.day("2026-02-01"))
        #expect(item.overdue)
        #expect(item.dueReason == .baseline)
        #expect(items.first?.id == item.id, "overdue items come first")
    }

    @Test func aWaivedGapIsDueWhenItsWaiverExpires() throws {
        let items = try plan(Fixtures.systemWithGaps, asOf: "2026-03-01",
                             waivers: [waiver("TCVN11930.1.1.1", expires: "2026-04-30")],
                             previousDue: ["portal:TCVN11930.1.1.1": Fixtures.day("2026-02-01")])
        let item = try #require(items.first { $0.rule == "TCVN11930.1.1.1" })
        #expect(item.status == .waived)
        #expect(item.due == Fixtures.day("2026-04-30"))
        #expect(item.dueReason == .waiver)
        #expect(!item.overdue, "an accepted risk is not overdue against the previous plan")
    }

    func waiver(_ rule: String, expires: String, approvedOn: String? = nil, system: String = "portal") -> Waiver {
        Waiver(rule: rule, system: system, justification: "why", approvedBy: "Director", expires: Fixtures.day(expires),
               approvedOn: approvedOn.map(Fixtures.day), location: SourceLocation(file: "w.yaml", line: 3, column: 5))
    }

    func waiverStates(_ waivers: [Waiver], asOf: String, system: String = Fixtures.systemWithGaps) throws
        -> (AuditResult, [WaiverOutcome.State]) {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: system))
        let result = try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day(asOf)).audit(inventories)
        let applied = WaiverApplier(catalog: Fixtures.catalog, asOf: Fixtures.day(asOf)).apply(waivers, to: result)
        return (applied, applied.waivers.map(\.state))
    }

    @Test func waiverTurnsAFailureIntoWaivedUntilItExpires() throws {
        let (during, states) = try waiverStates([waiver("TCVN11930.1.1.1", expires: "2026-04-30")], asOf: "2026-03-01")
        #expect(states == [.applied])
        let finding = try #require(during.organizations[0].systems[0].finding("TCVN11930.1.1.1"))
        #expect(finding.status == .waived)
        #expect(finding.waiver?.approvedBy == "Director")
        #expect(!finding.blocks(at: .low))
        let (after, expired) = try waiverStates([waiver("TCVN11930.1.1.1", expires: "2026-04-30")], asOf: "2026-05-01")
        #expect(expired == [.expired])
        #expect(after.organizations[0].systems[0].finding("TCVN11930.1.1.1")?.status == .fail)
    }

    @Test func waiverProblemsAreReportedNotIgnored() throws {
        let unapproved = Fixtures.systemWithGaps.replacingOccurrences(of: "regime: nd85, approver: system-owner",
                                                                   with: "regime: nd85, approver: security-unit")
        let (_, states) = try waiverStates([
            waiver("NO.SUCH.RULE", expires: "2026-04-30"),
            waiver("TCVN11930.1.1.1", expires: "2026-04-30", system: "nowhere"),
            waiver("APPROVAL.MISSING", expires: "2026-04-30"),
            waiver("TCVN11930.1.2.1", expires: "2027-04-30"),
            waiver("TCVN11930.1.2.2", expires: "2026-12-31", approvedOn: "2026-01-01"),
            waiver("ASSESSMENT.OVERDUE", expires: "2026-04-30"),
        ], asOf: "2026-03-01", system: unapproved)
        #expect(states == [.unknownRule, .unknownSystem, .notWaivable, .tooLong, .applied, .unused])
    }

    @Test func malformedWaiversFileIsAnInputError() throws {
        let root = try Fixtures.temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("waivers.yaml")
        try Data("waivers:\n  - rule: X\n    system: portal\n    justification: j\n    approved-by: a\n    expires: 2026-13-01\n".utf8)
            .write(to: file)
        do {
            _ = try WaiverLoader.load(file, displayPath: "waivers.yaml")
            Issue.record("a bad date must be refused")
        } catch let error as EngineError {
            #expect(error.location == SourceLocation(file: "waivers.yaml", line: 6, column: 14))
        }
    }

    @Test func baselineMarksNewPersistingAndFixed() throws {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.systemWithGaps))
        let result = try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day("2026-03-01")).audit(inventories)
        let baseline = Baseline(files: ["old.json"],
                                open: ["portal:TCVN11930.1.1.1": .init(rule: "TCVN11930.1.1.1", system: "portal", title: "t"),
                                       "portal:GONE.RULE": .init(rule: "GONE.RULE", system: "portal", title: "g"),
                                       "portal:ASSESSMENT.OVERDUE": .init(rule: "ASSESSMENT.OVERDUE", system: "portal",
                                                                          title: "a")])
        let compared = baseline.compare(result)
        let findings = compared.organizations[0].systems[0].findings
        #expect(findings.first { $0.rule == "TCVN11930.1.1.1" }?.change == .persisting)
        #expect(findings.first { $0.rule == "TCVN11930.1.2.1" }?.change == .new)
        #expect(compared.baseline?.dropped.map(\.rule) == ["GONE.RULE"])
        #expect(compared.baseline?.fixed.map(\.rule) == ["ASSESSMENT.OVERDUE"])
        #expect(compared.blocking(at: .high, onlyNew: true).allSatisfy { $0.change == .new })
        #expect(compared.blocking(at: .high, onlyNew: true).count < compared.blocking(at: .high).count)
    }
    /// Deleting a system from the inventory must not make its open gaps vanish: they are listed
    /// as removed, in the report of the organisation the baseline had them in.
    @Test func gapsOfASystemNoLongerInventoriedAreReportedAsRemoved() throws {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.systemWithGaps))
        let result = try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day("2026-03-01")).audit(inventories)
        let baseline = Baseline(files: ["old.json"], open: [
            "retired:APPROVAL.MISSING": .init(rule: "APPROVAL.MISSING", system: "retired", title: "r",
                                              organization: "org"),
            "elsewhere:APPROVAL.MISSING": .init(rule: "APPROVAL.MISSING", system: "elsewhere", title: "e",
                                                organization: "other-org"),
            "moved:APPROVAL.MISSING": .init(rule: "APPROVAL.MISSING", system: "moved", title: "m",
                                            organization: "org"),
        ])
        let whole = try #require(baseline.compare(result).baseline)
        #expect(whole.removed.map(\.system) == ["elsewhere", "moved", "retired"])
        #expect(whole.dropped.isEmpty)
        // One organisation at a time: its own removed systems only; a system audited in another
        // organisation is not removed.
        let mine = try #require(baseline.compare(result, ownSystemsOnly: true,
                                                 inventoried: ["portal", "moved"]).baseline)
        #expect(mine.removed.map(\.system) == ["retired"])
        #expect(mine.dropped.isEmpty && mine.fixed.isEmpty)
        // The organisation of `elsewhere` is not audited: only the summary can count it.
        let outside = baseline.removedElsewhere(inventoried: ["portal", "moved"], audited: ["org"])
        #expect(outside.map(\.system) == ["elsewhere"])
        // Without every inventory (`--inventory`), no system can be called removed.
        let partial = try #require(baseline.compare(result, ownSystemsOnly: true).baseline)
        #expect(partial.removed.isEmpty)
    }
}
