/// One inventory file: an organisation and its information systems.
public struct Inventory: Sendable {
    /// Workspace-relative path of the file.
    public var file: String
    public var organization: Organization
    public var systems: [InfoSystem]
    /// The digest of the bytes read from `file` (nil: made otherwise than by reading a file).
    public var digest: FileDigest? = nil
}

public struct Organization: Sendable, Hashable {
    public var id: String
    public var name: String
    public var units: [OrgUnit] { didSet { unitPositions = Self.positions(units.map(\.id)) } }
    public var location: SourceLocation
    /// Bodies whose functions passed to this one (the 2025 restructuring of ministries and
    /// provincial departments), with when and by which decision.
    public var predecessors: [Predecessor] = [] { didSet { predecessorPositions = Self.positions(predecessors.map(\.id)) } }
    /// Bodies other than this organisation that own some of its systems (chủ quản), each declared
    /// with its name and kind so that reports can name it.
    public var owners: [OwnerBody] = [] { didSet { ownerPositions = Self.positions(owners.map(\.id)) } }
    /// The status of the organisation's own duties (rules of `scope: organization`), declared once.
    public var controls: [String: ControlEntry] = [:]
    /// Where `controls:` was written, or the organisation's own location.
    public var controlsLocation: SourceLocation?
    public var letterhead = Letterhead()
    public var particulars = Particulars()

    /// Where each id stands in `units`, `owners`, `predecessors`: every system looks its operator
    /// and owner up, so the lookups stay constant-time with 100,000 units (issue 20).
    private var unitPositions: [String: Int] = [:]
    private var ownerPositions: [String: Int] = [:]
    private var predecessorPositions: [String: Int] = [:]

    public init(id: String, name: String, units: [OrgUnit], location: SourceLocation) {
        self.id = id
        self.name = name
        self.units = units
        self.location = location
        unitPositions = Self.positions(units.map(\.id))
    }

    /// The first position of each id.
    private static func positions(_ ids: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() where result[id] == nil { result[id] = index }
        return result
    }

    public func unit(_ id: String) -> OrgUnit? { unitPositions[id].map { units[$0] } }
    public func predecessor(_ id: String) -> Predecessor? { predecessorPositions[id].map { predecessors[$0] } }
    public func owner(_ id: String) -> OwnerBody? { ownerPositions[id].map { owners[$0] } }

    /// The name of a system's owner: this organisation's, or a declared body's.
    public func ownerName(_ id: String) -> String {
        id == self.id ? name : owner(id)?.name ?? id
    }

    /// The organisation's own security unit, when one is declared.
    public var securityUnit: OrgUnit? { units.first(where: \.securityUnit) }
}

/// A body that owns a system this organisation keeps in its inventory (e.g. the provincial People's
/// Committee owning a system the department operates).
public struct OwnerBody: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: OwnerKind
    /// The written delegation, for a `delegated` owner (Decree 331 Art. 4(3)).
    public var delegation: String?
}

/// A body that ceased or merged, whose functions this organisation received.
public struct Predecessor: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The last day it existed as such.
    public var until: Day
    public var decision: String?
}

/// A system that passed to its present owner from another (a predecessor body).
public struct Transfer: Sendable, Hashable {
    public var from: String
    public var date: Day
    public var decision: String?
    /// When the level dossier was brought up to date under the new owner, if it was.
    public var dossierUpdated: Day?
}

