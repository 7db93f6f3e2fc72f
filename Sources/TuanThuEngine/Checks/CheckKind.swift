/// What a check found: the status, a message, and the evidence (expected, found, where).
public struct CheckOutcome: Sendable {
    public var status: CheckStatus
    public var message: Localized
    public var expected: Localized?
    public var found: Localized?
    /// The most precise place the evidence points at; nil means the system's entry.
    public var location: SourceLocation?
    /// A more specific legal source than the rule's (e.g. the regime's competence row).
    public var source: LegalSource?
    public var basis: Basis?
    /// For a failure: the day the duty fell due, when the law fixes one and it has passed (the
    /// assessment's deadline, the expiry of a certificate, the start of operation without an approval).
    public var dueSince: Day?

    public init(_ status: CheckStatus, _ message: Localized, expected: Localized? = nil, found: Localized? = nil,
                at location: SourceLocation? = nil, source: LegalSource? = nil, basis: Basis? = nil,
                dueSince: Day? = nil) {
        self.status = status
        self.dueSince = dueSince
        self.message = message
        self.expected = expected
        self.found = found
        self.location = location
        self.source = source
        self.basis = basis
    }
}

public enum CheckStatus: String, CaseIterable, Sendable, Codable, OrdinalCase {
    case fail, pass, manual, waived, error
    case notApplicable = "not-applicable"
    /// The inventory says nothing of the requirement: neither met nor failed, a question to answer.
    /// Kept out of the compliance percentage, the plan and the urgent list; blocks CI only with
    /// `--fail-on-undeclared`.
    case notAssessed = "not-assessed"

    /// The status's number, in declaration order.
    public var ordinal: Int {
        switch self {
        case .fail: 0
        case .pass: 1
        case .manual: 2
        case .waived: 3
        case .error: 4
        case .notApplicable: 5
        case .notAssessed: 6
        }
    }

    /// Hashed by its case, not by its raw text, which is what `RawRepresentable` would hash: a
    /// large audit looks findings up by status several hundred thousand times.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

/// How much legal weight a failure of a kind of check carries: the urgent list and the plan put
/// the duties the law states outright (an approved level, a level that fits, the periodic
/// assessment, valid certificates, secret keys kept secret) before the gaps in the requirements.
/// Lower comes first.
public enum LegalWeight: Int, Sendable, Comparable, Codable {
    /// No approved level: missing, or void for want of authority.
    case approval = 0
    /// The level is not declared or is below what the criteria require.
    case level = 1
    /// The periodic assessment is overdue.
    case assessment = 2
    /// A certificate is revoked or expired.
    case certificate = 3
    /// A private key lies in the workspace.
    case privateKey = 4
    /// Any other requirement: by severity, then level.
    case requirement = 5

    public static func < (a: LegalWeight, b: LegalWeight) -> Bool { a.rawValue < b.rawValue }
}

/// Everything a check may read: the system, what the audit derived about it, and the audit date.
public struct CheckContext: Sendable {
    public let system: InfoSystem
    public let organization: Organization
    public let facts: Facts
    public let standing: SystemStanding
    public let asOf: Day
    /// Certificates, signed documents and stray keys, checked before the audit.
    public let artefacts: SystemArtefacts
    /// Where the system's `controls` are written (else the system): what every undeclared
    /// control points at, looked up once per system rather than once per control.
    public let controlsLocation: SourceLocation

    public init(system: InfoSystem, organization: Organization, facts: Facts, standing: SystemStanding, asOf: Day,
                artefacts: SystemArtefacts) {
        self.system = system
        self.organization = organization
        self.facts = facts
        self.standing = standing
        self.asOf = asOf
        self.artefacts = artefacts
        controlsLocation = system.location(of: "controls")
    }
}

/// A kind of check (SPEC.md "Rules"): a small value built from a rule's `check:` mapping.
///
/// A check never throws for a failing system: a failure is an outcome. Throwing is only for
/// a malformed `check:` mapping at load time.
public protocol CheckKind: Sendable {
    /// The `kind:` name in YAML.
    static var name: String { get }
    /// One line for `tuanthu rules` and the catalog documentation.
    static var summary: String { get }
    /// Whether it reads files (certificates, documents), which rule examples cannot provide.
    static var readsArtefacts: Bool { get }
    /// Reads the parameters; `ruleId` is the default control id for control checks.
    init(parameters: MappingReader, ruleId: String) throws
    func evaluate(_ context: CheckContext) -> CheckOutcome
    /// The status `evaluate` would give, for callers that need nothing else (the level ladder
    /// checks every rule of the next level for every system). Must agree with `evaluate`.
    func status(_ context: CheckContext) -> CheckStatus
    /// The weight of a failure of this check (`LegalWeight.requirement` unless stated).
    var legalWeight: LegalWeight { get }
}

extension CheckKind {
    public static var readsArtefacts: Bool { false }

    public var legalWeight: LegalWeight { .requirement }

    public func status(_ context: CheckContext) -> CheckStatus { evaluate(context).status }
}

/// The one list of check kinds; a rule naming any other kind is an error.
public enum CheckRegistry {
    public static let kinds: [any CheckKind.Type] = [
        ControlStatusCheck.self,
        PredicateCheck.self,
        FreshnessCheck.self,
        LevelDeclaredCheck.self,
        LevelSufficientCheck.self,
        ApprovalRecordedCheck.self,
        ApprovalAuthorityCheck.self,
        ApprovalCurrentCheck.self,
        SuccessionCheck.self,
        ProcedureTimeCheck.self,
        AssessmentCycleCheck.self,
        CertificateRuleCheck.self,
        DocumentSignatureCheck.self,
        ApprovalSignatureCheck.self,
        PrivateKeyCheck.self,
    ]

    public static func kind(named name: String) -> (any CheckKind.Type)? {
        kinds.first { $0.name == name }
    }
}
