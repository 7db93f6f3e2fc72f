import Testing
@testable import TuanThuEngine

/// Level criteria and regime choice, run against the shipped `Rules/regimes`.
struct LevelAndRegimeTests {
    func system(type: String, information: String, classification: String = "{}", level: String = "",
                inService: String = "2020-01-01") -> String {
        """
          - id: s
            name: S
            owner: org
            operator: it
            type: \(type)
            information: \(information)
            classification: \(classification)
            in-service: \(inService)
        """ + (level.isEmpty ? "" : "\n    level: \(level)")
    }

    @Test(arguments: [
        ("internal", "[public]", "{}", 1),
        ("internal", "[public, personal]", "{ personal-data-subjects: 50000 }", 2),
        ("citizen-service", "[public]", "{}", 2),
        ("citizen-service", "[public, personal]", "{ online-public-service: full }", 3),
        ("citizen-service", "[personal]", "{ personal-data-subjects: 10000 }", 3),
        ("citizen-service", "[personal]", "{ personal-data-subjects: 9999 }", 2),
        ("infrastructure", "[private]", "{ served-scope: organization }", 2),
        ("infrastructure", "[private]", "{ served-scope: province }", 3),
        ("internal", "[state-secret]", "{ state-secret-harm: serious }", 4),
        ("industrial-control", "[private]", "{ industrial-works-grade: I }", 4),
        ("internal", "[state-secret]", "{ state-secret-harm: especially-serious }", 5),
        ("infrastructure", "[private]", "{ international-interconnection: true }", 5),
    ])
    func decree85Criteria(type: String, information: String, classification: String, level: Int) throws {
        let result = try Fixtures.audit(system(type: type, information: information, classification: classification),
                                        asOf: "2026-03-01")
        #expect(result.standing.governing.id == "nd85")
        #expect(result.standing.required.level == level)
    }

    @Test func decree331PutsAdministrativeProceduresAtLevelThree() throws {
        let text = system(type: "citizen-service", information: "[public]",
                          classification: "{ administrative-procedures: true }", inService: "2026-08-01")
        let result = try Fixtures.audit(text, asOf: "2026-12-01")
        #expect(result.standing.governing.id == "nd331")
        #expect(result.standing.required.level == 3)
        #expect(result.standing.required.deciding.map(\.id) == ["nd331.l3.administrative-procedures"])
    }

    /// Decree 331 Art. 12(2)(b), 13(2)(c): the 100,000 / 10,000 thresholds are for online services for
    /// citizens and businesses; an internal system with personal data stays at level 2 (Art. 12(1)).
    @Test func decree331PersonalDataThresholdsApplyToOnlineServicesOnly() throws {
        let text = system(type: "citizen-service", information: "[personal]",
                          classification: "{ personal-data-subjects: 50000 }", inService: "2026-08-01")
        #expect(try Fixtures.audit(text, asOf: "2026-12-01").standing.required.level == 2)
        let sensitive = system(type: "citizen-service", information: "[personal]",
                               classification: "{ personal-data-subjects: 20000, sensitive-data-subjects: 10000 }",
                               inService: "2026-08-01")
        let online = try Fixtures.audit(sensitive, asOf: "2026-12-01").standing.required
        #expect(online.level == 3)
        #expect(online.deciding.map(\.id) == ["nd331.l3.personal-data-100000"])
        let staff = system(type: "internal", information: "[personal]",
                           classification: "{ personal-data-subjects: 250000, sensitive-data-subjects: 40000 }",
                           inService: "2026-08-01")
        let staffLevel = try Fixtures.audit(staff, asOf: "2026-12-01").standing.required
        #expect(staffLevel.level == 2)
        #expect(staffLevel.deciding.map(\.id) == ["nd331.l2.internal-private"])
    }

    @Test func approvalUnderDecree85IsKeptAfterTheSwitch() throws {
        let result = try Fixtures.audit(Fixtures.validSystem, asOf: "2026-12-01")
        #expect(result.standing.inForce.id == "nd331")
        #expect(result.standing.governing.id == "nd85")
        #expect(result.standing.requirements.baseline == "tcvn11930-2017")
        #expect(result.standing.transitionDeadline == Fixtures.day("2027-07-01"))
        let later = try Fixtures.audit(Fixtures.validSystem, asOf: "2027-07-01")
        #expect(later.standing.governing.id == "nd85")
        #expect(later.standing.requirements.baseline == "tcvn14423-2026")
    }

    /// Decree 331 Art. 39(1): a system under investment and construction before 01/07/2026 finishes
    /// appraisal and approval under Decree 85 until 01/01/2027; one already in service has no such time.
    @Test func systemUnderConstructionFinishesUnderDecree85UntilJanuary2027() throws {
        let operating = system(type: "citizen-service", information: "[public, personal]",
                               classification: "{ administrative-procedures: true, personal-data-subjects: 5000 }",
                               level: "{ proposed: 2 }")
        let inService = try Fixtures.audit(operating, asOf: "2026-12-31")
        #expect(inService.standing.governing.id == "nd331")
        #expect(inService.finding("LEVEL.UNDERSTATED")?.status == .fail)
        let text = operating.replacingOccurrences(of: "in-service: 2020-01-01",
                                                  with: "construction-started: 2025-05-01\n    in-service: 2026-09-01")
        #expect(text != operating)
        let during = try Fixtures.audit(text, asOf: "2026-12-31")
        #expect(during.standing.governing.id == "nd85")
        #expect(during.standing.required.level == 2)
        #expect(during.standing.requiredUnderInForce?.level == 3)
        #expect(during.finding("LEVEL.UNDERSTATED")?.status == .pass)
        #expect(during.finding("APPROVAL.MISSING")?.message.en.contains("2027-01-01") == true)
        let after = try Fixtures.audit(text, asOf: "2027-01-01")
        #expect(after.standing.governing.id == "nd331")
        #expect(after.finding("LEVEL.UNDERSTATED")?.status == .fail)
    }

    @Test func highestCriterionWins() throws {
        let text = system(type: "citizen-service", information: "[public, personal, state-secret]",
                          classification: "{ online-public-service: full, state-secret-harm: serious }")
        let result = try Fixtures.audit(text, asOf: "2026-03-01")
        #expect(result.standing.required.level == 4)
        #expect(result.standing.required.matched.count >= 3)
    }

    @Test func noRegimeInForceBeforeDecree85IsAnInputError() throws {
        let inventories = try Fixtures.loadInventory(Fixtures.inventory(system: Fixtures.validSystem))
        #expect(throws: EngineError.self) {
            try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day("2015-01-01")).audit(inventories)
        }
    }

    @Test func unknownApprovalRegimeIsAnInputError() throws {
        let text = Fixtures.inventory(system: Fixtures.validSystem.replacingOccurrences(of: "regime: nd85",
                                                                                       with: "regime: nd58"))
        let inventories = try Fixtures.loadInventory(text)
        do {
            _ = try Auditor(catalog: Fixtures.catalog, asOf: Fixtures.day("2026-03-01")).audit(inventories)
            Issue.record("an unknown regime must be an input error")
        } catch let error as EngineError {
            #expect(error.location?.line == 18)
            #expect(error.message.contains("did you mean 'nd85'"))
        }
    }
}
