import Testing
@testable import TuanThuEngine

/// One behaviour per check kind, through the shipped rules that use them.
struct CheckKindTests {
    func with(_ old: String, _ new: String) -> String {
        Fixtures.validSystem.replacingOccurrences(of: old, with: new)
    }

    func addingControls(_ controls: String) -> String {
        Fixtures.validSystem + "\n    controls:\n" + controls
    }

    @Test func undeclaredControlIsNotAssessedAndPointsAtTheControls() throws {
        let result = try Fixtures.audit(addingControls("      TCVN11930.1.1.1: implemented"), asOf: "2026-03-01")
        let finding = try #require(result.finding("TCVN11930.1.2.1"))
        #expect(finding.status == .notAssessed)
        #expect(!finding.isOpen, "not assessed is not a gap")
        #expect(!finding.blocks(at: .info))
        #expect(finding.found?.en == "not declared")
        #expect(result.compliance.notAssessed > 0)
        #expect(result.compliance.percent == 100, "only the one declared requirement counts, and it is met")
        #expect(finding.location.line == 21)
        #expect(result.finding("TCVN11930.1.1.1")?.status == .pass)
    }

    @Test(arguments: [("partial", CheckStatus.fail), ("planned", .fail), ("not-implemented", .fail),
                      ("implemented", .pass)])
    func controlStatusDecides(status: String, expected: CheckStatus) throws {
        let result = try Fixtures.audit(addingControls("      TCVN11930.2.4.3: \(status)"), asOf: "2026-03-01")
        #expect(result.finding("TCVN11930.2.4.3")?.status == expected)
        #expect(result.finding("TCVN11930.2.4.3")?.location.line == 22)
    }

    @Test func notApplicableControlWithNoteIsNotApplicable() throws {
        let text = addingControls("      TCVN11930.1.4.2: { status: not-applicable, note: \"no outsourcing\" }")
        let finding = try #require(try Fixtures.audit(text, asOf: "2026-03-01").finding("TCVN11930.1.4.2"))
        #expect(finding.status == .notApplicable)
        #expect(finding.message.en.contains("no outsourcing"))
    }

    @Test func requirementsAboveTheLevelAreNotApplicable() throws {
        let text = with("classification: { personal-data-subjects: 12000 }", "classification: {}")
            .replacingOccurrences(of: "proposed: 3", with: "proposed: 2")
            .replacingOccurrences(of: "approver: system-owner", with: "approver: security-unit")
        let result = try Fixtures.audit(text, asOf: "2026-03-01")
        #expect(result.effectiveLevel == 2)
        #expect(result.finding("TCVN11930.2.3.4") == nil, "a level-3 requirement is not in scope at level 2")
        #expect(result.ladder.nextLevelGaps.contains { $0.rule == "TCVN11930.2.3.4" })
        #expect(result.finding("TCVN11930.1.1.1")?.status == .notAssessed)
        #expect(result.finding("APPROVAL.AUTHORITY")?.status == .pass)
    }

    @Test func approvalByWrongAuthorityIsFlagged() throws {
        let text = with("approver: system-owner", "approver: security-unit")
        let finding = try #require(try Fixtures.audit(text, asOf: "2026-03-01").finding("APPROVAL.AUTHORITY"))
        #expect(finding.status == .fail)
        #expect(finding.source.article == "12")
        #expect(finding.location.line == 18)
    }

    @Test func securityUnitOperatingAndAppraisingFailsUnderDecree331() throws {
        let text = with("operator: it", "operator: sec")
            .replacingOccurrences(of: "in-service: 2020-01-01", with: "in-service: 2026-08-01")
            .replacingOccurrences(of: "date: 2021-01-15, regime: nd85", with: "date: 2026-09-01, regime: nd331")
        let finding = try #require(try Fixtures.audit(text, asOf: "2026-12-01").finding("APPROVAL.AUTHORITY"))
        #expect(finding.status == .fail)
        #expect(finding.message.en.contains("both operates and appraised"))
        #expect(finding.regime == "nd331")
    }

    @Test func changeAfterApprovalIsOutdated() throws {
        let text = with("in-service: 2020-01-01", "in-service: 2020-01-01\n    changed: 2024-02-01")
        let result = try Fixtures.audit(text, asOf: "2026-03-01")
        #expect(result.finding("APPROVAL.OUTDATED")?.status == .fail)
        #expect(result.finding("APPROVAL.OUTDATED")?.location.line == 16)
        #expect(result.approvalStatus == .needsReview)
    }

    @Test func assessmentCycleCountsOnlyLicensedAssessorsFromLevelThree() throws {
        let overdue = try Fixtures.audit(Fixtures.validSystem, asOf: "2026-10-02")
        #expect(overdue.finding("ASSESSMENT.OVERDUE")?.status == .fail)
        #expect(try Fixtures.audit(Fixtures.validSystem, asOf: "2026-10-01").finding("ASSESSMENT.OVERDUE")?.status == .pass)
        let unlicensed = with("licensed: true", "licensed: false")
        let finding = try Fixtures.audit(unlicensed, asOf: "2026-03-01").finding("ASSESSMENT.OVERDUE")
        #expect(finding?.status == .fail)
        #expect(finding?.message.en.contains("licensed") == true)
    }

