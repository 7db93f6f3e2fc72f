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
        var otherwise = AssessmentOtherwise.notApplicable
        if let assessment = map.optional("assessment") {
            let assessmentMap = try assessment.mapping("assessment")
            note = try assessmentMap.optional("note")?.localized("note")
            cycles = try (assessmentMap.optional("cycles")?.list("cycles") ?? []).map(decodeCycle)
            otherwise = try assessmentMap.optional("otherwise")?.enumValue("otherwise", as: AssessmentOtherwise.self)
                ?? (cycles.isEmpty ? .manual : .notApplicable)
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
            assessmentOtherwise: otherwise,
            independentAppraisal: try map.optional("independent-appraisal").map(decodeIndependence),
            transition: try map.optional("transition").map(decodeTransition),
            determination: try map.optional("determination").map(decodeDetermination),
            timeLimits: try (map.optional("time-limits")?.list("time-limits") ?? []).map(decodeTimeLimit),
            file: file,
            location: node.location)
        try map.finish()
        return regime
    }

    private static func decodeCriterion(_ node: YNode) throws -> LevelCriterion {
        let map = try node.mapping("criterion")
        var result = LevelCriterion(id: try map.required("id").string("criterion id"),
                                    level: try map.required("level").int("level", in: 1...5),
                                    title: try map.required("title").localized("title"),
                                    when: try PredicateDecoder.decode(try map.required("when")),
                                    source: try map.required("source").legalSource(),
                                    basis: try map.required("basis").enumValue("basis", as: Basis.self),
                                    location: node.location)
        result.examples = try RuleDecoder.decodeExamples(map.optional("examples"))
        try map.finish()
        return result
    }

    private static func decodeCompetence(_ node: YNode) throws -> CompetenceRow {
        let map = try node.mapping("competence row")
        let from = try map.optional("from")?.day("from")
        let until = try map.optional("until")?.day("until")
        if let from, let until, until < from {
            throw node.error("competence row: 'until' (\(until)) is before 'from' (\(from))")
        }
        let result = CompetenceRow(
            levels: try map.required("levels").levels(),
            when: try map.optional("when").map(PredicateDecoder.decode),
            from: from,
            until: until,
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
        let everyMonths = try map.optional("every-months")?.int("every-months", in: 1...120)
        let beforeMonth = try map.optional("yearly-before-month")?.int("yearly-before-month", in: 1...12)
        guard (everyMonths == nil) != (beforeMonth == nil) else {
            throw node.error("an assessment cycle needs exactly one of 'every-months' or 'yearly-before-month'")
        }
        let result = AssessmentCycle(levels: try map.optional("levels")?.levels() ?? [],
                                     when: try map.optional("when").map(PredicateDecoder.decode),
                                     everyMonths: everyMonths,
                                     yearlyBeforeMonth: beforeMonth,
                                     licensedAssessor: try map.optional("licensed-assessor")?
                                        .bool("licensed-assessor") ?? false,
                                     source: try map.required("source").legalSource(),
                                     basis: try map.required("basis").enumValue("basis", as: Basis.self))
        guard !result.levels.isEmpty || result.when != nil else {
            throw node.error("an assessment cycle needs 'levels', 'when' or both")
        }
        try map.finish()
        return result
    }

    private static func decodeTimeLimit(_ node: YNode) throws -> TimeLimit {
        let map = try node.mapping("time limit")
        let result = TimeLimit(step: try map.required("step").enumValue("step", as: TimeLimit.Step.self),
                               levels: try map.required("levels").levels(),
                               workingDays: try map.required("working-days").int("working-days", in: 1...365),
                               source: try map.required("source").legalSource(),
                               basis: try map.required("basis").enumValue("basis", as: Basis.self))
        try map.finish()
        return result
    }

    private static func decodeDetermination(_ node: YNode) throws -> DeterminationSteps {
        let map = try node.mapping("determination")
        let result = DeterminationSteps(system: try map.required("system").legalSource("system"),
                                        information: try map.required("information").legalSource("information"),
                                        type: try map.required("type").legalSource("type"),
                                        level: try map.required("level").legalSource("level"))
        try map.finish()
        return result
    }

    private static func decodeIndependence(_ node: YNode) throws -> IndependentAppraisal {
        let map = try node.mapping("independent-appraisal")
        let alternatives = try map.required("alternatives").listOrSingle("alternatives")
            .map { try $0.enumValue("appraiser", as: Appraiser.self) }
        guard !alternatives.isEmpty, !alternatives.contains(.securityUnit) else {
            throw node.error("independent-appraisal: 'alternatives' names the appraisers that replace the security unit")
        }
        let result = IndependentAppraisal(text: try map.required("text").localized("text"),
                                          alternatives: alternatives,
                                          from: try map.optional("from")?.day("from"),
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
