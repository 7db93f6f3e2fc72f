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
        // The folders are walked for keys on one core while the certificates are read on all.
        let scanner = StrayKeyScanner(workspace: workspace)
        let listing = Background { Trace.step("list the workspace's files (beside)") { scanner.list(inventories) } }
        let anchors = try loadAnchors()
        // Each distinct certificate file is read and parsed once, on every core; its bytes are
        // also searched for a private key, so the key scan need not read it again. Files are
        // numbered in the order the inventories first list them (an error is reported for the
        // first listed), and found by path once per reference.
        var fileIndex: [String: Int] = [:]
        var paths: [String] = []
        var locations: [SourceLocation] = []
        var crlFiles: [DocumentRef] = []
        fileIndex.reserveCapacity(inventories.reduce(0) { $0 + $1.systems.reduce(0) { $0 + $1.certificates.count } })
        for inventory in inventories {
            for system in inventory.systems {
                for reference in system.certificates {
                    let next = paths.count
                    guard fileIndex[reference.file, default: next] == next else { continue }
                    fileIndex[reference.file] = next
                    paths.append(reference.file)
                    locations.append(reference.location)
                }
                crlFiles += system.crls
            }
        }
        let cache = CertificateCache()
        let files = try Parallel.map(Array(paths.indices)) { index in
            try certificates(paths[index], at: locations[index], cache: cache)
        }
        var keysInCertificateFiles: [String: PrivateKeyDetector.Found] = [:]
        for index in files.indices {
            if let key = files[index].privateKey { keysInCertificateFiles[paths[index]] = key }
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
        // Every CA certificate met, once, from the files in path order: a chain file per signer
        // repeats the same issuing CA, and OpenSSL searches the untrusted list linearly for every
        // validation. A waiting first certificate is no CA, so the order is the one all
        // certificates parsed would give; files holding only a waiting leaf add nothing.
        var fingerprints: Set<String> = []
        let holders = files.indices.filter { !files[$0].parsedCertificates.isEmpty }.sorted { paths[$0] < paths[$1] }
        let authorities = holders.flatMap { files[$0].parsedCertificates }.filter { $0.info.isCA }
        let intermediates = (authorities + holders.flatMap { files[$0].afterFirst })
            .filter { fingerprints.insert($0.info.fingerprint).inserted }
        // Revocation is checked against the CRLs a system lists itself, never another's: one set of
        // checkers per distinct list of CRLs (there are few).
        var crlSets: Set<[String]> = [[]]
        for inventory in inventories {
            for system in inventory.systems where !system.crls.isEmpty { crlSets.insert(Self.crlKey(system)) }
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
        var context = ArtefactContext(fileIndex: fileIndex, files: files, checkers: checkers, strayKeys: [:], time: time)
        // A key is matched with the certificate carrying its public key; an unreadable waiting
        // certificate matches none here, and is reported when its system is checked.
        context.strayKeys = try Trace.step("scan the workspace for keys") { [context] in
            try scanner.scan(listing.value(), alreadyRead: fileIndex.keys, keys: keysInCertificateFiles) { path in
                try? context.certificate(path)
            }
        }
        return context
    }


    /// The CRLs a system lists, as a key.
    static func crlKey(_ system: InfoSystem) -> [String] {
        system.crls.isEmpty ? [] : Array(Set(system.crls.map(\.path))).sorted()
    }

    private func certificates(_ path: String, at location: SourceLocation, cache: CertificateCache) throws
        -> CertificateFileEntry {
        do {
            let bytes = try Trace.step("read certificate files") {
                try FileBytes.read(atPath: workspace.filePath(path), path: path, limit: 10 * 1024 * 1024)
            }
            let certificates = try Trace.step("parse certificates") { try cache.read(bytes, path: path) }
            let key = Trace.step("look for keys in them") { PrivateKeyDetector.inspect(bytes, fileName: path) }
            return CertificateFileEntry(certificates: certificates, at: location, digest: FileDigest(of: bytes),
                                        privateKey: key)
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

/// One certificate file as read: its certificates (the first perhaps left to parse), where the
/// inventories first list it, its digest, and a private key found in its bytes.
struct CertificateFileEntry {
    let certificates: CertificateFile
    /// An error in a waiting first certificate is reported here.
    let at: SourceLocation
    let digest: FileDigest
    let privateKey: PrivateKeyDetector.Found?

    /// The certificates parsed already: all of them, or those after a waiting first one.
    var parsedCertificates: [Certificate] {
        switch certificates {
        case .parsed(let all): return all
        case .pending(_, let rest): return rest
        }
    }

    /// The certificates after the first.
    var afterFirst: [Certificate] {
        switch certificates {
        case .parsed(let all): return Array(all.dropFirst())
        case .pending(_, let rest): return rest
        }
    }

    /// The first certificate, parsed now if it was left waiting.
    func first() throws -> Certificate? {
        switch certificates {
        case .parsed(let all): return all.first
        case .pending(let waiting, _): return try ArtefactContext.parse(waiting, at: at)
        }
    }
}

/// Parsed certificates, checkers and found keys, shared by the checks of every organisation.
public struct ArtefactContext: @unchecked Sendable {
    /// Each certificate file's place in `files`, by workspace path.
    let fileIndex: [String: Int]
    let files: [CertificateFileEntry]
    let checkers: [[String]: CheckerSet]
    var strayKeys: [String: [StrayKey]]
    let time: Timestamp

    /// The first certificate of a file, parsed now if it was left waiting.
    func certificate(_ path: String) throws -> Certificate? {
        guard let index = fileIndex[path] else { return nil }
        return try files[index].first()
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
                guard let index = fileIndex[reference.file] else { continue }
                artefacts.digests[reference.file] = files[index].digest
                guard let checker = set.certificates[reference.purpose],
                      let certificate = try files[index].first() else { continue }
                artefacts.certificates.append(CertificateOutcome(reference: reference,
                                                                 report: checker.check(certificate, at: time)))
            }
            artefacts.documents = system.documents.flatMap { set.documents.check($0) }
            if let document = system.approval?.document {
                artefacts.approvalDocument = set.documents.check(
                    DocumentRef(path: document, location: system.location(of: "level.approval.document"))).first
            }
            artefacts.strayKeys = strayKeys[system.id] ?? []
            return artefacts
        }
        var result: [String: SystemArtefacts] = [:]
        for (system, artefacts) in zip(systems, perSystem) { result[system.id] = artefacts }
        return result
    }
}
