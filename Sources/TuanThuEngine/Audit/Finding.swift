/// The result of one rule on one system, with its evidence.
///
/// What the rule itself says (title, remediation, severity, source…) is the same for every
/// finding it makes and is shared by reference: an audit of thousands of systems copies findings
/// between its steps. A copy retains one reference, its evidence, which holds the rule's facts
/// and the waiver, when there is one; the finding only points at the facts. Counting
/// references to the facts, which every core's findings share, cost more than any other step of
/// a large audit (a shared counter bounces between the cores).
public struct Finding: Codable, Hashable, Sendable {
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
        /// How the law ranks a failure of this rule (the urgent list's first key).
        public let weight: LegalWeight
        /// Each system's duty, or the organisation's (stated once).
        public let scope: RuleScope
        /// `source.citation(_:)` in each language, made once.
        public let citation: Localized

        /// What a finding citing `source` stores as its source override: nil when it is the rule's own.
        func override(_ source: LegalSource) -> LegalSource? { source == self.source ? nil : source }

        public convenience init(_ rule: Rule) {
            self.init(id: rule.id, title: rule.title, group: rule.group, severity: rule.severity,
                      remediation: rule.remediation, responsible: rule.responsible, effort: rule.effort,
                      source: rule.source, basis: rule.basis, waivable: rule.waivable, weight: rule.check.legalWeight,
                      scope: rule.scope)
        }

        public init(id: String, title: Localized, group: RequirementGroup?, severity: Severity, remediation: Localized,
                    responsible: ResponsibleParty, effort: Effort?, source: LegalSource, basis: Basis, waivable: Bool,
                    weight: LegalWeight = .requirement, scope: RuleScope = .system) {
            self.weight = weight
            self.scope = scope
            self.id = id
            self.title = title
            self.group = group
            self.severity = severity
            self.remediation = remediation
            self.responsible = responsible
            self.effort = effort
            self.source = source
            self.basis = basis
            self.waivable = waivable
            citation = Localized(vi: source.citation(.vi), en: source.citation(.en))
        }

