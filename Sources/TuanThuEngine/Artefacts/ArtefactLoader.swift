import Foundation
import TuanThuPKI

/// Reads and checks every artefact the inventories point to, once, before the pure audit runs:
/// certificates against the trust anchors of `Rules/trust/`, signed documents, approval decisions,
/// and the inventory tree searched for private keys.
public struct ArtefactLoader {
    public let workspace: Workspace
    public let catalog: RuleCatalog
    public let time: Timestamp

    public init(workspace: Workspace, catalog: RuleCatalog, asOf: Day) {
        self.workspace = workspace
        self.catalog = catalog
        self.time = Timestamp(seconds: Int64(asOf.ordinal) * 86_400)
    }

    /// Reads every certificate file and CRL once and scans for private keys; the checks of each
    /// system's artefacts then run organisation by organisation (`ArtefactContext.artefacts(for:)`).
    public func prepare(_ inventories: [Inventory]) throws -> ArtefactContext {
        let anchors = try loadAnchors()
        // Each distinct certificate file is read and parsed once, on every core; its bytes are
        // also searched for a private key, so the key scan need not read it again.
        var firstUse: [String: SourceLocation] = [:]
        var crlFiles: [DocumentRef] = []
        for inventory in inventories {
            for system in inventory.systems {
                for reference in system.certificates where firstUse[reference.file] == nil {
                    firstUse[reference.file] = reference.location
                }
                crlFiles += system.crls
            }
        }
        let certificateFiles = firstUse.keys.sorted()
        let cache = CertificateCache()
        let loaded = try Parallel.map(certificateFiles) { path in
            try certificates(path, at: firstUse[path] ?? SourceLocation(file: path, line: 1, column: 1), cache: cache)
        }
        var parsed: [String: [Certificate]] = [:]
        var pending: [String: (certificate: PendingCertificate, at: SourceLocation)] = [:]
        /// The certificates after a pending first one.
        var later: [String: [Certificate]] = [:]
        var keysInCertificateFiles: [String: PrivateKeyDetector.Found] = [:]
        var digests: [String: FileDigest] = [:]
        for (path, file) in zip(certificateFiles, loaded) {
            digests[path] = file.digest
            switch file.certificates {
            case .parsed(let certificates): parsed[path] = certificates
            case .pending(let certificate, let rest):
                pending[path] = (certificate, firstUse[path] ?? SourceLocation(file: path, line: 1, column: 1))
                later[path] = rest
            }
            if let key = file.privateKey { keysInCertificateFiles[path] = key }
        }
        var crlsByPath: [String: [RevocationList]] = [:]
        for crl in crlFiles where crlsByPath[crl.path] == nil {
            do {
                let file = URL(fileURLWithPath: workspace.filePath(crl.path))
                crlsByPath[crl.path] = try RevocationList.load(contentsOf: file, path: crl.path)
            } catch let error as PKIError {
                throw EngineError.input(crl.location, "\(error)")
            }
        }
        // Every CA certificate met, once: a chain file per signer repeats the same issuing CA, and
        // OpenSSL searches the untrusted list linearly for every validation. A pending first
        // certificate is no CA, so the order is the one all certificates parsed would give.
        var fingerprints: Set<String> = []
        func parsedOf(_ path: String) -> [Certificate] { parsed[path] ?? later[path] ?? [] }
        func afterFirst(_ path: String) -> [Certificate] {
            if let all = parsed[path] { return Array(all.dropFirst()) }
            return later[path] ?? []
        }
        let authorities: [Certificate] = certificateFiles.flatMap(parsedOf).filter { $0.info.isCA }
        let intermediates = (authorities + certificateFiles.flatMap(afterFirst))
            .filter { fingerprints.insert($0.info.fingerprint).inserted }
        // Revocation is checked against the CRLs a system lists itself, never another's: one set of
        // checkers per distinct list of CRLs (there are few).
        var crlSets: Set<[String]> = [[]]
        for inventory in inventories {
            for system in inventory.systems { crlSets.insert(Self.crlKey(system)) }
        }
        var checkers: [[String]: CheckerSet] = [:]
        let rules = PKIRuleIDs(catalog)
        for key in crlSets {
            let trust = TrustMaterial(anchors: anchors, intermediates: intermediates,
                                      crls: key.flatMap { crlsByPath[$0] ?? [] })
            let signing = CertificateChecker(trust: trust, profile: catalog.certificateProfile(for: .documentSigning),
                                             rules: rules.certificate)
            let any = CertificateChecker(trust: trust, profile: catalog.certificateProfile(for: .any),
                                         rules: rules.certificate)
            checkers[key] = CheckerSet(certificates: [.documentSigning: signing, .any: any],
                                       documents: DocumentChecker(workspace: workspace,
                                                                  verifier: SignatureVerifier(checker: signing), time: time))
        }
        var context = ArtefactContext(parsed: parsed, pending: pending, checkers: checkers, strayKeys: [:],
                                      digests: digests, time: time)
        // A key is matched with the certificate carrying its public key; an unreadable waiting
        // certificate matches none here, and is reported when its system is checked.
        context.strayKeys = try Trace.step("scan the workspace for keys") { [context] in
            try StrayKeyScanner(workspace: workspace)
                .scan(inventories, alreadyRead: Set(certificateFiles), keys: keysInCertificateFiles) { path in
                    try? context.certificate(path)
                }
        }
        return context
    }


