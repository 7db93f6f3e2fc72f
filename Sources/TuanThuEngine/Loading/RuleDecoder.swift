/// Reads one rule of a pack.
enum RuleDecoder {
    static func decode(_ node: YNode, pack: RulePack) throws -> Rule {
        let map = try node.mapping("rule")
        let idNode = try map.required("id")
        let id = try idNode.string("rule id")
        guard id.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0)
            || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }) else {
            throw idNode.error("rule id '\(id)' may use only letters, digits, '.', '-' and '_'")
        }
        let checkNode = try map.required("check")
        let checkMap = try checkNode.mapping("check")
        let kindNode = try checkMap.required("kind")
        let kindName = try kindNode.string("check kind")
        guard let kind = CheckRegistry.kind(named: kindName) else {
            throw kindNode.error("unknown check kind '\(kindName)'"
                                 + Suggestion.hint(for: kindName, in: CheckRegistry.kinds.map { $0.name }))
        }
        let check = try kind.init(parameters: checkMap, ruleId: id)
        try checkMap.finish()
        let baseline = try map.optional("baseline")?.identifier("baseline") ?? pack.baseline
        let groupNode = map.optional("group")
        let group = try groupNode?.enumValue("group", as: RequirementGroup.self)
        if baseline != nil, group == nil {
            throw node.error("requirement '\(id)' has a baseline and needs a 'group'")
        }
        var rule = Rule(
            id: id,
            pack: pack.id,
            baseline: baseline,
            group: group,
            title: try map.required("title").localized("title"),
            description: try map.optional("description")?.localized("description"),
            remediation: try map.required("remediation").localized("remediation"),
            levels: try map.optional("levels")?.levels() ?? [1, 2, 3, 4, 5],
            severity: try map.required("severity").enumValue("severity", as: Severity.self),
            source: try map.required("source").legalSource(),
            basis: try map.required("basis").enumValue("basis", as: Basis.self),
            effort: try map.optional("effort")?.enumValue("effort", as: Effort.self),
            responsible: try map.optional("responsible")?.enumValue("responsible", as: ResponsibleParty.self) ?? .operator,
            waivable: try map.optional("waivable")?.bool("waivable") ?? true,
            when: try map.optional("when").map(PredicateDecoder.decode),
            check: check,
            examples: try decodeExamples(map.optional("examples")),
            location: node.location)
        if let scopeNode = map.optional("scope") {
            rule.scope = try scopeNode.enumValue("scope", as: RuleScope.self)
            if rule.scope == .organization, !(check is ControlStatusCheck) {
                throw scopeNode.error("a rule of scope 'organization' needs a check of kind 'control-status' "
                                      + "(the organisation declares its status once)")
            }
        }
        try map.finish()
        return rule
    }

    static func decodeExamples(_ node: YNode?) throws -> RuleExamples {
        guard let node else { return RuleExamples() }
        let map = try node.mapping("examples")
        let examples = RuleExamples(pass: try map.optional("pass")?.list("pass examples") ?? [],
                                    fail: try map.optional("fail")?.list("fail examples") ?? [])
        try map.finish()
        return examples
    }
}