        public static func == (a: RuleFacts, b: RuleFacts) -> Bool {
            a === b || (a.id == b.id && a.title == b.title && a.group == b.group && a.severity == b.severity
                        && a.remediation == b.remediation && a.responsible == b.responsible && a.effort == b.effort
                        && a.source == b.source && a.basis == b.basis && a.waivable == b.waivable
                        && a.weight == b.weight && a.scope == b.scope)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    /// What the check found, set once when the finding is made and shared by its copies: an
    /// audit copies findings between its steps, and a copy then retains one reference instead
    /// of a dozen texts. A waiver, set on a few findings after the audit, is part of it: a new
    /// evidence is made for the waived finding, and a copy of any finding retains one reference,
    /// not two (a finding handed to a function is copied out of its array).
    @usableFromInline
    final class Evidence: Hashable, Sendable {
        /// Keeps the rule's facts alive for as long as a finding points at them.
        let facts: RuleFacts
        @usableFromInline let system: String
        /// What the check said — texts, place, due day — kept whole: it is moved in when the finding
        /// is made, where copying its half-dozen texts out retained and released each one.
        @usableFromInline let outcome: CheckOutcome
        /// Where the finding points when the outcome names no place (the system's entry).
        @usableFromInline let fallback: SourceLocation?
        /// The check's own source or basis, when more precise than the rule's.
        let sourceOverride: LegalSource?
        @usableFromInline let basisOverride: Basis?
        /// The regime the rule was evaluated under.
        @usableFromInline let regime: String
        /// `sourceOverride == nil`: asked of every finding by the reports, where reading the
        /// optional source copied it (a dozen references).
        @usableFromInline let citesRuleSource: Bool
        /// The waiver that accepts the finding's risk (see `Finding.waiver`).
        let waived: Waived?

        init(facts: RuleFacts, system: String, outcome: consuming CheckOutcome, fallback: SourceLocation,
             sourceOverride: LegalSource?, basisOverride: Basis?, regime: String) {
            self.facts = facts
            self.system = system
            self.fallback = outcome.location == nil ? fallback : nil
            self.outcome = consume outcome
            self.sourceOverride = sourceOverride
            self.basisOverride = basisOverride
            self.regime = regime
            citesRuleSource = sourceOverride == nil
            waived = nil
        }

        /// The same evidence with `waiver`.
        func with(waiver: WaiverInfo?) -> Evidence {
            Evidence(copying: self, waived: waiver.map(Waived.init))
        }

        private init(copying other: Evidence, waived: Waived?) {
            facts = other.facts
            system = other.system
            outcome = other.outcome
            fallback = other.fallback
            sourceOverride = other.sourceOverride
            basisOverride = other.basisOverride
            regime = other.regime
            citesRuleSource = other.citesRuleSource
            self.waived = waived
        }

        /// (`fallback` is set whenever the outcome names no place: the last default is never taken.)
        @inlinable
        var location: SourceLocation { outcome.location ?? fallback ?? SourceLocation(file: "", line: 0, column: 0) }

        @usableFromInline
        static func == (a: Evidence, b: Evidence) -> Bool {
            a === b || (a.system == b.system && a.outcome.message == b.outcome.message
                        && a.outcome.expected == b.outcome.expected && a.outcome.found == b.outcome.found
                        && a.location == b.location && a.sourceOverride == b.sourceOverride
                        && a.basisOverride == b.basisOverride && a.regime == b.regime
                        && a.outcome.dueSince == b.outcome.dueSince && a.waived == b.waived)
        }

        @usableFromInline
        func hash(into hasher: inout Hasher) {
            hasher.combine(system)
            hasher.combine(outcome.message)
            hasher.combine(location)
        }
    }

    /// The rule's facts, owned by `evidence` (which this finding owns): no reference count to
    /// touch when a finding is copied or read.
    public unowned(unsafe) let facts: RuleFacts
    @usableFromInline private(set) var evidence: Evidence
    public var status: CheckStatus
    /// New since the baseline, or already there (nil without `--baseline`).
    public var change: Change?

    /// The waiver that accepts this finding's risk, when its status is `waived`.
    public var waiver: WaiverInfo? {
        get { evidence.waived?.info }
        set { evidence = evidence.with(waiver: newValue) }
    }

    /// A waiver's words, one reference instead of four.
    final class Waived: Hashable, Sendable {
        let info: WaiverInfo

        init(_ info: WaiverInfo) { self.info = info }

        static func == (a: Waived, b: Waived) -> Bool { a.info == b.info }

        func hash(into hasher: inout Hasher) { hasher.combine(info) }
    }

    /// A finding from its check's outcome, moved in whole; `location` is where it points when the
    /// outcome names no place. The source override is already known (nil: the rule's own): the
    /// audit knows it per rule and level, so each finding need not copy and compare a source.
    init(facts: RuleFacts, system: String, outcome: consuming CheckOutcome, location: SourceLocation,
         sourceOverride: LegalSource?, regime: String) {
        self.facts = facts
        self.status = outcome.status
        let basis = outcome.basis
        evidence = Evidence(facts: facts, system: system, outcome: consume outcome, fallback: location,
                            sourceOverride: sourceOverride, basisOverride: basis == facts.basis ? nil : basis,
                            regime: regime)
    }

    public init(facts: RuleFacts, system: String, status: CheckStatus, message: Localized, expected: Localized?,
                found: Localized?, location: SourceLocation, source: LegalSource?, basis: Basis?, regime: String,
                dueSince: Day? = nil) {
        self.init(facts: facts, system: system,
                  outcome: CheckOutcome(status, message, expected: expected, found: found, at: location, basis: basis,
                                        dueSince: dueSince),
                  location: location, sourceOverride: source.flatMap(facts.override), regime: regime)
    }

    @inlinable public var system: String { evidence.system }
    @inlinable public var message: Localized { evidence.outcome.message }
    @inlinable public var expected: Localized? { evidence.outcome.expected }
    @inlinable public var found: Localized? { evidence.outcome.found }
    @inlinable public var location: SourceLocation { evidence.location }
    /// The regime the rule was evaluated under.
    @inlinable public var regime: String { evidence.regime }
    /// The day the duty fell due, when the law fixes it and it has passed.
    @inlinable public var dueSince: Day? { evidence.outcome.dueSince }
    @inlinable public var weight: LegalWeight { facts.weight }
    private var sourceOverride: LegalSource? { evidence.sourceOverride }
    private var basisOverride: Basis? { evidence.basisOverride }

    @inlinable public var rule: String { facts.id }
    @inlinable public var title: Localized { facts.title }
    @inlinable public var group: RequirementGroup? { facts.group }
    @inlinable public var severity: Severity { facts.severity }
    @inlinable public var remediation: Localized { facts.remediation }
    @inlinable public var responsible: ResponsibleParty { facts.responsible }
    @inlinable public var effort: Effort? { facts.effort }
    @inlinable public var waivable: Bool { facts.waivable }
    public var source: LegalSource { sourceOverride ?? facts.source }
    public var basis: Basis { basisOverride ?? facts.basis }
    /// Source and basis are the rule's own (not a check's more precise ones).
    @inlinable public var citesRule: Bool { evidence.citesRuleSource && evidence.basisOverride == nil }
    /// The source is the rule's own (a check may still have set its own basis).
    @inlinable public var citesRuleSource: Bool { evidence.citesRuleSource }

    /// `source.citation(_:)` in both languages.
    public var citations: Localized {
        guard let sourceOverride else { return facts.citation }
        return Localized(vi: sourceOverride.citation(.vi), en: sourceOverride.citation(.en))
    }

    /// `source.citation(language)`, without rebuilding the rule's own citation for every finding.
    public func citation(_ language: Language) -> String {
        if let sourceOverride { return sourceOverride.citation(language) }
        return facts.citation[language]
    }

    // MARK: - Codable: the finding flat, its rule's words included (as it was before they were shared)

    private enum CodingKeys: String, CodingKey {
        case rule, system, title, group, severity, status, message, expected, found, location, remediation
        case responsible, effort, source, basis, regime, waivable, waiver, change
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(system, forKey: .system)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(severity, forKey: .severity)
        try container.encode(status, forKey: .status)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encodeIfPresent(found, forKey: .found)
        try container.encode(location, forKey: .location)
        try container.encode(remediation, forKey: .remediation)
        try container.encode(responsible, forKey: .responsible)
        try container.encodeIfPresent(effort, forKey: .effort)
        try container.encode(source, forKey: .source)
        try container.encode(basis, forKey: .basis)
        try container.encode(regime, forKey: .regime)
        try container.encode(waivable, forKey: .waivable)
        try container.encodeIfPresent(waiver, forKey: .waiver)
        try container.encodeIfPresent(change, forKey: .change)
    }

    /// A decoded finding gets rule facts of its own (nothing to share them with).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let facts = RuleFacts(id: try container.decode(String.self, forKey: .rule),
                              title: try container.decode(Localized.self, forKey: .title),
                              group: try container.decodeIfPresent(RequirementGroup.self, forKey: .group),
                              severity: try container.decode(Severity.self, forKey: .severity),
                              remediation: try container.decode(Localized.self, forKey: .remediation),
                              responsible: try container.decode(ResponsibleParty.self, forKey: .responsible),
                              effort: try container.decodeIfPresent(Effort.self, forKey: .effort),
                              source: try container.decode(LegalSource.self, forKey: .source),
                              basis: try container.decode(Basis.self, forKey: .basis),
                              waivable: try container.decode(Bool.self, forKey: .waivable))
        self.init(facts: facts, system: try container.decode(String.self, forKey: .system),
                  status: try container.decode(CheckStatus.self, forKey: .status),
                  message: try container.decode(Localized.self, forKey: .message),
                  expected: try container.decodeIfPresent(Localized.self, forKey: .expected),
                  found: try container.decodeIfPresent(Localized.self, forKey: .found),
                  location: try container.decode(SourceLocation.self, forKey: .location), source: nil, basis: nil,
                  regime: try container.decode(String.self, forKey: .regime))
        waiver = try container.decodeIfPresent(WaiverInfo.self, forKey: .waiver)
        change = try container.decodeIfPresent(Change.self, forKey: .change)
    }

    /// `system:rule`: the id of the finding's plan item, and how baselines, waivers and SARIF
    /// fingerprints recognise the same gap from one run to the next.
    public var gapID: String { Self.gapID(system: system, rule: rule) }

    public static func gapID(system: String, rule: String) -> String { "\(system):\(rule)" }

    /// A failure (or a check that could not run) counts against the system.
    @inlinable public var isOpen: Bool { status == .fail || status == .error }

    /// Open and at or above the threshold: it fails CI. (Inlinable, as the counts below: a call
    /// copied the finding out of its array, a retain and a release per finding and per count.)
    @inlinable public func blocks(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return isOpen && severity >= threshold
    }

    /// Blocks, and with `onlyNew` (`--fail-on-new`) is not already in the baseline.
    @inlinable public func blocks(at threshold: Severity?, onlyNew: Bool) -> Bool {
        blocks(at: threshold) && (!onlyNew || change != .persisting)
    }
}

