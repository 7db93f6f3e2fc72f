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
        // A duty the law made due on a day now past is overdue since that day, whatever came before.
        if let since = finding.dueSince, finding.isOpen, since <= asOf, since <= due {
            due = since
            reason = .law
            overdue = since < asOf
        }
        let (unit, name) = responsible(finding.responsible, system: system.system, organization: organization)
        return PlanItem(id: id, rule: finding.rule, system: finding.system, title: finding.title,
                        action: finding.remediation, responsibleUnit: unit, responsibleName: name,
                        priority: Self.priority(finding.severity, level: system.effectiveLevel),
                        severity: finding.severity, effort: finding.effort ?? .medium, source: finding.source,
                        citation: finding.citations,
                        basis: finding.basis, due: due, dueReason: reason, period: policy.period(for: max(due, asOf)),
                        status: finding.status, overdue: overdue, change: finding.change, location: finding.location,
                        weight: finding.weight, level: system.effectiveLevel)
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
    /// What orders the plan, the law first (issue 14): accepted risks last; then missing or void
    /// approvals, understated levels, overdue assessments, revoked or expired certificates, exposed
    /// private keys, and only then requirement gaps; within each, what is already overdue, then
    /// severity, the system's level, a primary basis before a secondary one, and the due date.
    /// Ties keep the inventory's order, never an id's alphabetical rank.
    struct Urgency {
        let waived: Bool
        let weight: LegalWeight
        let overdue: Bool
        let severity: Severity
        let level: Int
        let primary: Bool
        let due: Day

        func precedes(_ other: Urgency) -> Bool {
            if waived != other.waived { return other.waived }
            if weight != other.weight { return weight < other.weight }
            if overdue != other.overdue { return overdue }
            if severity != other.severity { return severity > other.severity }
            if level != other.level { return level > other.level }
            if primary != other.primary { return primary }
            return due < other.due
        }
    }

    var urgency: Urgency {
        Urgency(waived: status == .waived, weight: weight, overdue: overdue, severity: severity, level: level,
                primary: basis == .primary, due: due)
    }
}
