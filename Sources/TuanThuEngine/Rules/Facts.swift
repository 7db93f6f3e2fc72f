/// A value a predicate can read from a system.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case text(String)
    case list([String])
    case day(Day)
    case missing

    public var description: String {
        switch self {
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .text(let value): return value
        case .list(let values): return "[" + values.joined(separator: ", ") + "]"
        case .day(let value): return value.description
        case .missing: return "—"
        }
    }
}

/// The type of a field, which decides the operators and operands a rule may use with it.
public enum FactType: Sendable {
    case bool
    case int
    case day
    case text(allowed: [String]?)
    case list(allowed: [String])
}

/// The fields that predicates (`field:`) may read: a closed list, so that a misspelt field in
/// a rule pack is an error at load time, not a rule that silently never fires.
public enum FactCatalog {
    public static let fields: [String: FactType] = {
        var fields: [String: FactType] = [
            "id": .text(allowed: nil),
            "owner": .text(allowed: nil),
            "operator": .text(allowed: nil),
            "operator.security-unit": .bool,
            "type": .text(allowed: SystemType.allCases.map(\.rawValue)),
            "information": .list(allowed: InformationType.allCases.map(\.rawValue)),
            "in-service": .day,
            "changed": .day,
            "construction-started": .day,
            "level.proposed": .int,
            "level.approved": .int,
            "level.required": .int,
            "level.effective": .int,
            "approval.present": .bool,
            "approval.date": .day,
            "approval.regime": .text(allowed: nil),
            "approval.approver": .text(allowed: Approver.allCases.map(\.rawValue)),
            "approval.appraiser": .text(allowed: Appraiser.allCases.map(\.rawValue)),
            "approval.document": .bool,
            "assessments.count": .int,
            "assessments.last.date": .day,
            "assessments.last.licensed": .bool,
            "certificates.count": .int,
            "documents.count": .int,
            "regime": .text(allowed: nil),
            "regime.in-force": .text(allowed: nil),
        ]
        let classification: [String: FactType] = [
            "administrative-procedures": .bool,
            "online-public-service": .text(allowed: OnlineServiceLevel.allCases.map(\.rawValue)),
            "conditional-business": .bool,
            "personal-data-subjects": .int,
            "sensitive-data-subjects": .int,
            "served-scope": .text(allowed: ServedScope.allCases.map(\.rawValue)),
            "always-on": .bool,
            "state-secret-harm": .text(allowed: StateSecretHarm.allCases.map(\.rawValue)),
            "industrial-works-grade": .text(allowed: WorksGrade.allCases.map(\.rawValue)),
            "national-central-data": .bool,
            "international-interconnection": .bool,
            "prime-minister-designated": .bool,
            "military": .bool,
            "cipher": .bool,
            "public-security": .bool,
            "national-security-critical": .bool,
            "national-security-works": .bool,
            "prime-minister-level": .int,
            "risk-assessed-level": .int,
            "email": .bool,
            "wireless": .bool,
            "rented-hosting": .bool,
            "internal-software": .bool,
            "infrastructure": .list(allowed: InfrastructureKind.allCases.map(\.rawValue)),
        ]
        for (key, type) in classification { fields["classification.\(key)"] = type }
        return fields
    }()
}

/// The facts of one system as the rules see them, including what the audit derived
/// (required and effective level, the regime in force).
///
/// They are a table in the order of `Facts.fields`: predicates find their field's place once,
/// when the rule is loaded (`Facts.position(of:)`), and the audit of each system then reads by
/// place instead of hashing field names for every condition of every rule.
public struct Facts: Sendable {
    /// Every field of `FactCatalog.fields`, in the order `init` writes them.
    public static let fields: [String] = [
        "id", "owner", "operator", "operator.security-unit", "type", "information", "in-service", "changed",
        "level.proposed", "level.approved", "level.required", "level.effective",
        "approval.present", "approval.date", "approval.regime", "approval.approver", "approval.appraiser",
        "approval.document", "assessments.count", "assessments.last.date", "assessments.last.licensed",
        "certificates.count", "documents.count", "regime", "regime.in-force",
        "classification.administrative-procedures", "classification.online-public-service",
        "classification.conditional-business", "classification.personal-data-subjects",
        "classification.sensitive-data-subjects", "classification.served-scope", "classification.always-on",
        "classification.state-secret-harm", "classification.industrial-works-grade",
        "classification.national-central-data", "classification.international-interconnection",
        "classification.prime-minister-designated", "classification.military", "classification.cipher",
        "classification.public-security", "classification.national-security-critical",
        "classification.national-security-works", "classification.prime-minister-level",
        "classification.risk-assessed-level", "construction-started", "classification.email",
        "classification.wireless", "classification.rented-hosting", "classification.internal-software",
        "classification.infrastructure",
    ]

