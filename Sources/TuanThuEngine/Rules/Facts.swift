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
        ]
        for (key, type) in classification { fields["classification.\(key)"] = type }
        return fields
    }()
}

/// The facts of one system as the rules see them, including what the audit derived
/// (required and effective level, the regime in force).
public struct Facts: Sendable {
    public let values: [String: FactValue]

    public subscript(field: String) -> FactValue { values[field] ?? .missing }

    /// The system's own facts; the level and regime ones are missing until `with(...)` sets them.
    public init(system: InfoSystem, organization: Organization) {
        let c = system.classification
        let last = system.assessments.max { $0.date < $1.date }
        func optionalInt(_ value: Int?) -> FactValue { value.map(FactValue.int) ?? .missing }
        var values: [String: FactValue] = [
            "id": .text(system.id),
            "owner": .text(system.owner),
            "operator": .text(system.operatorUnit),
            "operator.security-unit": .bool(organization.unit(system.operatorUnit)?.securityUnit ?? false),
            "type": .text(system.type.rawValue),
            "information": .list(system.information.map(\.rawValue)),
            "in-service": .day(system.inService),
            "changed": system.changed.map(FactValue.day) ?? .missing,
            "level.proposed": optionalInt(system.proposedLevel),
            "level.approved": optionalInt(system.approvedLevel),
            "level.required": .missing,
            "level.effective": .missing,
            "approval.present": .bool(system.approval != nil),
            "approval.date": system.approval.map { .day($0.date) } ?? .missing,
            "approval.regime": system.approval.map { .text($0.regime) } ?? .missing,
            "approval.approver": system.approval.map { .text($0.approver.rawValue) } ?? .missing,
            "approval.appraiser": system.approval?.appraiser.map { .text($0.rawValue) } ?? .missing,
            "approval.document": .bool(system.approval?.document != nil),
            "assessments.count": .int(system.assessments.count),
            "assessments.last.date": last.map { .day($0.date) } ?? .missing,
            "assessments.last.licensed": last.map { .bool($0.licensed) } ?? .missing,
            "certificates.count": .int(system.certificates.count),
            "documents.count": .int(system.documents.count),
            "regime": .missing,
            "regime.in-force": .missing,
        ]
        values["classification.administrative-procedures"] = .bool(c.administrativeProcedures)
        values["classification.online-public-service"] = .text(c.onlinePublicService.rawValue)
        values["classification.conditional-business"] = .bool(c.conditionalBusiness)
        values["classification.personal-data-subjects"] = .int(c.personalDataSubjects)
        values["classification.sensitive-data-subjects"] = .int(c.sensitiveDataSubjects)
        values["classification.served-scope"] = .text(c.servedScope.rawValue)
        values["classification.always-on"] = .bool(c.alwaysOn)
        values["classification.state-secret-harm"] = .text(c.stateSecretHarm.rawValue)
        values["classification.industrial-works-grade"] = .text(c.industrialWorksGrade.rawValue)
        values["classification.national-central-data"] = .bool(c.nationalCentralData)
        values["classification.international-interconnection"] = .bool(c.internationalInterconnection)
        values["classification.prime-minister-designated"] = .bool(c.primeMinisterDesignated)
        self.values = values
    }

    private init(values: [String: FactValue]) { self.values = values }

    /// These facts with what the audit derived for the system added (see `init`).
    public func with(requiredLevel: Int?, effectiveLevel: Int?, regime: String?, regimeInForce: String?) -> Facts {
        var values = self.values
        values["level.required"] = requiredLevel.map(FactValue.int) ?? .missing
        values["level.effective"] = effectiveLevel.map(FactValue.int) ?? .missing
        values["regime"] = regime.map(FactValue.text) ?? .missing
        values["regime.in-force"] = regimeInForce.map(FactValue.text) ?? .missing
        return Facts(values: values)
    }
}
