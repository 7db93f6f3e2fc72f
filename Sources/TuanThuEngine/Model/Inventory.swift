/// One inventory file: an organisation and its information systems.
public struct Inventory: Sendable {
    /// Workspace-relative path of the file.
    public var file: String
    public var organization: Organization
    public var systems: [InfoSystem]
}

public struct Organization: Sendable, Hashable {
    public var id: String
    public var name: String
    public var units: [OrgUnit]
    public var location: SourceLocation

    public func unit(_ id: String) -> OrgUnit? { units.first { $0.id == id } }
}

public struct OrgUnit: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The owner's information-security unit (đơn vị chuyên trách về an toàn thông tin).
    public var securityUnit: Bool
}

/// The facts the level criteria read (SPEC.md `classification`); omitted keys are none / false / 0.
public struct Classification: Sendable, Hashable {
    public var administrativeProcedures = false
    public var onlinePublicService = OnlineServiceLevel.none
    public var conditionalBusiness = false
    public var personalDataSubjects = 0
    public var sensitiveDataSubjects = 0
    public var servedScope = ServedScope.organization
    public var alwaysOn = false
    public var stateSecretHarm = StateSecretHarm.none
    public var industrialWorksGrade = WorksGrade.none
    public var nationalCentralData = false
    public var internationalInterconnection = false
    public var primeMinisterDesignated = false

    public init() {}
}

public struct Approval: Sendable, Hashable {
    public var decision: String
    public var date: Day
    public var regime: String
    public var approver: Approver
    public var appraiser: Appraiser?
    /// Workspace-relative path of the signed decision, when given.
    public var document: String?
}

public struct Assessment: Sendable, Hashable {
    public var date: Day
    public var by: String
    public var licensed: Bool
    public var location: SourceLocation
}

public struct ControlEntry: Sendable, Hashable {
    public var status: ControlStatus
    public var evidence: String?
    public var note: String?
    public var location: SourceLocation
}

public struct CertificateRef: Sendable, Hashable {
    public var file: String
    public var purpose: CertificatePurpose
    public var holder: String?
    public var location: SourceLocation
}

public struct DocumentRef: Sendable, Hashable {
    public var path: String
    public var location: SourceLocation
}

/// An information system (hệ thống thông tin) as the inventory describes it.
public struct InfoSystem: Sendable {
    public var id: String
    public var name: String
    public var owner: String
    public var operatorUnit: String
    public var type: SystemType
    public var information: [InformationType]
    public var classification: Classification
    public var inService: Day
    public var changed: Day?
    public var proposedLevel: Int?
    public var approval: Approval?
    public var assessments: [Assessment]
    public var controls: [String: ControlEntry]
    public var certificates: [CertificateRef]
    /// CRLs to check the certificates' revocation against.
    public var crls: [DocumentRef]
    public var documents: [DocumentRef]
    /// Where the system's entry starts.
    public var location: SourceLocation
    /// Where each field was written, keyed by its dotted path (`level.approval.date`).
    public var fieldLocations: [String: SourceLocation]

    /// The approved level: the proposed level, once an approval decision is recorded.
    public var approvedLevel: Int? { approval == nil ? nil : proposedLevel }

    /// The most precise location known for a field path, falling back to its parents, then the system.
    public func location(of path: String) -> SourceLocation {
        var key = path
        while true {
            if let found = fieldLocations[key] { return found }
            guard let dot = key.lastIndex(of: ".") else { return location }
            key = String(key[..<dot])
        }
    }
}