    /// The CRLs a system lists, as a key.
    static func crlKey(_ system: InfoSystem) -> [String] { Array(Set(system.crls.map(\.path))).sorted() }

    private func certificates(_ path: String, at location: SourceLocation, cache: CertificateCache) throws
        -> (certificates: CertificateFile, privateKey: PrivateKeyDetector.Found?, digest: FileDigest) {
        do {
            let bytes = try Trace.step("read certificate files") {
                try FileBytes.read(atPath: workspace.filePath(path), path: path, limit: 10 * 1024 * 1024)
            }
            let certificates = try Trace.step("parse certificates") { try cache.read(bytes, path: path) }
            return (certificates, Trace.step("look for keys in them") {
                PrivateKeyDetector.inspect(bytes, fileName: path)
            }, FileDigest(of: bytes))
        } catch let error as PKIError {
            throw EngineError.input(location, "\(error)")
        }
    }

    private func loadAnchors() throws -> [Certificate] {
        try catalog.trustAnchors.flatMap { file in
            try PKISession.wrap { try Certificate.load(file.bytes, path: file.display) }
        }
    }
}

/// The checkers for one list of CRLs.
struct CheckerSet {
    let certificates: [CertificatePurpose: CertificateChecker]
    let documents: DocumentChecker
}

/// Parsed certificates, checkers and found keys, shared by the checks of every organisation.
public struct ArtefactContext: @unchecked Sendable {
    let parsed: [String: [Certificate]]
    /// First certificates of files, surely no CA, parsed when a system listing them is checked
    /// (an error in one is reported at the file's first reference).
    let pending: [String: (certificate: PendingCertificate, at: SourceLocation)]
    let checkers: [[String]: CheckerSet]
    var strayKeys: [String: [StrayKey]]
    /// The digest of each certificate file, as read.
    let digests: [String: FileDigest]
    let time: Timestamp

    /// The first certificate of a file, parsed now if it was left pending.
    func certificate(_ path: String) throws -> Certificate? {
        if let pending = pending[path] { return try Self.parse(pending.certificate, at: pending.at) }
        return parsed[path]?.first
    }

    static func parse(_ pending: PendingCertificate, at location: SourceLocation) throws -> Certificate {
        do { return try pending.parse() } catch let error as PKIError {
            throw EngineError.input(location, "\(error)")
        }
    }

    /// Checks the certificates, documents and approval decisions of these systems, on every core.
    public func artefacts(for systems: [InfoSystem]) throws -> [String: SystemArtefacts] {
        let perSystem = try Parallel.map(systems) { system -> SystemArtefacts in
            var artefacts = SystemArtefacts()
            guard let set = checkers[ArtefactLoader.crlKey(system)] ?? checkers[[]] else { return artefacts }
            for reference in system.certificates {
                guard let checker = set.certificates[reference.purpose],
                      let certificate = try self.certificate(reference.file) else { continue }
                artefacts.certificates.append(CertificateOutcome(reference: reference,
                                                                 report: checker.check(certificate, at: time)))
            }
            artefacts.documents = system.documents.flatMap { set.documents.check($0) }
            if let document = system.approval?.document {
                artefacts.approvalDocument = set.documents.check(
                    DocumentRef(path: document, location: system.location(of: "level.approval.document"))).first
            }
            artefacts.strayKeys = strayKeys[system.id] ?? []
            for reference in system.certificates {
                if let digest = digests[reference.file] { artefacts.digests[reference.file] = digest }
            }
            return artefacts
        }
        var result: [String: SystemArtefacts] = [:]
        for (system, artefacts) in zip(systems, perSystem) { result[system.id] = artefacts }
        return result
    }
}
