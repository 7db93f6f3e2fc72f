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
            // Positions are sorted, not the items: a sort moves and copies its elements many times.
            // What decides the order is sorted, not the items (a sort copies its elements many
            // times over); ties keep the order of the findings.
            let keys = items.map(\.urgency)
            let order = keys.indices.sorted { a, b in
                keys[a].precedes(keys[b]) || (!keys[b].precedes(keys[a]) && a < b)
            }
            result.organizations[index].plan = order.map { items[$0] }
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
            reason = .waiver
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
                        citation: finding.citations,
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
    /// What orders the plan: overdue first, then waived last, then by priority, due date, system and rule.
    struct Urgency {
        let overdue: Bool
        let waived: Bool
        let priority: Priority
        let due: Day
        let system: String
        let rule: String

        func precedes(_ other: Urgency) -> Bool {
            if overdue != other.overdue { return overdue }
            if waived != other.waived { return other.waived }
            if priority != other.priority { return priority < other.priority }
            if due != other.due { return due < other.due }
            if system != other.system { return system < other.system }
            return rule < other.rule
        }
    }

    var urgency: Urgency {
        Urgency(overdue: overdue, waived: status == .waived, priority: priority, due: due, system: system, rule: rule)
    }
}
