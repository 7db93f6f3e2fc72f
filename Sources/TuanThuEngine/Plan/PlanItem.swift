/// One action of the remediation plan (kế hoạch khắc phục): a gap, who closes it, by when.
public struct PlanItem: Codable, Hashable, Sendable {
    public enum Priority: String, Codable, Sendable, CaseIterable, Comparable {
        case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4"

        public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Why the due date is what it is.
    public enum DueReason: String, Codable, Sendable {
        /// The audit date plus the days the policy gives this severity.
        case severity
        /// Capped by a regime transition deadline.
        case transition
        /// Kept from the baseline's plan, so that a gap's deadline does not slide.
        case baseline
        /// The expiry of the waiver that accepts the risk: it must be decided again by then.
        case waiver
        /// The day the law made it due, already past (an assessment's deadline, a certificate's
        /// expiry, the start of operation without an approved level): overdue since then.
        case law
    }

    /// Stable across runs: the same gap on the same system keeps the same id.
    public var id: String
    public var rule: String
    public var system: String
    public var title: Localized
    public var action: Localized
    public var responsibleUnit: String
    public var responsibleName: String
    public var priority: Priority
    public var severity: Severity
    public var effort: Effort
    public var source: LegalSource
    /// `source.citation(_:)` in each language (the rule's own, made once, when the source is the rule's).
    public var citation: Localized
    public var basis: Basis
    public var due: Day
    public var dueReason: DueReason
    public var period: ReportingPeriod?
    /// `fail`/`error` for a gap to close, `waived` for an accepted risk (due at the waiver's expiry).
    public var status: CheckStatus
    /// The due date (kept from the baseline) has passed and the gap is still open.
    public var overdue: Bool
    public var change: Change?
    public var location: SourceLocation
    /// How the law ranks the gap, and the system's level: what orders the plan after overdue.
    public var weight: LegalWeight
    public var level: Int
}

extension Array where Element == PlanItem {
    /// How many items are overdue, counted in place (`filter` would copy each one, a score of texts).
    public var overdueCount: Int {
        var count = 0
        for index in indices where self[index].overdue { count += 1 }
        return count
    }
}