public struct OrgUnit: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The owner's information-security unit (đơn vị chuyên trách về an toàn thông tin).
    public var securityUnit: Bool
    public var particulars = Particulars()
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
    /// A military information system (hệ thống thông tin quân sự), or one the Ministry of Defence manages.
    public var military = false
    /// A cipher information system of a body under the Government Cipher Committee.
    public var cipher = false
    /// A system the Ministry of Public Security manages (Decree 85 Art. 12(3)(c)).
    public var publicSecurity = false
    /// On the list of systems critical to national security (Law 116 Art. 9; Decree 331 Art. 16–17).
    public var nationalSecurityCritical = false
    /// Industrial control of works important to national security (Decree 85 Art. 11(4), Decree 331 Art. 15(4)).
    public var nationalSecurityWorks = false
    /// The level the Prime Minister decided for the system (0: none).
    public var primeMinisterLevel = 0
    /// The level a cybersecurity risk assessment under the risk-management framework gives (0: none).
    public var riskAssessedLevel = 0
    /// An e-mail system (the annexes' e-mail security requirement).
    public var email = false
    /// Has a wireless network (the annexes' wireless requirement, "nếu có").
    public var wireless = false
    /// Hosted as a rented IT service in a data centre or cloud (Circular 12 Art. 9(9)–(10)).
    public var rentedHosting = false
    /// Includes internal software built, extended or upgraded for it (Circular 12 Art. 9(8)).
    public var internalSoftware = false
    /// What an infrastructure system provides.
    public var infrastructure: [InfrastructureKind] = []

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
    /// The day the appraising body received the complete dossier (Decree 331 Art. 23(3)).
    public var submitted: Day?
    /// The day of the appraisal opinion, which completes the approval dossier (Art. 24(1)(b)).
    public var appraised: Day?
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
/// An information system as the inventory declares it: immutable once loaded, and shared by
/// reference (its findings, checks, plan and reports all refer to it).
public final class InfoSystem: Sendable {
    public let id: String
    public let name: String
    public let owner: String
    public let operatorUnit: String
    public let type: SystemType
    public let information: [InformationType]
    public let classification: Classification
    public let inService: Day
    public let changed: Day?
    /// When its investment and construction began (Decree 331 Art. 39(1): systems under construction
    /// before 01/07/2026 finish appraisal and approval under Decree 85).
    public let constructionStarted: Day?
    /// How it passed to its present owner, when it did.
    public let transfer: Transfer?
    public let proposedLevel: Int?
    public let approval: Approval?
    public let assessments: [Assessment]
    public let controls: [String: ControlEntry]
    public let certificates: [CertificateRef]
    /// CRLs to check the certificates' revocation against.
    public let crls: [DocumentRef]
    public let documents: [DocumentRef]
    /// What the level dossier describes (`architecture:`), when declared.
    public let architecture: Architecture?
    public let regulation: Regulation?
    /// Where the dossier stands before approval (`level.dossier`), and when approval is expected.
    public let dossierState: DossierState?
    public let expectedApproval: Day?
    /// Where the system's entry starts.
    public let location: SourceLocation
    /// Where each field was written, keyed by its dotted path (`level.approval.date`).
    public let fieldLocations: [String: SourceLocation]

    public init(id: String,
                name: String,
                owner: String,
                operatorUnit: String,
                type: SystemType,
                information: [InformationType],
                classification: Classification,
                inService: Day,
                changed: Day?,
                proposedLevel: Int?,
                approval: Approval?,
                assessments: [Assessment],
                controls: [String: ControlEntry],
                certificates: [CertificateRef],
                crls: [DocumentRef],
                documents: [DocumentRef],
                location: SourceLocation,
                fieldLocations: [String: SourceLocation],
                constructionStarted: Day? = nil,
                transfer: Transfer? = nil,
                architecture: Architecture? = nil,
                regulation: Regulation? = nil,
                dossierState: DossierState? = nil,
                expectedApproval: Day? = nil) {
        self.architecture = architecture
        self.regulation = regulation
        self.dossierState = dossierState
        self.expectedApproval = expectedApproval
        self.id = id
        self.name = name
        self.owner = owner
        self.operatorUnit = operatorUnit
        self.type = type
        self.information = information
        self.classification = classification
        self.inService = inService
        self.changed = changed
        self.constructionStarted = constructionStarted
        self.transfer = transfer
        self.proposedLevel = proposedLevel
        self.approval = approval
        self.assessments = assessments
        self.controls = controls
        self.certificates = certificates
        self.crls = crls
        self.documents = documents
        self.location = location
        self.fieldLocations = fieldLocations
    }

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
