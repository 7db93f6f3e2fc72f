/// One system's audit: what was derived about it and every rule's finding.
public struct SystemResult: Sendable {
    public let system: InfoSystem
    public let standing: SystemStanding
    public let effectiveLevel: Int
    public internal(set) var findings: [Finding]
    /// The certificates, documents and keys checked for this system.
    public let artefacts: SystemArtefacts
    /// Gaps to the next level up and to the new baseline (informational).
    public let ladder: Ladder

    public var approvalStatus: ApprovalStatus {
        guard system.approval != nil else { return .missing }
        // By index (`contains` would copy every finding), open ones first: most findings pass,
        // and their rule ids need not be compared.
        var status = ApprovalStatus.approved
        for index in findings.indices where findings[index].isOpen {
            let rule = findings[index].rule
            if rule == "APPROVAL.AUTHORITY" { return .void }
            if rule == "APPROVAL.OUTDATED" || rule == "LEVEL.UNDERSTATED" { status = .needsReview }
        }
        return status
    }

    /// Compliance over the requirement rules (those with a group) at the system's level.
    public var compliance: Compliance {
        // By index: reports ask for it several times per system, and a loop over the array would copy
        // every finding.
        var compliance = Compliance()
        for index in findings.indices where findings[index].group != nil { compliance.count(findings[index]) }
        return compliance
    }
}

public struct OrganizationResult: Sendable {
    public let organization: Organization
    public let inventoryFile: String
    public internal(set) var systems: [SystemResult]
    /// The remediation plan: one item per open or waived gap.
    public internal(set) var plan: [PlanItem] = []

    public var findings: [Finding] { systems.flatMap(\.findings) }
}

/// The whole audit, for every organisation, at one date.
public struct AuditResult: Sendable {
    public let asOf: Day
    public internal(set) var organizations: [OrganizationResult]
    public let catalog: RuleCatalog
    /// What became of each waiver given (`--waivers`).
    public internal(set) var waivers: [WaiverOutcome] = []
    /// The comparison with a previous report (`--baseline`), if one was given.
    public internal(set) var baseline: BaselineComparison?

    public var findings: [Finding] { organizations.flatMap(\.findings) }

    /// Findings that make the audit exit with code 1 at `threshold` (nil: `--fail-on none`);
    /// with `onlyNew`, only those the baseline did not have.
    public func blocking(at threshold: Severity?, onlyNew: Bool = false) -> [Finding] {
        findings.filter { $0.blocks(at: threshold, onlyNew: onlyNew) }
    }
}
