import Foundation
import Testing
@testable import TuanThuEngine

/// Duties of the organisation (rules of `scope: organization`): stated once, declared once, and
/// assigned to the owner or the security unit (issue 14, item 6).
@Suite struct OrganizationDutyTests {
    static let asOf = Fixtures.day("2026-12-01")

    static func second(_ id: String = "mail", owner: String = "org", operatorUnit: String = "it") -> String {
        """

          - id: \(id)
            name: Mail
            owner: \(owner)
            operator: \(operatorUnit)
            type: internal
            information: [private]
            in-service: 2020-01-01
            level: { proposed: 1 }
        """
    }

    static func audit(_ text: String) throws -> OrganizationResult {
        let inventories = try Fixtures.loadInventory(text)
        let result = try Auditor(catalog: Fixtures.catalog, asOf: asOf).audit(inventories)
        return RemediationPlanner(policy: Fixtures.catalog.policy, asOf: asOf).plan(result).organizations[0]
    }

    static func withOrganizationControls(_ controls: String, units: String? = nil) -> String {
        var organization = Fixtures.organization
        if let units {
            organization = organization.replacingOccurrences(
                of: "  units:\n    - { id: it, name: IT unit }\n    - { id: sec, name: Security unit, security-unit: true }",
                with: units)
        }
        return organization + "\n  controls:\n" + controls + "\nsystems:\n" + Fixtures.validSystem + second()
    }

    @Test func aDutyIsOneFindingOfTheOrganisationNotOnePerSystem() throws {
        let result = try Self.audit(Self.withOrganizationControls("    PROC.TRAINING: partial"))
        let training = result.duties.filter { $0.rule == "PROC.TRAINING" }
        #expect(training.count == 1)
        #expect(training.first?.system == "org")
        #expect(training.first?.status == .fail)
        #expect(training.first?.location.line == 8, "points at the organisation's declaration")
        for system in result.systems {
            #expect(system.finding("PROC.TRAINING") == nil, "not repeated on \(system.system.id)")
            #expect(system.duties.contains("PROC.TRAINING"))
        }
        #expect(result.findings.filter { $0.rule == "PROC.TRAINING" }.count == 1)
        // The plan has one item for it, by the organisation's id, at the priority of the highest level.
        let items = result.plan.filter { $0.rule == "PROC.TRAINING" }
        #expect(items.map(\.id) == ["org:PROC.TRAINING"])
        #expect(items.first?.level == 3)
        #expect(items.first?.responsibleName == "Security unit")
    }

    @Test func undeclaredDutyIsNotAssessedAtTheOrganisation() throws {
        let result = try Self.audit(Self.withOrganizationControls("    PROC.TRAINING: implemented"))
        let unit = try #require(result.duties.first { $0.rule == "PROC.SECURITY-UNIT.ND331" })
        #expect(unit.status == .notAssessed)
        #expect(unit.location.line == 7, "points at organization.controls")
        #expect(!result.plan.contains { $0.rule == "PROC.SECURITY-UNIT.ND331" })
    }

    @Test func withoutAnOrganisationDeclarationTheWeakestSystemDeclarationCounts() throws {
        let text = Fixtures.organization + "\nsystems:\n" + Fixtures.validSystem
            + "\n    controls: { PROC.TRAINING: implemented }" + Self.second()
            + "\n    controls: { PROC.TRAINING: planned }"
        let result = try Self.audit(text)
        let training = try #require(result.duties.first { $0.rule == "PROC.TRAINING" })
        #expect(training.status == .fail)
        #expect(training.found?.vi.contains("có kế hoạch") == true)
    }

