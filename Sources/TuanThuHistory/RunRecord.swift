import TuanThuEngine

/// One organisation's audit as the history keeps it: when and with what it ran, what it read, its
/// figures, each system's standing and every finding, and each gap with its plan item.
public struct RunRecord: Sendable {
    public var organization: String
    public var organizationName: String
    public var asOf: Day
    public var tool: String
    public var rulesVersion: String
    public var rulesDigest: String
    public var language: Language
    public var manifest: InputManifest
    public var figures: RunFigures
    public var systems: [SystemRow]
    public var gaps: [GapRow]

    /// A system's standing and all its findings.
    public struct SystemRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var operatorUnit: String
        public var requiredLevel: Int
        public var proposedLevel: Int?
        public var approvedLevel: Int?
        public var effectiveLevel: Int
        public var approval: ApprovalStatus
        public var regime: String
        public var compliance: Compliance
        /// Every finding of the system as `RULE status severity`, one per line (`FindingCode`).
        public var findings: String
    }

    /// An open or waived gap (a failed check, or one that could not run) and its plan item.
    public struct GapRow: Sendable, Hashable {
        public var system: String
        public var rule: String
        public var severity: Severity
        public var status: CheckStatus
        public var group: RequirementGroup?
        public var message: Localized
        public var file: String
        public var line: Int
        public var column: Int
        public var change: Change?
        public var planID: String?
        public var priority: String?
        public var due: Day?
        public var dueReason: String?
        public var responsibleUnit: String?
        public var overdue: Bool
    }

    public init(organization: String, organizationName: String, asOf: Day, tool: String, rulesVersion: String,
                rulesDigest: String, language: Language, manifest: InputManifest, figures: RunFigures,
                systems: [SystemRow], gaps: [GapRow]) {
        self.organization = organization
        self.organizationName = organizationName
        self.asOf = asOf
        self.tool = tool
        self.rulesVersion = rulesVersion
        self.rulesDigest = rulesDigest
        self.language = language
        self.manifest = manifest
        self.figures = figures
        self.systems = systems
        self.gaps = gaps
    }

    /// The record of one organisation's result (`AuditSession.auditEach` gives them one by one).
    /// `figures`: the result's, when the caller has already made them (the report's trend has).
    public init(_ result: OrganizationResult, asOf: Day, catalog: RuleCatalog, tool: String, language: Language,
                manifest: InputManifest, figures: RunFigures? = nil) {
        var plan: [String: PlanItem] = [:]
        for item in result.plan { plan[Finding.gapID(system: item.system, rule: item.rule)] = item }
        var gaps: [GapRow] = []
        func gap(_ finding: Finding) {
            guard finding.isOpen || finding.status == .waived else { return }
            let item = plan[finding.gapID]
            gaps.append(GapRow(system: finding.system, rule: finding.rule, severity: finding.severity,
                               status: finding.status, group: finding.group, message: finding.message,
                               file: finding.location.file, line: finding.location.line,
                               column: finding.location.column, change: finding.change, planID: item?.id,
                               priority: item?.priority.rawValue, due: item?.due, dueReason: item?.dueReason.rawValue,
                               responsibleUnit: item?.responsibleUnit, overdue: item?.overdue ?? false))
        }
        result.duties.forEach(gap)
        var systems: [SystemRow] = []
        systems.reserveCapacity(result.systems.count)
        for system in result.systems {
            var codes = ""
            for index in system.findings.indices {
                let finding = system.findings[index]
                codes += FindingCode.line(rule: finding.rule, status: finding.status, severity: finding.severity)
                gap(finding)
            }
            systems.append(SystemRow(
                id: system.system.id, name: system.system.name, operatorUnit: system.system.operatorUnit,
                requiredLevel: system.standing.required.level, proposedLevel: system.system.proposedLevel,
                approvedLevel: system.system.approvedLevel, effectiveLevel: system.effectiveLevel,
                approval: system.approvalStatus, regime: system.standing.governing.id, compliance: system.compliance,
                findings: codes))
        }
        self.init(organization: result.organization.id, organizationName: result.organization.name, asOf: asOf,
                  tool: tool, rulesVersion: catalog.provenance.versionLabel, rulesDigest: catalog.provenance.digest,
                  language: language, manifest: manifest, figures: figures ?? RunFigures(result, asOf: asOf),
                  systems: systems, gaps: gaps)
    }
}

/// A system's findings in one text column: `RULE status severity` per line. Every finding is kept
/// (a pass too: `history --diff` tells a gap fixed from one no longer evaluated) without a row
/// each, which at 10,000 systems would be most of the audit's time.
public enum FindingCode {
    static func line(rule: String, status: CheckStatus, severity: Severity) -> String {
        "\(rule) \(status.rawValue) \(severity.rawValue)\n"
    }

    /// The findings of a stored system: status and severity by rule.
    public static func parse(_ text: String) -> [String: (status: CheckStatus, severity: Severity)] {
        var result: [String: (CheckStatus, Severity)] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let status = CheckStatus(rawValue: String(parts[1])),
                  let severity = Severity(rawValue: String(parts[2])) else { continue }
            result[String(parts[0])] = (status, severity)
        }
        return result
    }
}
