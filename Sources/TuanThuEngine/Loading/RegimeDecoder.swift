/// Reads a regime file (`regime:` at the top of a YAML file in `Rules/`).
enum RegimeDecoder {
    static func decode(_ node: YNode, file: String) throws -> Regime {
        let map = try node.mapping("regime")
        let id = try map.required("id").identifier("regime id")
        let criteria = try map.required("criteria").list("criteria").map(decodeCriterion)
        var criterionIds: Set<String> = []
        for (criterion, item) in zip(criteria, try map.required("criteria").list("criteria"))
        where !criterionIds.insert(criterion.id).inserted {
            throw item.error("duplicate criterion id '\(criterion.id)'")
        }
        let competence = try map.required("competence").list("competence").map(decodeCompetence)
        for level in 1...5 where !competence.contains(where: { $0.levels.contains(level) }) {
            throw map.node.error("regime '\(id)' says nothing of who approves level \(level) (competence)")
        }
        var cycles: [AssessmentCycle] = []
        var note: Localized?
        if let assessment = map.optional("assessment") {
            let assessmentMap = try assessment.mapping("assessment")
            note = try assessmentMap.optional("note")?.localized("note")
            cycles = try (assessmentMap.optional("cycles")?.list("cycles") ?? []).map(decodeCycle)
            try assessmentMap.finish()
        }
        let regime = Regime(
            id: id,
            title: try map.required("title").localized("title"),
            effective: try map.required("effective").day("effective date"),
            baseline: try map.required("baseline").identifier("baseline"),
            source: try map.required("source").legalSource(),
            basis: try map.required("basis").enumValue("basis", as: Basis.self),
            criteria: criteria,
            competence: competence,
            assessmentCycles: cycles,
            assessmentNote: note,
            independentAppraisal: try map.optional("independent-appraisal").map(decodeProvision),
            transition: try map.optional("transition").map(decodeTransition),
            file: file,
            location: node.location)
        try map.finish()
        return regime
    }

    private static func decodeCriterion(_ node: YNode) throws -> LevelCriterion {
        let map = try node.mapping("criterion")
        let result = LevelCriterion(id: try map.required("id").string("criterion id"),
                                    level: try map.required("level").int("level", in: 1...5),
                                    title: try map.required("title").localized("title"),
                                    when: try PredicateDecoder.decode(try map.required("when")),
                                    source: try map.required("source").legalSource(),
                                    basis: try map.required("basis").enumValue("basis", as: Basis.self),
                                    location: node.location)
        try map.finish()
        return result
    }

    private static func decodeCompetence(_ node: YNode) throws -> CompetenceRow {
        let map = try node.mapping("competence row")
        let result = CompetenceRow(
            levels: try map.required("levels").levels(),
            appraisers: try map.required("appraisers").listOrSingle("appraisers")
                .map { try $0.enumValue("appraiser", as: Appraiser.self) },
            approvers: try map.required("approvers").listOrSingle("approvers")
                .map { try $0.enumValue("approver", as: Approver.self) },
            note: try map.optional("note")?.localized("note"),
            source: try map.required("source").legalSource(),
            basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }

    private static func decodeCycle(_ node: YNode) throws -> AssessmentCycle {
        let map = try node.mapping("assessment cycle")
        let result = AssessmentCycle(levels: try map.required("levels").levels(),
                                     everyMonths: try map.required("every-months").int("every-months", in: 1...120),
                                     licensedAssessor: try map.optional("licensed-assessor")?
                                        .bool("licensed-assessor") ?? false,
                                     source: try map.required("source").legalSource(),
                                     basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }

    private static func decodeProvision(_ node: YNode) throws -> Provision {
        let map = try node.mapping("provision")
        let result = Provision(text: try map.required("text").localized("text"),
                               source: try map.required("source").legalSource(),
                               basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }

    private static func decodeTransition(_ node: YNode) throws -> Transition {
        let map = try node.mapping("transition")
        let result = Transition(
            previousRegime: try map.required("previous-regime").identifier("previous-regime"),
            pendingApprovalDeadline: try map.required("pending-approval-deadline").day("pending-approval-deadline"),
            requirementsDeadline: try map.required("requirements-deadline").day("requirements-deadline"),
            text: try map.required("text").localized("text"),
            source: try map.required("source").legalSource(),
            basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }
}