    /// A system never assessed is not overdue before its first cycle ends (issue 14: "overdue" for a
    /// system live since September was not a verdict an officer could defend).
    @Test func aNewSystemIsNotOverdueBeforeItsFirstCycleEnds() throws {
        let never = with("\n    assessments:\n      - { date: 2025-10-01, by: \"Assessor\", licensed: true }", "")
        let new = never.replacingOccurrences(of: "in-service: 2020-01-01", with: "in-service: 2025-09-15")
        let notYet = try #require(try Fixtures.audit(new, asOf: "2026-03-01").finding("ASSESSMENT.OVERDUE"))
        #expect(notYet.status == .pass)
        #expect(notYet.message.vi.contains("Chưa đến hạn") && notYet.message.vi.contains("15/09/2026"))
        let old = never.replacingOccurrences(of: "in-service: 2020-01-01", with: "in-service: 2024-09-15")
        let overdue = try #require(try Fixtures.audit(old, asOf: "2026-03-01").finding("ASSESSMENT.OVERDUE"))
        #expect(overdue.status == .fail)
        #expect(overdue.dueSince == Fixtures.day("2025-09-15"))
    }

    @Test func decree331AssessmentIsAManualCheck() throws {
        let finding = try Fixtures.audit(Fixtures.validSystem, asOf: "2027-08-01").finding("ASSESSMENT.OVERDUE")
        #expect(finding?.status == .manual)
        #expect(finding?.basis == .primary)
        #expect(finding?.message.en.contains("Art. 28(5)(a)") == true)
    }

    @Test func missingApprovalIsCriticalAndNotWaivable() throws {
        let text = with("      approval: { decision: \"1/QĐ\", date: 2021-01-15, regime: nd85, approver: system-owner, appraiser: security-unit }\n", "")
        let result = try Fixtures.audit(text, asOf: "2026-03-01")
        let finding = try #require(result.finding("APPROVAL.MISSING"))
        #expect(finding.status == .fail)
        #expect(finding.severity == .critical)
        #expect(finding.waivable == false)
        #expect(finding.blocks(at: .high))
        #expect(result.approvalStatus == .missing)
    }

    @Test func predicateAndFreshnessChecksEvaluate() throws {
        let yaml = """
            pack: { id: t, title: T }
            rules:
              - id: T.PRED
                title: T
                remediation: R
                severity: low
                source: { instrument: X }
                basis: unverified
                check: { kind: predicate, expect: { all: [ { field: assessments.count, gte: 1 }, { not: { field: type, equals: internal } } ] } }
              - id: T.FRESH
                title: T
                remediation: R
                severity: low
                source: { instrument: X }
                basis: unverified
                check: { kind: freshness, field: assessments.last.date, max-age-days: 30 }
            """
        let node = try YAMLLoader.parse(text: yaml, displayPath: "t.yaml")
        let top = try node.mapping("t")
        let pack = RulePack(id: "t", baseline: nil, title: Localized("T"), file: "t.yaml")
        let rules = try top.required("rules").list("rules").map { try RuleDecoder.decode($0, pack: pack) }
        var catalog = Fixtures.catalog
        catalog.rules = rules
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.validSystem))
        let early = Auditor(catalog: catalog, asOf: Fixtures.day("2025-10-20"))
            .evaluate(inventories[0].systems[0], in: inventories[0].organization)
        #expect(early.finding("T.PRED")?.status == .pass)
        #expect(early.finding("T.FRESH")?.status == .pass)
        let late = Auditor(catalog: catalog, asOf: Fixtures.day("2025-11-01"))
            .evaluate(inventories[0].systems[0], in: inventories[0].organization)
        #expect(late.finding("T.FRESH")?.status == .fail)
        #expect(late.finding("T.FRESH")?.location.line == 19)
    }

    @Test func predicateWithUnknownFieldIsRefusedAtLoad() throws {
        let node = try YAMLLoader.parse(text: "{ field: classification.personal-data-subject, gte: 1 }", displayPath: "p.yaml")
        do {
            _ = try PredicateDecoder.decode(node)
            Issue.record("unknown field must be refused")
        } catch let error as EngineError {
            #expect(error.message.contains("did you mean 'classification.personal-data-subjects'"))
        }
        let wrongOperator = try YAMLLoader.parse(text: "{ field: type, gte: 1 }", displayPath: "p.yaml")
        #expect(throws: EngineError.self) { try PredicateDecoder.decode(wrongOperator) }
        let badValue = try YAMLLoader.parse(text: "{ field: type, equals: citizen }", displayPath: "p.yaml")
        #expect(throws: EngineError.self) { try PredicateDecoder.decode(badValue) }
    }
}

