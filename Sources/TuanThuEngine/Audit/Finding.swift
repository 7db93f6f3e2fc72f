/// The result of one rule on one system, with its evidence.
public struct Finding: Codable, Hashable, Sendable {
    public var rule: String
    public var system: String
    public var title: Localized
    public var group: RequirementGroup?
    public var severity: Severity
    public var status: CheckStatus
    public var message: Localized
    public var expected: Localized?
    public var found: Localized?
    public var location: SourceLocation
    public var remediation: Localized
    public var responsible: ResponsibleParty
    public var effort: Effort?
    public var source: LegalSource
    public var basis: Basis
    /// The regime the rule was evaluated under.
    public var regime: String
    public var waivable: Bool
    /// The waiver that accepts this finding's risk, when its status is `waived`.
    public var waiver: WaiverInfo?
    /// New since the baseline, or already there (nil without `--baseline`).
    public var change: Change?

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
        for finding in findings {
            switch finding.status {
            case .pass: passed += 1
            case .fail, .error, .waived: failed += 1
            case .manual: manual += 1
            case .notApplicable: notApplicable += 1
            }
        }
    }
}

/// How an open finding compares with the baseline report.
public enum Change: String, Codable, Sendable, CaseIterable {
    case new, persisting
}
