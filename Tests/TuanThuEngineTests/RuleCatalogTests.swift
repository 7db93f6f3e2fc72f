import Testing
@testable import TuanThuEngine

/// The shipped catalog tests itself: every example of every rule behaves, every rule is sourced.
struct RuleCatalogTests {
    static let rules = Fixtures.catalog.rules

    @Test(arguments: rules.map(\.id))
    func examplesOfRuleBehave(id: String) throws {
        let rule = try #require(Fixtures.catalog.rule(id: id))
        let runner = RuleExampleRunner(catalog: Fixtures.catalog)
        for example in rule.examples.pass {
            let failure = runner.run(example, of: rule, expecting: .pass)
            #expect(failure == nil, "\(failure?.description ?? "")")
        }
        for example in rule.examples.fail {
            let failure = runner.run(example, of: rule, expecting: .fail)
            #expect(failure == nil, "\(failure?.description ?? "")")
        }
    }

    @Test func everyRuleIsSourcedAndBilingual() {
        for rule in Self.rules {
            #expect(!rule.source.instrument.isEmpty, "\(rule.id)")
            #expect(!rule.title.vi.isEmpty && !rule.title.en.isEmpty, "\(rule.id)")
            #expect(!rule.remediation.vi.isEmpty && !rule.remediation.en.isEmpty, "\(rule.id)")
            #expect(rule.title.vi != rule.title.en, "\(rule.id) needs a Vietnamese title")
        }
        #expect(Set(Self.rules.map(\.id)).count == Self.rules.count)
    }

    @Test func everyRuleThatNeedsNoFilesCarriesExamples() {
        let inventoryOnly = Self.rules.filter { !type(of: $0.check).readsArtefacts }
        for rule in inventoryOnly {
            #expect(!rule.examples.pass.isEmpty && !rule.examples.fail.isEmpty, "\(rule.id) needs pass and fail examples")
        }
        #expect(inventoryOnly.count > Self.rules.count * 3 / 4)
    }

    @Test func contractRulesExist() {
        for id in ["LEVEL.UNDECLARED", "LEVEL.UNDERSTATED", "APPROVAL.MISSING", "APPROVAL.AUTHORITY",
                   "APPROVAL.OUTDATED", "APPROVAL.SIGNATURE", "ASSESSMENT.OVERDUE", "PKI.CHAIN", "PKI.VALIDITY",
                   "PKI.EXPIRING", "PKI.KEY", "PKI.SIGNATURE-ALGORITHM", "PKI.KEY-USAGE", "PKI.REVOKED",
                   "DOC.SIGNATURE", "INV.PRIVATE-KEY"] {
            #expect(Fixtures.catalog.rule(id: id) != nil, "\(id)")
        }
        #expect(Fixtures.catalog.rule(id: "APPROVAL.MISSING")?.severity == .critical)
    }

    @Test func everyGroupIsPresentInTheDecree85Baseline() {
        let groups = Set(Self.rules.filter { $0.baseline == "tcvn11930-2017" }.compactMap(\.group))
        #expect(groups == Set(RequirementGroup.allCases))
    }

    @Test func aWrongExampleIsCaught() throws {
        let rule = try #require(Fixtures.catalog.rule(id: "APPROVAL.MISSING"))
        let example = try YAMLLoader.parse(text: "{ level: { approval: null } }", displayPath: "x.yaml")
        let failure = RuleExampleRunner(catalog: Fixtures.catalog).run(example, of: rule, expecting: .pass)
        #expect(failure?.message.contains("expected pass, got fail") == true)
    }

    @Test func regimesCarryCompetenceForEveryLevel() {
        for regime in Fixtures.catalog.regimes {
            for level in 1...5 { #expect(regime.competence.contains { $0.levels.contains(level) }) }
            #expect(!regime.criteria.isEmpty)
        }
    }

    static let criteria = Fixtures.catalog.regimes.flatMap(\.criteria)

    /// Each level criterion of each regime has a system that meets it and one that just misses it.
    @Test(arguments: criteria.map(\.id))
    func examplesOfCriterionBehave(id: String) throws {
        let criterion = try #require(Self.criteria.first { $0.id == id })
        #expect(!criterion.examples.pass.isEmpty && !criterion.examples.fail.isEmpty, "\(id) needs examples")
        let runner = RuleExampleRunner(catalog: Fixtures.catalog)
        for example in criterion.examples.pass {
            let failure = runner.run(example, of: criterion, met: true)
            #expect(failure == nil, "\(failure?.description ?? "")")
        }
        for example in criterion.examples.fail {
            let failure = runner.run(example, of: criterion, met: false)
            #expect(failure == nil, "\(failure?.description ?? "")")
        }
    }

    @Test func aWrongCriterionExampleIsCaught() throws {
        let criterion = try #require(Self.criteria.first { $0.id == "nd331.l3.personal-data-100000" })
        // An internal staff database is not an online service (Decree 331 Art. 12(1), 13(2)(c)).
        let example = try YAMLLoader.parse(
            text: "{ type: internal, information: [personal], classification: { personal-data-subjects: 250000 } }",
            displayPath: "x.yaml")
        let failure = RuleExampleRunner(catalog: Fixtures.catalog).run(example, of: criterion, met: true)
        #expect(failure?.message.contains("Art. 13(2)(c)") == true, "\(failure?.message ?? "no failure")")
    }
}
