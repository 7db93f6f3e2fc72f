/// Turns open and waived findings into the remediation plan (SPEC.md "Outputs").
public struct RemediationPlanner: Sendable {
    public let policy: PlanPolicy
    public let asOf: Day
    /// Due dates of the previous plan, by item id (from `--baseline`).
    public let previousDue: [String: Day]

    public init(policy: PlanPolicy, asOf: Day, previousDue: [String: Day] = [:]) {
        self.policy = policy
        self.asOf = asOf
        self.previousDue = previousDue
    }

    public func plan(_ result: AuditResult) -> AuditResult {
        var result = result
        for index in result.organizations.indices {
            let organization = result.organizations[index]
            var items: [PlanItem] = []
            for system in organization.systems {
                for finding in system.findings.indices where system.findings[finding].isOpen
                    || system.findings[finding].status == .waived {
                    items.append(item(for: system.findings[finding], system: system,
                                      organization: organization.organization))
                }
            }
            items.sort(by: PlanItem.urgency)
            result.organizations[index].plan = items
        }
        return result
    }

    func item(for finding: Finding, system: SystemResult, organization: Organization) -> PlanItem {
        let id = finding.gapID
        var due = asOf.adding(days: policy.dueDays[finding.severity] ?? 365)
        var reason = PlanItem.DueReason.severity
        let cap = finding.group == nil ? system.standing.approvalDeadline : system.standing.requirementsDeadline
        if let cap, cap < due {
            due = cap
            reason = .transition
        }
        if let waiver = finding.waiver {
            due = waiver.expires
        }
        var overdue = false
        if let previous = previousDue[id], finding.isOpen {
            due = previous
            reason = .baseline
            overdue = previous < asOf
        }
        let (unit, name) = responsible(finding.responsible, system: system.system, organization: organization)
        return PlanItem(id: id, rule: finding.rule, system: finding.system, title: finding.title,
                        action: finding.remediation, responsibleUnit: unit, responsibleName: name,
                        priority: Self.priority(finding.severity, level: system.effectiveLevel),
                        severity: finding.severity, effort: finding.effort ?? .medium, source: finding.source,
                        basis: finding.basis, due: due, dueReason: reason, period: policy.period(for: due),
                        status: finding.status, overdue: overdue, change: finding.change, location: finding.location)
    }

    /// P1 for critical gaps and high ones from level 4; each band down one step below that.
    static func priority(_ severity: Severity, level: Int) -> PlanItem.Priority {
        let raised = level >= 4
        switch severity {
        case .critical: return .p1
        case .high: return raised ? .p1 : .p2
        case .medium: return raised ? .p2 : .p3
        case .low: return raised ? .p3 : .p4
        case .info: return .p4
        }
    }

    private func responsible(_ party: ResponsibleParty, system: InfoSystem, organization: Organization)
        -> (String, String) {
        switch party {
        case .operator:
            return (system.operatorUnit, organization.unit(system.operatorUnit)?.name ?? organization.name)
        case .owner:
            return (system.owner, system.owner == organization.id ? organization.name : system.owner)
        case .securityUnit:
            if let unit = organization.units.first(where: \.securityUnit) { return (unit.id, unit.name) }
            return (system.operatorUnit, organization.unit(system.operatorUnit)?.name ?? organization.name)
        }
    }
}

extension PlanItem {
    /// Overdue first, then by priority, due date, system and rule.
    static func urgency(_ a: PlanItem, _ b: PlanItem) -> Bool {
        if a.overdue != b.overdue { return a.overdue }
        if (a.status == .waived) != (b.status == .waived) { return b.status == .waived }
        if a.priority != b.priority { return a.priority < b.priority }
        if a.due != b.due { return a.due < b.due }
        if a.system != b.system { return a.system < b.system }
        return a.rule < b.rule
    }
}
