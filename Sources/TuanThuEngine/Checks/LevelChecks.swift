/// LEVEL.UNDECLARED: the system has a proposed level.
public struct LevelDeclaredCheck: CheckKind {
    public static let name = "level-declared"
    public static let summary = "the system has a proposed security level"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public var legalWeight: LegalWeight { .level }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let required = context.standing.required
        let expected = Localized(vi: "cấp độ đề xuất (tối thiểu \(required.level))",
                                 en: "a proposed level (at least \(required.level))")
        if let proposed = context.system.proposedLevel {
            return CheckOutcome(.pass, Localized(vi: "Đã đề xuất cấp độ \(proposed).", en: "Level \(proposed) is proposed."),
                                expected: expected, found: Localized(String(proposed)),
                                at: context.system.location(of: "level.proposed"))
        }
        return CheckOutcome(.fail,
                            Localized(vi: "Hệ thống chưa được xác định cấp độ; theo phân loại cần tối thiểu cấp độ "
                                          + "\(required.level).",
                                      en: "No security level is proposed; its classification requires at least level "
                                          + "\(required.level)."),
                            expected: expected, found: Localized(vi: "chưa đề xuất", en: "none proposed"),
                            at: context.system.location(of: "level"))
    }
}

/// LEVEL.UNDERSTATED: neither the proposed nor the approved level is below what the classification requires.
public struct LevelSufficientCheck: CheckKind {
    public static let name = "level-sufficient"
    public static let summary = "the proposed and approved levels are at least the level the classification requires"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public var legalWeight: LegalWeight { .level }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let required = context.standing.required
        guard let proposed = context.system.proposedLevel else {
            return CheckOutcome(.notApplicable, Localized(vi: "Chưa đề xuất cấp độ.", en: "No level proposed."))
        }
        let regime = context.standing.governing
        let expected = Localized(vi: "cấp độ ≥ \(required.level) (\(regime.title.vi))",
                                 en: "level ≥ \(required.level) (\(regime.title.en))")
        let source = required.deciding.first?.source
        let basis = required.deciding.first?.basis
        let where_ = context.system.location(of: "level.proposed")
        if proposed >= required.level {
            return CheckOutcome(.pass,
                                Localized(vi: "Cấp độ \(proposed) đáp ứng mức yêu cầu \(required.level).",
                                          en: "Level \(proposed) meets the required level \(required.level)."),
                                expected: expected, found: Localized(String(proposed)), at: where_,
                                source: source, basis: basis)
        }
        let approved = context.system.approvedLevel != nil
        // The criteria by their words and article, not by their ids in the rules.
        let reasons = Localized(
            vi: required.deciding.map { "\($0.title.vi) — \($0.source.citation(.vi))" }.joined(separator: "; "),
            en: required.deciding.map { "\($0.title.en) — \($0.source.citation(.en))" }.joined(separator: "; "))
        return CheckOutcome(.fail,
                            Localized(vi: "Cấp độ \(approved ? "được phê duyệt" : "đề xuất") là \(proposed), thấp hơn "
                                          + "cấp độ \(required.level) mà phân loại yêu cầu (tiêu chí: \(reasons.vi)).",
                                      en: "The \(approved ? "approved" : "proposed") level \(proposed) is below the "
                                          + "level \(required.level) its classification requires (criteria: \(reasons.en))."),
                            expected: expected, found: Localized(String(proposed)), at: where_,
                            source: source, basis: basis)
    }
}