    @Test func aSystemRequirementDeclaredForTheOrganisationIsAnInputError() throws {
        let inventories = try Fixtures.loadInventory(Self.withOrganizationControls("    TCVN11930.2.1.2: implemented"))
        #expect {
            try Auditor(catalog: Fixtures.catalog, asOf: Self.asOf).audit(inventories)
        } throws: { error in
            let error = error as? EngineError
            return error?.location?.line == 8 && error?.message.contains("each system") == true
        }
    }

    @Test func anUndeclaredOwnerIsAnInputErrorWithItsPlace() {
        let text = Fixtures.organization + "\nsystems:\n" + Fixtures.validSystem + Self.second(owner: "ubnd-tq")
        let error = Fixtures.inventoryError(text)
        #expect(error?.location?.line == 23)
        #expect(error?.message.contains("owner 'ubnd-tq'") == true)
        #expect(error?.message.contains("organization.owners") == true)
    }

    @Test func aDeclaredOwnerIsNamedAndAnswersForItsSystems() throws {
        let organization = Fixtures.organization + """

              owners:
                - { id: ubnd-tq, name: Ủy ban nhân dân tỉnh Tuyên Quang, kind: provincial-people-committee }
            """
        let text = organization + "\nsystems:\n" + Self.second(owner: "ubnd-tq")
            + "\n    controls: { PROC.SECURITY-UNIT.ND331: not-implemented }"
        let result = try Self.audit(text)
        #expect(result.organization.owner("ubnd-tq")?.kind == .provincialPeopleCommittee)
        let item = try #require(result.plan.first { $0.rule == "PROC.SECURITY-UNIT.ND331" })
        #expect(item.responsibleName == "Ủy ban nhân dân tỉnh Tuyên Quang", "the one owner of every system concerned")
        #expect(!result.plan.contains { $0.responsibleName == "ubnd-tq" || $0.responsibleUnit == "it" && $0.rule.hasPrefix("APPROVAL") })
    }

    @Test func aDelegatedOwnerNeedsItsWrittenDelegation() {
        let organization = Fixtures.organization + """

              owners:
                - { id: tt-cntt, name: Trung tâm CNTT, kind: delegated }
            """
        let error = Fixtures.inventoryError(organization + "\nsystems:\n" + Self.second(owner: "tt-cntt"))
        #expect(error?.message.contains("delegation") == true)
    }

    @Test func withoutASecurityUnitItsWorkFallsToTheHeadNotToTheOperator() throws {
        let text = Self.withOrganizationControls("    PROC.TRAINING: partial",
                                                 units: "  units:\n    - { id: it, name: IT unit }")
        let result = try Self.audit(text)
        let item = try #require(result.plan.first { $0.rule == "PROC.TRAINING" })
        #expect(item.responsibleUnit == "org")
        #expect(item.responsibleName == "Test organisation")
        // A system's security-unit gap, too, goes to its owner rather than to its operating unit.
        for item in result.plan where item.system != "org" {
            let rule = Fixtures.catalog.rule(id: item.rule)
            if rule?.responsible == .securityUnit { #expect(item.responsibleUnit == "org", "\(item.id)") }
        }
    }

    @Test func aWaiverOfTheOrganisationsDutyGoesByItsId() throws {
        let inventories = try Fixtures.loadInventory(Self.withOrganizationControls("    PROC.TRAINING: partial"))
        let audit = try Auditor(catalog: Fixtures.catalog, asOf: Self.asOf).audit(inventories)
        let waiver = Waiver(rule: "PROC.TRAINING", system: "org", justification: "Kế hoạch 2027",
                            approvedBy: "Giám đốc Sở", expires: Fixtures.day("2027-03-01"), approvedOn: nil,
                            location: SourceLocation(file: "waivers.yaml", line: 2, column: 5))
        let waived = WaiverApplier(catalog: Fixtures.catalog, asOf: Self.asOf).apply([waiver], to: audit)
        #expect(waived.waivers.first?.state == .applied)
        #expect(waived.organizations[0].duties.first { $0.rule == "PROC.TRAINING" }?.status == .waived)
    }

    @Test func aSystemMayNotTakeTheOrganisationsId() {
        let text = Fixtures.organization + "\nsystems:\n" + Self.second("org")
        #expect(Fixtures.inventoryError(text)?.message.contains("also an organization's id") == true)
    }
}
