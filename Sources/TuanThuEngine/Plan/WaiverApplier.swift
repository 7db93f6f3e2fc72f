/// Applies waivers to an audit: a valid, unexpired waiver turns its failing finding into `waived`;
/// every waiver comes out with what became of it.
public struct WaiverApplier: Sendable {
    public let catalog: RuleCatalog
    public let asOf: Day

    public init(catalog: RuleCatalog, asOf: Day) {
        self.catalog = catalog
        self.asOf = asOf
    }

    /// `allSystems`: every system of the audit, when `result` holds only some organisations; a
    /// waiver of a system outside `result` then belongs to another organisation's result.
    public func apply(_ waivers: [Waiver], to result: AuditResult, allSystems: Set<String>? = nil) -> AuditResult {
        var result = result
        let here = Set(result.organizations.flatMap(\.subjects))
        let systems = allSystems ?? here
        var outcomes: [WaiverOutcome] = []
        let index = AuditResult.SubjectIndex(result)
        for waiver in waivers where catalog.rule(id: waiver.rule) == nil || !systems.contains(waiver.system)
            || here.contains(waiver.system) {
            guard let rule = catalog.rule(id: waiver.rule) else {
                outcomes.append(outcome(waiver, .unknownRule,
                                        vi: "Quy tắc '\(waiver.rule)' không có trong danh mục.",
                                        en: "Rule '\(waiver.rule)' is not in the catalog."))
                continue
            }
            guard systems.contains(waiver.system) else {
                outcomes.append(outcome(waiver, .unknownSystem,
                                        vi: "Hệ thống '\(waiver.system)' không có trong kiểm kê.",
                                        en: "System '\(waiver.system)' is not in the inventories."))
                continue
            }
            guard rule.waivable else {
                outcomes.append(outcome(waiver, .notWaivable,
                                        vi: "\(rule.id) không được miễn trừ: phát hiện vẫn là chưa đạt.",
                                        en: "\(rule.id) may not be waived: the finding stays a failure."))
                continue
            }
            let start = waiver.approvedOn ?? asOf
            let limit = catalog.policy.waiverMaxDays[rule.severity] ?? 365
            if start.days(until: waiver.expires) > limit {
                outcomes.append(outcome(waiver, .tooLong,
                                        vi: "Thời hạn miễn trừ vượt mức tối đa \(limit) ngày cho mức \(rule.severity.rawValue).",
                                        en: "The waiver runs longer than the \(limit) days allowed at severity "
                                            + "\(rule.severity.rawValue)."))
                continue
            }
            if waiver.expires < asOf {
                outcomes.append(outcome(waiver, .expired,
                                        vi: "Miễn trừ đã hết hạn ngày \(waiver.expires.vietnamese): phát hiện là chưa đạt trở lại.",
                                        en: "The waiver expired on \(waiver.expires): the finding is a failure again."))
                continue
            }
            if result.waive(rule: waiver.rule, system: waiver.system, with: waiver, index: index) {
                outcomes.append(outcome(waiver, .applied,
                                        vi: "Đã chấp nhận rủi ro đến \(waiver.expires.vietnamese).",
                                        en: "Risk accepted until \(waiver.expires)."))
            } else {
                outcomes.append(outcome(waiver, .unused,
                                        vi: "Không có phát hiện chưa đạt nào để miễn trừ: có thể gỡ bỏ.",
                                        en: "Nothing fails for it to cover: it can be removed."))
            }
        }
        result.waivers = outcomes
        return result
    }

    private func outcome(_ waiver: Waiver, _ state: WaiverOutcome.State, vi: String, en: String) -> WaiverOutcome {
        WaiverOutcome(waiver: waiver, state: state, message: Localized(vi: vi, en: en))
    }
}

extension AuditResult {
    /// Where each subject stands: an organisation (its own duties) or one of its systems.
    struct SubjectIndex {
        var positions: [String: (organization: Int, system: Int?)] = [:]

        init(_ result: AuditResult) {
            for o in result.organizations.indices {
                let organization = result.organizations[o]
                if positions[organization.organization.id] == nil { positions[organization.organization.id] = (o, nil) }
                for s in organization.systems.indices where positions[organization.systems[s].system.id] == nil {
                    positions[organization.systems[s].system.id] = (o, s)
                }
            }
        }
    }

    /// Marks the open finding of `rule` on `system` as waived; false when there is none. The
    /// index finds the subject at once: 100,000 waivers cost no more than their findings (issue 20).
    mutating func waive(rule: String, system: String, with waiver: Waiver, index: SubjectIndex) -> Bool {
        guard let place = index.positions[system] else { return false }
        let info = WaiverInfo(justification: waiver.justification, approvedBy: waiver.approvedBy,
                              expires: waiver.expires, location: waiver.location)
        let o = place.organization
        guard let s = place.system else {
            guard let f = organizations[o].duties.firstIndex(where: { $0.rule == rule && $0.isOpen }) else { return false }
            organizations[o].duties[f].status = .waived
            organizations[o].duties[f].waiver = info
            return true
        }
        guard let f = organizations[o].systems[s].findings.firstIndex(where: { $0.rule == rule && $0.isOpen }) else {
            return false
        }
        organizations[o].systems[s].findings[f].status = .waived
        organizations[o].systems[s].findings[f].waiver = info
        return true
    }
}
