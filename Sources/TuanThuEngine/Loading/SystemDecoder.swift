import Foundation

/// Decodes one entry of `systems:`. Paths are checked against the workspace when there is one
/// (rule examples have none).
struct SystemDecoder {
    let workspace: Workspace?
    let organization: Organization
    /// The real folder of the inventory file, which paths in it are relative to.
    private let folder: String?

    init(workspace: Workspace?, file: URL?, organization: Organization) {
        self.workspace = workspace
        self.organization = organization
        self.folder = file.map(Workspace.realFolder(of:))
    }

    func decode(_ node: YNode) throws -> InfoSystem {
        let map = try node.mapping("system")
        var locations: [String: SourceLocation] = [:]
        func field(_ key: String, _ path: String? = nil, required: Bool = false) throws -> YNode? {
            let value = required ? try map.required(key) : map.optional(key)
            if let value {
                // A list or mapping is best pointed at by its key; a scalar by its value.
                let isScalar = value.scalarText != nil
                locations[path ?? key] = isScalar ? value.location : (map.keyLocation(key) ?? value.location)
            }
            return value
        }
        // Each field on its own: a mistake in one does not hide those in the others (`validate`
        // reports them all); the system is only built when there is none.
        var errors: [EngineError] = []
        func attempt<T>(_ fallback: T, _ body: () throws -> T) -> T {
            do { return try body() } catch { errors += EngineErrors(of: error).errors; return fallback }
        }
        let id = attempt("") { try field("id", required: true)!.identifier("system id") }
        let name = attempt("") { try field("name", required: true)!.string("system name") }
        let owner = attempt("") { () throws -> String in
            let ownerNode = try field("owner", required: true)!
            let owner = try ownerNode.identifier("owner")
            // An owner other than the organisation must be declared: reports name it, and its
            // kind decides who answers for the system (Decree 331 Art. 4).
            if owner != organization.id, organization.owner(owner) == nil {
                let known = [organization.id] + organization.owners.map(\.id)
                throw ownerNode.error("owner '\(owner)' is neither organization '\(organization.id)' nor a body declared "
                                      + "under organization.owners (add { id: \(owner), name: \"…\", kind: "
                                      + "provincial-people-committee } or another kind)"
                                      + Suggestion.hint(for: owner, in: known))
            }
            return owner
        }
        let operatorUnit = attempt("") { () throws -> String in
            let operatorNode = try field("operator", required: true)!
            let operatorUnit = try operatorNode.identifier("operator")
            if organization.unit(operatorUnit) == nil, operatorUnit != organization.id {
                let unitIds = organization.units.map(\.id)
                throw operatorNode.error("operator '\(operatorUnit)' is not a unit of organization '\(organization.id)'"
                                         + Suggestion.hint(for: operatorUnit, in: unitIds))
            }
            return operatorUnit
        }
        let type = attempt(SystemType.allCases[0]) { try field("type", required: true)!.enumValue("system type", as: SystemType.self) }
        var information: [InformationType] = []
        attempt(()) {
            for item in try field("information", required: true)!.listOrSingle("information") {
                let value = try item.enumValue("information type", as: InformationType.self)
                if !information.contains(value) { information.append(value) }
            }
        }
        let classification = attempt(Classification()) {
            try field("classification").map { try decodeClassification($0, &locations) } ?? Classification()
        }
        let inService = attempt(Day(ordinal: 0)) { try field("in-service", required: true)!.day("in-service") }
        let changed = attempt(nil) { try field("changed")?.day("changed") }
        let constructionStarted = attempt(nil) { try field("construction-started")?.day("construction-started") }
        let transfer: Transfer? = attempt(nil) { () throws -> Transfer? in
            guard let node = try field("transferred") else { return nil }
            locations["transferred"] = map.keyLocation("transferred") ?? node.location
            let map = try node.mapping("transferred")
            let fromNode = try map.required("from")
            let from = try fromNode.identifier("transferred from")
            guard organization.predecessor(from) != nil else {
                throw fromNode.error("'\(from)' is not a predecessor of organization '\(organization.id)' (list it under "
                                     + "organization.predecessors)"
                                     + Suggestion.hint(for: from, in: organization.predecessors.map(\.id)))
            }
            let transfer = Transfer(from: from, date: try map.required("date").day("transfer date"),
                                    decision: try map.optional("decision")?.string("decision"),
                                    dossierUpdated: try map.optional("dossier-updated")?.day("dossier-updated"))
            try map.finish()
            return transfer
        }
        var proposed: Int?
        var approval: Approval?
        var dossierState: DossierState?
        var expectedApproval: Day?
        attempt(()) {
            guard let levelNode = try field("level") else { return }
            let level = try levelNode.mapping("level")
            if let value = level.optional("proposed") {
                locations["level.proposed"] = value.location
                proposed = attempt(nil) { try value.int("proposed level", in: 1...5) }
            }
            if let value = level.optional("dossier") {
                locations["level.dossier"] = value.location
                dossierState = attempt(nil) { try value.enumValue("dossier state", as: DossierState.self) }
            }
            if let value = level.optional("expected-approval") {
                locations["level.expected-approval"] = value.location
                expectedApproval = attempt(nil) { try value.day("expected-approval") }
            }
            if let value = level.optional("approval") {
                locations["level.approval"] = level.keyLocation("approval") ?? value.location
                approval = attempt(nil) { try decodeApproval(value, &locations) }
            }
            try level.finish()
            if level.optional("approval") != nil, level.optional("proposed") == nil {
                throw levelNode.error("an approval needs the approved level in 'proposed'")
            }
        }
        let assessments = attempt([]) { try (field("assessments")?.list("assessments") ?? []).map(decodeAssessment) }
        var controls: [String: ControlEntry] = [:]
        if let controlsNode = attempt(nil, { try field("controls") }) {
            controls = decodeControls(controlsNode, errors: &errors)
        }
        let certificates = attempt([]) { try (field("certificates")?.list("certificates") ?? []).map(decodeCertificate) }
        let documents = attempt([]) {
            try (field("documents")?.listOrSingle("documents") ?? []).map { item in
                DocumentRef(path: try path(item, "document"), location: item.location)
            }
        }
        let crls = attempt([]) {
            try (field("crls")?.listOrSingle("crls") ?? []).map { item in
                DocumentRef(path: try path(item, "CRL"), location: item.location)
            }
        }
        let architecture = attempt(nil) { try field("architecture").map(ArchitectureDecoder.decode) }
        let regulation = attempt(nil) { () throws -> Regulation? in
            guard let node = try field("regulation") else { return nil }
            let entry = try node.mapping("regulation")
            let value = Regulation(decision: try entry.required("decision").string("regulation decision"),
                                   date: try entry.required("date").day("regulation date"),
                                   issuer: try entry.optional("issuer")?.string("issuer"))
            try entry.finish()
            return value
        }
        attempt(()) { try map.finish() }
        try EngineErrors.check(errors)
        return InfoSystem(id: id, name: name, owner: owner, operatorUnit: operatorUnit, type: type,
                          information: information, classification: classification, inService: inService,
                          changed: changed, proposedLevel: proposed, approval: approval, assessments: assessments,
                          controls: controls, certificates: certificates, crls: crls, documents: documents,
                          location: node.location, fieldLocations: locations,
                          constructionStarted: constructionStarted, transfer: transfer,
                          architecture: architecture, regulation: regulation, dossierState: dossierState,
                          expectedApproval: expectedApproval)
    }

