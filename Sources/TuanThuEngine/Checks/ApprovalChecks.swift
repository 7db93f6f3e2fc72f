/// APPROVAL.MISSING: an approval decision is recorded.
public struct ApprovalRecordedCheck: CheckKind {
    public static let name = "approval-recorded"
    public static let summary = "an approval decision for the level is recorded"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public var legalWeight: LegalWeight { .approval }

    /// When a system without a valid approval fell due: the transition's deadline where one applies,
    /// otherwise the start of operation (the level is approved before a system goes live), never
    /// before the earliest regime the audit knows; nil while that day is still ahead.
    static func approvalDueSince(_ context: CheckContext) -> Day? {
        let standing = context.standing
        let due = standing.approvalDeadline ?? max(context.system.inService, standing.dutiesSince)
        return due <= context.asOf ? due : nil
    }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        let expected = Localized(vi: "quyết định phê duyệt cấp độ", en: "a level approval decision")
        if let approval = context.system.approval {
            return CheckOutcome(.pass,
                                Localized(vi: "Đã phê duyệt theo quyết định \(approval.decision) ngày "
                                              + "\(approval.date.vietnamese).",
                                          en: "Approved by decision \(approval.decision) of \(approval.date)."),
                                expected: expected, found: Localized(approval.decision),
                                at: context.system.location(of: "level.approval"))
        }
        var message = Localized(vi: "Chưa có quyết định phê duyệt cấp độ.", en: "No level approval decision is recorded.")
        if let note = context.standing.transitionNote {
            message = Localized(vi: message.vi + " " + note.vi, en: message.en + " " + note.en)
        }
        return CheckOutcome(.fail, message, expected: expected, found: Localized(vi: "không có", en: "none"),
                            at: context.system.location(of: "level"), dueSince: Self.approvalDueSince(context))
    }
}

