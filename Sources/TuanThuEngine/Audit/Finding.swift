/// The result of one rule on one system, with its evidence.
///
/// What the rule itself says (title, remediation, severity, source…) is the same for every
/// finding it makes and is shared by reference: an audit of thousands of systems copies findings
/// between its steps, and each copy then retains a handful of references instead of dozens.
public struct Finding: Hashable, Sendable {
    /// The rule's words and properties, shared by all its findings.
    public final class RuleFacts: Hashable, Sendable {
        public let id: String
        public let title: Localized
        public let group: RequirementGroup?
        public let severity: Severity
        public let remediation: Localized
        public let responsible: ResponsibleParty
        public let effort: Effort?
        public let source: LegalSource
        public let basis: Basis
        public let waivable: Bool
        /// `source.citation(_:)` in each language, made once.
        let citation: Localized

        public init(_ rule: Rule) {
            id = rule.id
            title = rule.title
            group = rule.group
            severity = rule.severity
            remediation = rule.remediation
            responsible = rule.responsible
            effort = rule.effort
            source = rule.source
            basis = rule.basis
            waivable = rule.waivable
            citation = Localized(vi: rule.source.citation(.vi), en: rule.source.citation(.en))
        }

        public static func == (a: RuleFacts, b: RuleFacts) -> Bool {
            a === b || (a.id == b.id && a.title == b.title && a.group == b.group && a.severity == b.severity
                        && a.remediation == b.remediation && a.responsible == b.responsible && a.effort == b.effort
                        && a.source == b.source && a.basis == b.basis && a.waivable == b.waivable)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    public let facts: RuleFacts
    public var system: String
    public var status: CheckStatus
    public var message: Localized
    public var expected: Localized?
    public var found: Localized?
    public var location: SourceLocation
    /// The check's own source or basis, when more precise than the rule's.
    private var sourceOverride: LegalSource?
    private var basisOverride: Basis?
    /// The regime the rule was evaluated under.
    public var regime: String
    /// The waiver that accepts this finding's risk, when its status is `waived`.
    public var waiver: WaiverInfo?
    /// New since the baseline, or already there (nil without `--baseline`).
    public var change: Change?

    public init(facts: RuleFacts, system: String, status: CheckStatus, message: Localized, expected: Localized?,
                found: Localized?, location: SourceLocation, source: LegalSource?, basis: Basis?, regime: String) {
        self.facts = facts
        self.system = system
        self.status = status
        self.message = message
        self.expected = expected
        self.found = found
        self.location = location
        self.sourceOverride = source == facts.source ? nil : source
        self.basisOverride = basis == facts.basis ? nil : basis
        self.regime = regime
    }

    public var rule: String { facts.id }
    public var title: Localized { facts.title }
    public var group: RequirementGroup? { facts.group }
    public var severity: Severity { facts.severity }
    public var remediation: Localized { facts.remediation }
    public var responsible: ResponsibleParty { facts.responsible }
    public var effort: Effort? { facts.effort }
    public var waivable: Bool { facts.waivable }
    public var source: LegalSource { sourceOverride ?? facts.source }
    public var basis: Basis { basisOverride ?? facts.basis }
    /// Source and basis are the rule's own (not a check's more precise ones).
    public var citesRule: Bool { sourceOverride == nil && basisOverride == nil }

    /// `source.citation(language)`, without rebuilding the rule's own citation for every finding.
    public func citation(_ language: Language) -> String {
        if let sourceOverride { return sourceOverride.citation(language) }
        return facts.citation[language]
    }

    /// A failure (or a check that could not run) counts against the system.
    public var isOpen: Bool { status == .fail || status == .error }

    /// Open and at or above the threshold: it fails CI.
    public func blocks(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return isOpen && severity >= threshold
    }
}

/// How far a system's level approval stands.
public enum ApprovalStatus: String, Codable, Sendable, CaseIterable {
    /// Approved, by competent authorities, and still current.
    case approved
    /// Approved, but the approval is faulty (authority) or the system changed since.
    case needsReview = "needs-review"
    /// No approval recorded.
    case missing
}

/// Share of requirements met at the system's level.
public struct Compliance: Codable, Hashable, Sendable {
    public var passed = 0
    public var failed = 0
    public var manual = 0
    public var notApplicable = 0

    /// Met / (met + not met), nil when no requirement applies.
    public var percent: Int? {
        let total = passed + failed
        guard total > 0 else { return nil }
        return Int((Double(passed) * 100 / Double(total)).rounded(.down))
    }

    public init() {}

    /// The counts over `findings` (the caller picks which: e.g. one requirement group's).
    public init<S: Sequence>(_ findings: S) where S.Element == Finding {
        for finding in findings { count(finding) }
    }

    /// Adds one finding to the counts.
    public mutating func count(_ finding: Finding) {
        switch finding.status {
        case .pass: passed += 1
        case .fail, .error, .waived: failed += 1
        case .manual: manual += 1
        case .notApplicable: notApplicable += 1
        }
    }
}

/// How an open finding compares with the baseline report.
public enum Change: String, Codable, Sendable, CaseIterable {
    case new, persisting
}