    private func decodeClassification(_ node: YNode, _ locations: inout [String: SourceLocation]) throws
        -> Classification {
        let map = try node.mapping("classification")
        var result = Classification()
        func value(_ key: String) -> YNode? {
            let found = map.optional(key)
            if let found { locations["classification.\(key)"] = found.location }
            return found
        }
        let big = 0...2_000_000_000
        if let v = value("administrative-procedures") { result.administrativeProcedures = try v.bool("administrative-procedures") }
        if let v = value("online-public-service") {
            result.onlinePublicService = try v.enumValue("online-public-service", as: OnlineServiceLevel.self)
        }
        if let v = value("conditional-business") { result.conditionalBusiness = try v.bool("conditional-business") }
        if let v = value("personal-data-subjects") { result.personalDataSubjects = try v.int("personal-data-subjects", in: big) }
        if let v = value("sensitive-data-subjects") {
            result.sensitiveDataSubjects = try v.int("sensitive-data-subjects", in: big)
        }
        if let v = value("served-scope") { result.servedScope = try v.enumValue("served-scope", as: ServedScope.self) }
        if let v = value("always-on") { result.alwaysOn = try v.bool("always-on") }
        if let v = value("state-secret-harm") {
            result.stateSecretHarm = try v.enumValue("state-secret-harm", as: StateSecretHarm.self)
        }
        if let v = value("industrial-works-grade") {
            result.industrialWorksGrade = try v.enumValue("industrial-works-grade", as: WorksGrade.self)
        }
        if let v = value("national-central-data") { result.nationalCentralData = try v.bool("national-central-data") }
        if let v = value("international-interconnection") {
            result.internationalInterconnection = try v.bool("international-interconnection")
        }
        if let v = value("prime-minister-designated") {
            result.primeMinisterDesignated = try v.bool("prime-minister-designated")
        }
        if let v = value("military") { result.military = try v.bool("military") }
        if let v = value("cipher") { result.cipher = try v.bool("cipher") }
        if let v = value("public-security") { result.publicSecurity = try v.bool("public-security") }
        if let v = value("national-security-critical") {
            result.nationalSecurityCritical = try v.bool("national-security-critical")
        }
        if let v = value("national-security-works") { result.nationalSecurityWorks = try v.bool("national-security-works") }
        if let v = value("prime-minister-level") { result.primeMinisterLevel = try v.int("prime-minister-level", in: 0...5) }
        if let v = value("risk-assessed-level") { result.riskAssessedLevel = try v.int("risk-assessed-level", in: 0...5) }
        if let v = value("email") { result.email = try v.bool("email") }
        if let v = value("wireless") { result.wireless = try v.bool("wireless") }
        if let v = value("rented-hosting") { result.rentedHosting = try v.bool("rented-hosting") }
        if let v = value("internal-software") { result.internalSoftware = try v.bool("internal-software") }
        if let v = value("infrastructure") {
            for item in try v.listOrSingle("infrastructure") {
                let kind = try item.enumValue("infrastructure kind", as: InfrastructureKind.self)
                if !result.infrastructure.contains(kind) { result.infrastructure.append(kind) }
            }
        }
        try map.finish()
        return result
    }

