/// The figures of one organisation's audit that the history keeps and the reports trend: open
/// gaps by severity, systems approved, compliance by requirement group.
public struct RunFigures: Hashable, Sendable {
    /// The recorded run's number; nil for the audit being reported, not yet recorded.
    public var run: Int64?
    public var asOf: Day
    public var systems: Int
    /// Systems whose level is approved and current (`ApprovalStatus.approved`).
    public var approved: Int
    public var openBySeverity: [Severity: Int]
    public var byGroup: [RequirementGroup: Compliance]

    public init(run: Int64? = nil, asOf: Day, systems: Int, approved: Int, openBySeverity: [Severity: Int],
                byGroup: [RequirementGroup: Compliance]) {
        self.run = run
        self.asOf = asOf
        self.systems = systems
        self.approved = approved
        self.openBySeverity = openBySeverity
        self.byGroup = byGroup
    }

    /// The figures of an organisation's result.
    public init(_ result: OrganizationResult, asOf: Day) {
        var open = CaseTally<Severity, Int>()
        var groups = CaseTally<RequirementGroup, Compliance>()
        var approved = 0
        for finding in result.duties where finding.isOpen { open[finding.severity, default: 0] += 1 }
        for system in result.systems {
            if system.approvalStatus == .approved { approved += 1 }
            for index in system.findings.indices {
                if system.findings[index].isOpen { open[system.findings[index].severity, default: 0] += 1 }
                if let group = system.findings[index].group { groups[group, default: Compliance()].count(system.findings[index]) }
            }
        }
        self.init(asOf: asOf, systems: result.systems.count, approved: approved, openBySeverity: open.dictionary,
                  byGroup: groups.dictionary)
    }

    public var openGaps: Int { openBySeverity.values.reduce(0, +) }

    /// Met / assessed over every group, nil when nothing was assessed.
    public var compliance: Compliance {
        byGroup.values.reduce(into: Compliance()) { total, group in total.add(group) }
    }
}

extension Compliance {
    /// Adds another set of counts (a group's, an organisation's) to these.
    public mutating func add(_ other: Compliance) {
        passed += other.passed
        failed += other.failed
        manual += other.manual
        notApplicable += other.notApplicable
        notAssessed += other.notAssessed
    }
}
