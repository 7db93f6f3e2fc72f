/// The nine requirement groups of TCVN 11930 / TCVN 14423 (SPEC.md "Rules").
public enum RequirementGroup: String, CaseIterable, Sendable, Codable, OrdinalCase {
    case policy = "management/policy"
    case organization = "management/organization"
    case people = "management/people"
    case designBuild = "management/design-build"
    case operations = "management/operations"
    /// The risk-management plan (Circular 12 Art. 9(3)(e); annex item 1.6).
    case risk = "management/risk"
    /// The plan for ending operation, disposal and destruction (Art. 9(3)(g); annex item 1.7).
    case endOfOperation = "management/end-of-operation"
    case network = "technical/network"
    case server = "technical/server"
    case application = "technical/application"
    case data = "technical/data"

    /// The group's number, in declaration order.
    public var ordinal: Int {
        switch self {
        case .policy: 0
        case .organization: 1
        case .people: 2
        case .designBuild: 3
        case .operations: 4
        case .risk: 5
        case .endOfOperation: 6
        case .network: 7
        case .server: 8
        case .application: 9
        case .data: 10
        }
    }

    /// Hashed by its case, not by its raw text, which is what `RawRepresentable` would hash:
    /// reports sort every finding into its group.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

public enum Effort: String, CaseIterable, Sendable, Codable {
    case small, medium, large
}

/// Who usually carries out a rule's remediation.
public enum ResponsibleParty: String, CaseIterable, Sendable, Codable {
    case `operator`, owner
    case securityUnit = "security-unit"
}

/// Whose duty a rule states: each system's, or the organisation's once for all its systems.
public enum RuleScope: String, CaseIterable, Sendable, Codable {
    /// Evaluated on every system in scope, one finding each.
    case system
    /// A duty of the owner or its head (designating the security unit, the yearly report, training):
    /// one finding for the organisation, in scope when the rule applies to any of its systems.
    case organization
}

/// One rule of the catalog: what is required, where the law says so, and how to check it.
public struct Rule: Sendable {
    public var id: String
    public var pack: String
    public var baseline: String?
    public var group: RequirementGroup?
    public var title: Localized
    public var description: Localized?
    public var remediation: Localized
    public var levels: [Int]
    public var severity: Severity
    public var source: LegalSource
    public var basis: Basis
    public var effort: Effort?
    public var responsible: ResponsibleParty
    public var waivable: Bool
    public var scope: RuleScope = .system
    /// Applies only when this holds (besides levels and baseline).
    public var when: Predicate?
    public var check: any CheckKind
    public var examples: RuleExamples
    public var location: SourceLocation
}

/// Inventory snippets that must pass or fail the rule; the test suite runs them all.
public struct RuleExamples: Sendable {
    public var pass: [YNode]
    public var fail: [YNode]

    public init(pass: [YNode] = [], fail: [YNode] = []) {
        self.pass = pass
        self.fail = fail
    }

    public var isEmpty: Bool { pass.isEmpty && fail.isEmpty }
}

/// A rule pack file's header.
public struct RulePack: Sendable {
    public var id: String
    public var baseline: String?
    public var title: Localized
    public var file: String
    /// Rule ids the pack no longer has, with the id that replaced each or why none did.
    public var retired: [String: String] = [:]
}