    private func decodeApproval(_ node: YNode, _ locations: inout [String: SourceLocation]) throws -> Approval {
        let map = try node.mapping("approval")
        func value(_ key: String, required: Bool) throws -> YNode? {
            let found = required ? try map.required(key) : map.optional(key)
            if let found { locations["level.approval.\(key)"] = found.location }
            return found
        }
        let decision = try value("decision", required: true)!.string("decision number")
        let date = try value("date", required: true)!.day("approval date")
        let regime = try value("regime", required: true)!.identifier("regime")
        let approver = try value("approver", required: true)!.enumValue("approver", as: Approver.self)
        let appraiser = try value("appraiser", required: false)?.enumValue("appraiser", as: Appraiser.self)
        let document = try value("document", required: false).map { try path($0, "approval document") }
        let submittedNode = try value("submitted", required: false)
        let submitted = try submittedNode?.day("submitted")
        let appraisedNode = try value("appraised", required: false)
        let appraised = try appraisedNode?.day("appraised")
        if let submitted, let appraised, appraised < submitted, let appraisedNode {
            throw appraisedNode.error("the appraisal (\(appraised)) comes before the dossier was received (\(submitted))")
        }
        if let last = appraised ?? submitted, date < last, let node = appraisedNode ?? submittedNode {
            throw node.error("the approval decision (\(date)) comes before this date (\(last))")
        }
        try map.finish()
        return Approval(decision: decision, date: date, regime: regime, approver: approver,
                        appraiser: appraiser, document: document, submitted: submitted, appraised: appraised)
    }

    private func decodeAssessment(_ node: YNode) throws -> Assessment {
        let map = try node.mapping("assessment")
        let result = Assessment(date: try map.required("date").day("assessment date"),
                                by: try map.required("by").string("assessor"),
                                licensed: try map.optional("licensed")?.bool("licensed") ?? false,
                                location: node.location)
        try map.finish()
        return result
    }

    /// A `controls:` mapping (a system's, or the organisation's): each entry on its own, its
    /// errors added to `errors`.
    func decodeControls(_ node: YNode, errors: inout [EngineError]) -> [String: ControlEntry] {
        var controls: [String: ControlEntry] = [:]
        do {
            let controlMap = try node.mapping("controls")
            // Keys are scalars, each once (the reader checked them).
            let entries = controlMap.entries()
            controls.reserveCapacity(entries.count)
            for entry in entries {
                let key = entry.key.scalarText ?? ""
                guard !entry.value.isNull else {
                    errors.append(.input(entry.key.location, "control '\(key)' needs a status"))
                    continue
                }
                // Each entry keeps its own location; none is duplicated in the field locations.
                do { controls[key] = try decodeControl(entry.value, id: key) } catch {
                    errors += EngineErrors(of: error).errors
                }
            }
            try controlMap.finish()
        } catch {
            errors += EngineErrors(of: error).errors
        }
        return controls
    }

    private func decodeControl(_ node: YNode, id: String) throws -> ControlEntry {
        if case .scalar = node.content {
            let status = try node.enumValue("control status", as: ControlStatus.self)
            if status == .notApplicable {
                throw node.error("control '\(id)' is not-applicable: write { status: not-applicable, note: \"why\" }")
            }
            return ControlEntry(status: status, evidence: nil, note: nil, location: node.location)
        }
        let map = try node.mapping("control '\(id)'")
        let statusNode = try map.required("status")
        let status = try statusNode.enumValue("control status", as: ControlStatus.self)
        let evidence = try map.optional("evidence").map { try path($0, "evidence") }
        let note = try map.optional("note")?.string("note")
        try map.finish()
        if status == .notApplicable, note == nil {
            throw statusNode.error("control '\(id)' is not-applicable but has no 'note' saying why")
        }
        return ControlEntry(status: status, evidence: evidence, note: note, location: statusNode.location)
    }

    private func decodeCertificate(_ node: YNode) throws -> CertificateRef {
        let map = try node.mapping("certificate")
        let fileNode = try map.required("file")
        let result = CertificateRef(file: try path(fileNode, "certificate file"),
                                    purpose: try map.optional("purpose")?.enumValue("purpose", as: CertificatePurpose.self) ?? .documentSigning,
                                    holder: try map.optional("holder")?.string("holder"),
                                    location: node.location)
        try map.finish()
        return result
    }

    private func path(_ node: YNode, _ what: String) throws -> String {
        let written = try node.string(what)
        guard let workspace, let folder else { return written }
        return try workspace.resolve(written, inFolder: folder, at: node, what: what)
    }
}