/// Facts are a table in the order of `Facts.fields`, which must hold every field rules may name.
struct FactsTableTests {
    @Test func everyCatalogFieldHasOnePlace() {
        #expect(Facts.fields.count == FactCatalog.fields.count)
        #expect(Set(Facts.fields) == Set(FactCatalog.fields.keys))
        #expect(Facts.position(of: "no.such.field") == nil)
    }

    @Test func factsReadByNameAndByPlace() throws {
        let inventory = try #require(try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.validSystem)).first)
        let system = try #require(inventory.systems.first)
        let facts = Facts(system: system, organization: inventory.organization)
            .with(requiredLevel: 3, effectiveLevel: 2, regime: "nd85", regimeInForce: "nd331")
        #expect(facts["id"] == .text(system.id))
        #expect(facts["level.required"] == .int(3))
        #expect(facts["level.effective"] == .int(2))
        #expect(facts["regime"] == .text("nd85"))
        #expect(facts["regime.in-force"] == .text("nd331"))
        #expect(facts["owner"] == .text(system.owner))
        #expect(facts["operator"] == .text(system.operatorUnit))
        #expect(facts["type"] == .text(system.type.rawValue))
        #expect(facts["in-service"] == .day(system.inService))
        #expect(facts["approval.present"] == .bool(system.approval != nil))
        #expect(facts["certificates.count"] == .int(system.certificates.count))
        #expect(facts["documents.count"] == .int(system.documents.count))
        #expect(facts["classification.served-scope"] == .text(system.classification.servedScope.rawValue))
        #expect(facts["classification.always-on"] == .bool(system.classification.alwaysOn))
        #expect(facts["classification.personal-data-subjects"] == .int(system.classification.personalDataSubjects))
        #expect(facts["classification.prime-minister-designated"]
                == .bool(system.classification.primeMinisterDesignated))
        #expect(facts["no.such.field"] == .missing)
        for field in Facts.fields {
            #expect(facts[try #require(Facts.position(of: field))] == facts[field])
            #expect(facts.values[field] == facts[field])
        }
    }

    /// Decree 331 Art. 23(3): 15 working days for a level-3 appraisal. Over the limit around Tết,
    /// only that year's lunar holidays can tell: a manual check, not a failure.
    @Test func appraisalTimeOverTetIsAManualCheck() throws {
        func system(submitted: String, appraised: String, decided: String) -> String {
            Fixtures.validSystem.replacingOccurrences(of: "in-service: 2020-01-01", with: "in-service: 2026-08-01")
                .replacingOccurrences(
                    of: "approval: { decision: \"1/QĐ\", date: 2021-01-15, regime: nd85, approver: system-owner, appraiser: security-unit }",
                    with: "approval: { decision: \"1/QĐ\", date: \(decided), regime: nd331, approver: system-owner, "
                        + "appraiser: security-unit, submitted: \(submitted), appraised: \(appraised) }")
        }
        let tet = try Fixtures.audit(system(submitted: "2027-01-25", appraised: "2027-02-19", decided: "2027-02-24"),
                                     asOf: "2027-03-01").finding("APPROVAL.TIME-LIMIT")
        #expect(tet?.status == .manual, "\(tet?.message.en ?? "")")
        let late = try Fixtures.audit(system(submitted: "2026-09-07", appraised: "2026-10-30", decided: "2026-11-03"),
                                      asOf: "2026-12-01").finding("APPROVAL.TIME-LIMIT")
        #expect(late?.status == .fail)
        #expect(late?.message.en.hasPrefix("Appraisal: 39 working days from 2026-09-07 to 2026-10-30") == true,
                "\(late?.message.en ?? "")")
        #expect((late?.location.column ?? 0) > 100, "points at the appraisal date on the approval's line")
        let noDates = try Fixtures.audit(Fixtures.validSystem, asOf: "2026-03-01").finding("APPROVAL.TIME-LIMIT")
        #expect(noDates?.status == .notApplicable)
    }

    /// A decision by a body that was not competent on its date is no approval: critical, not
    /// waivable, and the system counts as not approved (issue: verdicts a department can act on).
    @Test func approvalByWrongAuthorityIsVoid() throws {
        let text = Fixtures.validSystem.replacingOccurrences(of: "approver: system-owner, appraiser: security-unit",
                                                             with: "approver: security-unit, appraiser: security-unit")
        let result = try Fixtures.audit(text, asOf: "2026-03-01")
        let finding = try #require(result.finding("APPROVAL.AUTHORITY"))
        #expect(finding.status == .fail)
        #expect(finding.severity == .critical)
        #expect(!finding.waivable)
        #expect(result.approvalStatus == .void)
        #expect(try Fixtures.audit(Fixtures.validSystem, asOf: "2026-03-01").approvalStatus == .approved)
    }
}