    private static let positions = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1, $0) })

    /// The place of `field` in every table, nil for a field tuanthu does not know.
    public static func position(of field: String) -> Int? { positions[field] }

    private let table: [FactValue]

    public subscript(field: String) -> FactValue { Self.position(of: field).map { table[$0] } ?? .missing }

    /// The value at a place found by `position(of:)`.
    public subscript(position: Int) -> FactValue { table[position] }

    /// Every fact by field name.
    public var values: [String: FactValue] {
        Dictionary(uniqueKeysWithValues: zip(Self.fields, table))
    }

    /// The system's own facts; the level and regime ones are missing until `with(...)` sets them.
    public init(system: InfoSystem, organization: Organization) {
        let c = system.classification
        let last = system.assessments.max { $0.date < $1.date }
        func optionalInt(_ value: Int?) -> FactValue { value.map(FactValue.int) ?? .missing }
        let approval = system.approval
        // In the order of `Facts.fields`.
        table = [
            .text(system.id),
            .text(system.owner),
            .text(system.operatorUnit),
            .bool(organization.unit(system.operatorUnit)?.securityUnit ?? false),
            .text(system.type.rawValue),
            .list(system.information.map(\.rawValue)),
            .day(system.inService),
            system.changed.map(FactValue.day) ?? .missing,
            optionalInt(system.proposedLevel),
            optionalInt(system.approvedLevel),
            .missing,
            .missing,
            .bool(approval != nil),
            approval.map { .day($0.date) } ?? .missing,
            approval.map { .text($0.regime) } ?? .missing,
            approval.map { .text($0.approver.rawValue) } ?? .missing,
            approval?.appraiser.map { .text($0.rawValue) } ?? .missing,
            .bool(approval?.document != nil),
            .int(system.assessments.count),
            last.map { .day($0.date) } ?? .missing,
            last.map { .bool($0.licensed) } ?? .missing,
            .int(system.certificates.count),
            .int(system.documents.count),
            .missing,
            .missing,
            .bool(c.administrativeProcedures),
            .text(c.onlinePublicService.rawValue),
            .bool(c.conditionalBusiness),
            .int(c.personalDataSubjects),
            .int(c.sensitiveDataSubjects),
            .text(c.servedScope.rawValue),
            .bool(c.alwaysOn),
            .text(c.stateSecretHarm.rawValue),
            .text(c.industrialWorksGrade.rawValue),
            .bool(c.nationalCentralData),
            .bool(c.internationalInterconnection),
            .bool(c.primeMinisterDesignated),
            .bool(c.military),
            .bool(c.cipher),
            .bool(c.publicSecurity),
            .bool(c.nationalSecurityCritical),
            .bool(c.nationalSecurityWorks),
            .int(c.primeMinisterLevel),
            .int(c.riskAssessedLevel),
            system.constructionStarted.map(FactValue.day) ?? .missing,
            .bool(c.email),
            .bool(c.wireless),
            .bool(c.rentedHosting),
            .bool(c.internalSoftware),
            .list(c.infrastructure.map(\.rawValue)),
        ]
    }

    private init(table: [FactValue]) { self.table = table }

    /// These facts with what the audit derived for the system added (see `init`).
    public func with(requiredLevel: Int?, effectiveLevel: Int?, regime: String?, regimeInForce: String?) -> Facts {
        var table = self.table
        table[Self.derived.required] = requiredLevel.map(FactValue.int) ?? .missing
        table[Self.derived.effective] = effectiveLevel.map(FactValue.int) ?? .missing
        table[Self.derived.regime] = regime.map(FactValue.text) ?? .missing
        table[Self.derived.regimeInForce] = regimeInForce.map(FactValue.text) ?? .missing
        return Facts(table: table)
    }

    /// The places of the facts `with(...)` sets (all four are in `fields`: a test holds it).
    private static let derived = (required: positions["level.required"] ?? 0,
                                  effective: positions["level.effective"] ?? 0,
                                  regime: positions["regime"] ?? 0,
                                  regimeInForce: positions["regime.in-force"] ?? 0)
}