/// How far a system's level approval stands.
public enum ApprovalStatus: String, Codable, Sendable, CaseIterable {
    /// Approved, by competent authorities, and still current.
    case approved
    /// Approved, but the system changed since, or its level is below what it needs.
    case needsReview = "needs-review"
    /// A decision by an appraiser or approver that was not competent on its date: no approval at all.
    case void
    /// No approval recorded.
    case missing
}

/// Share of requirements met at the system's level.
public struct Compliance: Codable, Hashable, Sendable {
    public var passed = 0
    public var failed = 0
    public var manual = 0
    public var notApplicable = 0
    /// Requirements whose status the inventory does not declare: outside the percentage.
    public var notAssessed = 0

    /// Met / (met + not met), nil when no requirement applies or none has been assessed.
    public var percent: Int? {
        let total = passed + failed
        guard total > 0 else { return nil }
        return Int((Double(passed) * 100 / Double(total)).rounded(.down))
    }

    public init() {}

    /// Adds one finding to the counts.
    @inlinable public mutating func count(_ finding: Finding) {
        switch finding.status {
        case .pass: passed += 1
        case .fail, .error, .waived: failed += 1
        case .manual: manual += 1
        case .notApplicable: notApplicable += 1
        case .notAssessed: notAssessed += 1
        }
    }
}

/// How an open finding compares with the baseline report.
public enum Change: String, Codable, Sendable, CaseIterable {
    case new, persisting
}