/// APPROVAL.AUTHORITY: the approver and appraiser are competent for the level under the approval's regime.
public struct ApprovalAuthorityCheck: CheckKind {
    public static let name = "approval-authority"
    public static let summary = "the approver and appraiser are competent for the approved level under the approval's regime"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public var legalWeight: LegalWeight { .approval }

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        guard let approval = context.system.approval, let level = context.system.approvedLevel else {
            return CheckOutcome(.notApplicable, Localized(vi: "Chưa phê duyệt.", en: "Not approved."))
        }
        let regime = context.standing.governing
        let approvalAt = context.system.location(of: "level.approval")
        guard let row = regime.competence(forLevel: level, facts: context.facts, on: approval.date) else {
            return CheckOutcome(.error, Localized(vi: "\(regime.title.vi) không quy định thẩm quyền cho cấp độ \(level) "
                                                      + "vào ngày \(approval.date.vietnamese).",
                                                  en: "\(regime.title.en) defines no competence for level \(level) "
                                                      + "on \(approval.date)."),
                                at: approvalAt)
        }
        // Where the security unit also operates the system, the regime may hand its appraisal to others.
        let securityUnitOperates = context.organization.unit(context.system.operatorUnit)?.securityUnit == true
        let independence = regime.independentAppraisal.flatMap { rule in
            row.appraisers.contains(.securityUnit) && rule.from.map { approval.date >= $0 } != false ? rule : nil
        }
        var appraisers = row.appraisers
        if let independence, securityUnitOperates {
            appraisers = appraisers.filter { $0 != .securityUnit } + independence.alternatives
        }
        let expected = Localized(
            vi: "phê duyệt: \(row.approvers.map(\.name.vi).joined(separator: " hoặc ")); thẩm định: "
                + appraisers.map(\.name.vi).joined(separator: " hoặc "),
            en: "approver: \(row.approvers.map(\.name.en).joined(separator: " or ")); appraiser: "
                + appraisers.map(\.name.en).joined(separator: " or "))
        let found = Localized(vi: "phê duyệt: \(approval.approver.name.vi); thẩm định: \(approval.appraiser?.name.vi ?? "—")",
                              en: "approver: \(approval.approver.name.en); appraiser: \(approval.appraiser?.name.en ?? "—")")
        func fail(_ message: Localized, at location: SourceLocation, source: LegalSource? = nil, basis: Basis? = nil)
            -> CheckOutcome {
            // A void approval is no approval: due as if none had been given.
            CheckOutcome(.fail, message, expected: expected, found: found, at: location,
                         source: source ?? row.source, basis: basis ?? row.basis,
                         dueSince: ApprovalRecordedCheck.approvalDueSince(context))
        }
        if let problem = regimeDateProblem(approval, regime: regime, context: context) {
            return fail(problem, at: context.system.location(of: "level.approval.regime"),
                        source: regime.source, basis: regime.basis)
        }
        if !row.approvers.contains(approval.approver) {
            return fail(Localized(vi: "\(approval.approver.name.vi.capitalizedFirst) không có thẩm quyền phê duyệt cấp độ \(level) theo "
                                      + "\(regime.title.vi).",
                                  en: "\(approval.approver.name.en.capitalizedFirst) may not approve level \(level) under \(regime.title.en)."),
                        at: context.system.location(of: "level.approval.approver"))
        }
        guard let appraiser = approval.appraiser else {
            return fail(Localized(vi: "Không ghi đơn vị thẩm định hồ sơ đề xuất cấp độ.",
                                  en: "The appraiser of the level dossier is not recorded."), at: approvalAt)
        }
        let appraiserAt = context.system.location(of: "level.approval.appraiser")
        if let independence, securityUnitOperates, appraiser == .securityUnit {
            return fail(Localized(vi: "Đơn vị chuyên trách vừa vận hành vừa thẩm định hệ thống. " + independence.text.vi,
                                  en: "The security unit both operates and appraised the system. " + independence.text.en),
                        at: appraiserAt, source: independence.source, basis: independence.basis)
        }
        if let independence, !securityUnitOperates, independence.alternatives.contains(appraiser),
           !row.appraisers.contains(appraiser) {
            return fail(Localized(vi: "\(appraiser.name.vi.capitalizedFirst) chỉ thẩm định khi đơn vị chuyên trách đồng thời vận hành hệ "
                                      + "thống; ở đây đơn vị vận hành không phải đơn vị chuyên trách, nên đơn vị chuyên "
                                      + "trách phải thẩm định.",
                                  en: "\(appraiser.name.en.capitalizedFirst) appraises only when the security unit also operates the system; "
                                      + "here it does not, so the security unit must appraise."),
                        at: appraiserAt)
        }
        if !appraisers.contains(appraiser) {
            return fail(Localized(vi: "\(appraiser.name.vi.capitalizedFirst) không có thẩm quyền thẩm định cấp độ \(level) theo "
                                      + "\(regime.title.vi) vào ngày \(approval.date.vietnamese).",
                                  en: "\(appraiser.name.en.capitalizedFirst) may not appraise level \(level) under \(regime.title.en) "
                                      + "on \(approval.date)."),
                        at: appraiserAt)
        }
        return CheckOutcome(.pass, Localized(vi: "Thẩm quyền thẩm định, phê duyệt đúng quy định.",
                                             en: "Appraiser and approver are competent."),
                            expected: expected, found: found, at: approvalAt, source: row.source, basis: row.basis)
    }

    /// An approval must cite a regime that was in force on its date, or one a transition kept open.
    private func regimeDateProblem(_ approval: Approval, regime: Regime, context: CheckContext) -> Localized? {
        if approval.date < regime.effective {
            return Localized(vi: "Quyết định ngày \(approval.date.vietnamese) viện dẫn \(regime.title.vi), "
                                 + "khi đó chưa có hiệu lực (\(regime.effective.vietnamese)).",
                             en: "The decision of \(approval.date) cites \(regime.title.en), not yet in force then "
                                 + "(\(regime.effective)).")
        }
        let successor = context.standing.inForce.effective > regime.effective ? context.standing.inForce : nil
        guard let successor, approval.date >= successor.effective else { return nil }
        if let transition = successor.transition, transition.previousRegime == regime.id,
           RegimeSelector.underConstruction(context.system, on: successor.effective),
           approval.date < transition.pendingApprovalDeadline {
            return nil
        }
        return Localized(vi: "Quyết định ngày \(approval.date.vietnamese) viện dẫn \(regime.title.vi), đã được thay "
                             + "thế bởi \(successor.title.vi) từ \(successor.effective.vietnamese).",
                         en: "The decision of \(approval.date) cites \(regime.title.en), replaced by "
                             + "\(successor.title.en) from \(successor.effective).")
    }
}

/// APPROVAL.OUTDATED: the system has not changed since its level was approved.
public struct ApprovalCurrentCheck: CheckKind {
    public static let name = "approval-current"
    public static let summary = "the system has not changed significantly (changed:) since the approval date"

    public init(parameters: MappingReader, ruleId: String) throws {}

    public func evaluate(_ context: CheckContext) -> CheckOutcome {
        guard let approval = context.system.approval else {
            return CheckOutcome(.notApplicable, Localized(vi: "Chưa phê duyệt.", en: "Not approved."))
        }
        let expected = Localized(vi: "không thay đổi sau \(approval.date.vietnamese)",
                                 en: "no change after \(approval.date)")
        guard let changed = context.system.changed, changed > approval.date else {
            return CheckOutcome(.pass, Localized(vi: "Không có thay đổi sau khi phê duyệt.",
                                                 en: "No change since the approval."),
                                expected: expected, found: Localized(context.system.changed?.description ?? "—"),
                                at: context.system.location(of: "level.approval.date"))
        }
        return CheckOutcome(.fail,
                            Localized(vi: "Hệ thống thay đổi ngày \(changed.vietnamese), sau quyết định phê duyệt "
                                          + "\(approval.decision) ngày \(approval.date.vietnamese): cần xác định lại cấp độ.",
                                      en: "The system changed on \(changed), after approval \(approval.decision) of "
                                          + "\(approval.date): its level must be determined again."),
                            expected: expected, found: Localized(changed.description),
                            at: context.system.location(of: "changed"))
    }
}
