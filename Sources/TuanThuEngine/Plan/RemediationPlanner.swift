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
            var shared = Shared()
            for duty in organization.duties where duty.isOpen || duty.status == .waived {
                items.append(item(forDuty: duty, of: organization, shared: &shared))
            }
            for system in organization.systems {
                for finding in system.findings.indices where system.findings[finding].isOpen
                    || system.findings[finding].status == .waived {
                    items.append(item(for: system.findings[finding], system: system,
                                      organization: organization.organization, shared: &shared))
                }
            }
            // Positions are sorted, not the items: a sort moves and copies its elements many times.
            // What decides the order is sorted, not the items (a sort copies its elements many
            // times over); ties keep the order of the findings.
            let keys = items.map(\.urgency)
            let order = keys.indices.sorted { a, b in
                keys[a].precedes(keys[b]) || (!keys[b].precedes(keys[a]) && a < b)
            }
            Self.arrange(&items, in: order)
            result.organizations[index].plan = items
        }
        return result
    }

    /// Puts `items` in `order` (a permutation of their positions: the item at position p is to be
    /// the one now at `order[p]`), swapping along each cycle: no item is copied.
    static func arrange<Item>(_ items: inout [Item], in order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        // Swapped in the buffer, by moves: `Array.swapAt` here copied the items it swapped.
        items.withUnsafeMutableBufferPointer { buffer in
            for start in order.indices where !placed[start] {
                var current = start
                while true {
                    placed[current] = true
                    let next = order[current]
                    if next == start { break }
                    buffer.swapAt(current, next)
                    current = next
                }
            }
        }
    }

    /// What many items share, made once per organisation: the reporting period of a due day, and
    /// the citation of a source a rule cites in place of its own (a clause per level). Each was
    /// made again for every item: several interpolated strings.
    struct Shared {
        private var periods: [Day: ReportingPeriod?] = [:]
        /// By rule: the sources its findings cite in place of its own, with their citations.
        private var citations: [ObjectIdentifier: [(source: LegalSource, citation: Localized)]] = [:]

        mutating func period(for due: Day, in policy: PlanPolicy) -> ReportingPeriod? {
            if let known = periods[due] { return known }
            let period = policy.period(for: due)
            periods[due] = period
            return period
        }

        mutating func citation(of finding: Finding) -> Localized {
            guard !finding.citesRuleSource else { return finding.facts.citation }
            let source = finding.source
            let rule = ObjectIdentifier(finding.facts)
            if let known = citations[rule]?.first(where: { $0.source == source }) { return known.citation }
            let citation = finding.citations
            citations[rule, default: []].append((source, citation))
            return citation
        }
    }

    func item(for finding: Finding, system: SystemResult, organization: Organization, shared: inout Shared) -> PlanItem {
        let cap = finding.group == nil ? system.standing.approvalDeadline : system.standing.requirementsDeadline
        let (unit, name) = responsible(finding.responsible, system: system.system, organization: organization)
        return item(for: finding, cap: cap, level: system.effectiveLevel, unit: unit, name: name, shared: &shared)
    }

    /// A duty of the organisation: due by the earliest deadline of the systems concerned, at the
    /// priority of the highest level among them, assigned to the owner or the security unit.
    func item(forDuty finding: Finding, of organization: OrganizationResult, shared: inout Shared) -> PlanItem {
        let concerned = organization.systems(concernedBy: finding.rule)
        let cap = concerned.compactMap { finding.group == nil ? $0.standing.approvalDeadline : $0.standing.requirementsDeadline }.min()
        let level = concerned.map(\.effectiveLevel).max() ?? 1
        let (unit, name) = Self.responsibleForDuty(finding.responsible, organization: organization.organization,
                                                   concerned: concerned.map(\.system))
        return item(for: finding, cap: cap, level: level, unit: unit, name: name, shared: &shared)
    }

    private func item(for finding: Finding, cap: Day?, level: Int, unit: String, name: String,
                      shared: inout Shared) -> PlanItem {
        let id = finding.gapID
        var due = asOf.adding(days: policy.dueDays[finding.severity] ?? 365)
        var reason = PlanItem.DueReason.severity
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
        return PlanItem(id: id, rule: finding.rule, system: finding.system, title: finding.title,
                        action: finding.remediation, responsibleUnit: unit, responsibleName: name,
                        priority: Self.priority(finding.severity, level: level),
                        severity: finding.severity, effort: finding.effort ?? .medium, source: finding.source,
                        citation: shared.citation(of: finding),
                        basis: finding.basis, due: due, dueReason: reason,
                        period: shared.period(for: max(due, asOf), in: policy),
                        status: finding.status, overdue: overdue, change: finding.change, location: finding.location,
                        weight: finding.weight, level: level)
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

    /// Who closes a system's gap: its operating unit, its owner (by name), or the security unit.
    /// Without a declared security unit, its work falls to the owner, whose duty it is to designate
    /// one (Decree 331 Art. 31(1); Circular 12 Art. 4), never to the operating unit.
    private func responsible(_ party: ResponsibleParty, system: InfoSystem, organization: Organization)
        -> (String, String) {
        switch party {
        case .operator:
            return (system.operatorUnit, organization.unit(system.operatorUnit)?.name ?? organization.name)
        case .owner:
            return (system.owner, organization.ownerName(system.owner))
        case .securityUnit:
            if let unit = organization.securityUnit { return (unit.id, unit.name) }
            return (system.owner, organization.ownerName(system.owner))
        }
    }

    /// Who carries out a duty of the organisation: the security unit when the rule says so and one is
    /// declared; the operating unit when every system concerned has the same one; the owner when one
    /// body outside the organisation owns them all; else the organisation itself (its head).
    static func responsibleForDuty(_ party: ResponsibleParty, organization: Organization, concerned: [InfoSystem])
        -> (String, String) {
        if party == .securityUnit, let unit = organization.securityUnit { return (unit.id, unit.name) }
        let operators = Set(concerned.map(\.operatorUnit))
        if party == .operator, operators.count == 1, let unit = operators.first.flatMap(organization.unit) {
            return (unit.id, unit.name)
        }
        let owners = Set(concerned.map(\.owner))
        if owners.count == 1, let owner = owners.first, owner != organization.id {
            return (owner, organization.ownerName(owner))
        }
        return (organization.id, organization.name)
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
