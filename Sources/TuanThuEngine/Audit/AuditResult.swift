/// One system's audit: what was derived about it and every rule's finding.
public struct SystemResult: Sendable {
    public var system: InfoSystem { fixed.system }
    public var standing: SystemStanding { fixed.standing }
    public var effectiveLevel: Int { fixed.effectiveLevel }
    public internal(set) var findings: [Finding] {
        didSet {
            approvalStatus = Self.approvalStatus(of: system, findings)
            compliance = Self.compliance(findings)
        }
    }
    /// The certificates, documents and keys checked for this system.
    public var artefacts: SystemArtefacts { fixed.artefacts }
    /// Gaps to the next level up and to the new baseline (informational).
    public var ladder: Ladder { fixed.ladder }
    /// The ids of the organisation's duties this system brings into scope.
    public var duties: [String] { fixed.duties }

    /// What does not change once the system is evaluated, behind one reference: every step and
    /// report walks the systems, and a copy of these fields retained some forty references.
    private final class Fixed: Sendable {
        let system: InfoSystem
        let standing: SystemStanding
        let effectiveLevel: Int
        let artefacts: SystemArtefacts
        let ladder: Ladder
        let duties: [String]

        init(system: InfoSystem, standing: SystemStanding, effectiveLevel: Int, artefacts: SystemArtefacts,
             ladder: Ladder, duties: [String]) {
            self.system = system
            self.standing = standing
            self.effectiveLevel = effectiveLevel
            self.artefacts = artefacts
            self.ladder = ladder
            self.duties = duties
        }
    }

    private let fixed: Fixed

    init(system: InfoSystem, standing: SystemStanding, effectiveLevel: Int, findings: [Finding],
         artefacts: SystemArtefacts, ladder: Ladder, duties: [String] = []) {
        fixed = Fixed(system: system, standing: standing, effectiveLevel: effectiveLevel, artefacts: artefacts,
                      ladder: ladder, duties: duties)
        self.findings = findings
        approvalStatus = Self.approvalStatus(of: system, findings)
        compliance = Self.compliance(findings)
    }

    /// How far the system's level approval stands, kept with the findings it follows from
    /// (waivers change their statuses): every report asks for it, several times per system.
    public private(set) var approvalStatus: ApprovalStatus

    private static func approvalStatus(of system: InfoSystem, _ findings: [Finding]) -> ApprovalStatus {
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

    /// Compliance over the requirement rules (those with a group) at the system's level, kept
    /// with the findings as `approvalStatus` is.
    public private(set) var compliance: Compliance

    private static func compliance(_ findings: [Finding]) -> Compliance {
        // By index: a loop over the array would copy every finding.
        var compliance = Compliance()
        for index in findings.indices where findings[index].group != nil { compliance.count(findings[index]) }
        return compliance
    }
}

public struct OrganizationResult: Sendable {
    public let organization: Organization
    public let inventoryFile: String
    /// The digest of the inventory file as the audit read it.
    public internal(set) var inventoryDigest: FileDigest?
    public internal(set) var systems: [SystemResult]
    /// The organisation's own duties (rules of `scope: organization`), one finding each, whose
    /// `system` is the organisation's id.
    public internal(set) var duties: [Finding] = []
    /// The remediation plan: one item per open or waived gap.
    public internal(set) var plan: [PlanItem] = []

    /// The organisation's duties, then every system's findings.
    public var findings: [Finding] { duties + systems.flatMap(\.findings) }

    /// The ids findings are made for: the organisation's own and its systems'.
    public var subjects: [String] { [organization.id] + systems.map(\.system.id) }

    /// The systems that bring a duty of the organisation into scope.
    public func systems(concernedBy rule: String) -> [SystemResult] {
        systems.filter { $0.duties.contains(rule) }
    }
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
