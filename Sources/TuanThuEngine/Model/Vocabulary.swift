import TuanThuPKI

/// The closed vocabularies of the inventory (SPEC.md "Inventory", DOMAIN.md §1).

public enum SystemType: String, CaseIterable, Sendable, Codable {
    case `internal`
    case citizenService = "citizen-service"
    case infrastructure
    case industrialControl = "industrial-control"
    case other
}

public enum InformationType: String, CaseIterable, Sendable, Codable {
    case `public`
    case `private`
    case personal
    case stateSecret = "state-secret"
}

/// Decree 42/2022: an online public service given partly (một phần) or fully (toàn trình) online.
public enum OnlineServiceLevel: String, CaseIterable, Sendable, Codable {
    case none, partial, full
}

/// What an infrastructure system provides (Decree 85 Art. 6(2)(c), Decree 331 Art. 9(2)(c)), as the
/// annexes' design conditions name it.
public enum InfrastructureKind: String, CaseIterable, Sendable, Codable {
    case wan, lan, database
    case dataCentre = "data-centre"
    case cloud
    case eIdentity = "e-identity"
    case certification
    case digitalSignature = "digital-signature"
    case integration, soc
}

public enum ServedScope: String, CaseIterable, Sendable, Codable {
    case organization, sector, province
    case multiProvince = "multi-province"
    case national
}

/// Degree of harm to national defence and security if the system is sabotaged.
public enum StateSecretHarm: String, CaseIterable, Sendable, Codable {
    case none, harm, serious
    case especiallySerious = "especially-serious"
}

/// Grade of the construction works an industrial-control system serves.
public enum WorksGrade: String, CaseIterable, Sendable, Codable {
    case none
    case iv = "IV"
    case iii = "III"
    case ii = "II"
    case i = "I"
    case special
}

public enum Approver: String, CaseIterable, Sendable, Codable {
    case securityUnit = "security-unit"
    case systemOwner = "system-owner"
    case primeMinister = "prime-minister"
}

public enum Appraiser: String, CaseIterable, Sendable, Codable {
    case securityUnit = "security-unit"
    case ministryIC = "ministry-ic"
    case ministryPublicSecurity = "ministry-public-security"
    case ministryDefence = "ministry-defence"
    case governmentCipherCommittee = "government-cipher-committee"
    /// A competent unit under the owner, assigned to appraise when the security unit operates the system.
    case subordinateUnit = "subordinate-unit"
    case independentCouncil = "independent-council"
}

public enum ControlStatus: String, CaseIterable, Sendable, Codable {
    case implemented, partial, planned
    case notImplemented = "not-implemented"
    case notApplicable = "not-applicable"
}

/// What a certificate must be fit for (`--purpose`).
public enum CertificatePurpose: String, CaseIterable, Sendable, Codable {
    case documentSigning = "document-signing"
    case any
}

extension CertificatePurpose {
    /// The profile used when no rules folder provides one.
    public var builtInProfile: CertificateProfile { self == .any ? .any : .documentSigning }
}

extension Approver {
    /// The body's name, for sentences a reader sees (never the raw id).
    public var name: Localized {
        switch self {
        case .securityUnit: return Localized(vi: "đơn vị chuyên trách", en: "the security unit")
        case .systemOwner: return Localized(vi: "chủ quản hệ thống", en: "the system owner")
        case .primeMinister: return Localized(vi: "Thủ tướng Chính phủ", en: "the Prime Minister")
        }
    }
}

extension Appraiser {
    /// The body's name, for sentences a reader sees (never the raw id).
    public var name: Localized {
        switch self {
        case .securityUnit: return Localized(vi: "đơn vị chuyên trách", en: "the security unit")
        case .ministryIC: return Localized(vi: "Bộ Thông tin và Truyền thông", en: "the Ministry of Information and Communications")
        case .ministryPublicSecurity: return Localized(vi: "Bộ Công an", en: "the Ministry of Public Security")
        case .ministryDefence: return Localized(vi: "Bộ Quốc phòng", en: "the Ministry of Defence")
        case .governmentCipherCommittee: return Localized(vi: "Ban Cơ yếu Chính phủ", en: "the Government Cipher Committee")
        case .subordinateUnit: return Localized(vi: "đơn vị trực thuộc được chủ quản giao", en: "a subordinate unit the owner assigned")
        case .independentCouncil: return Localized(vi: "Hội đồng thẩm định độc lập", en: "an independent appraisal council")
        }
    }
}

/// What kind of body a system's owner (chủ quản hệ thống thông tin) is, in the words of Decree 331
/// Art. 4 and Circular 12 Art. 4.
public enum OwnerKind: String, CaseIterable, Sendable, Codable {
    /// Bộ, cơ quan ngang bộ (Decree 331 Art. 4(1)(a)).
    case ministry
    /// Cơ quan thuộc Chính phủ (Circular 12 Art. 4(1)).
    case governmentAgency = "government-agency"
    /// Ủy ban nhân dân cấp tỉnh (Decree 331 Art. 4(1)(b)).
    case provincialPeopleCommittee = "provincial-people-committee"
    /// The body competent to decide the investment in the system (Art. 4(1)(c), 4(2)).
    case investmentDecider = "investment-decider"
    /// A subordinate body the owner delegated its duties to in writing (Art. 4(3)).
    case delegated
    /// A business or other organisation (Art. 4(2)).
    case enterprise
}
