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

    public func load(_ inventories: [Inventory]) throws -> [String: SystemArtefacts] {
        let anchors = try loadAnchors()
        var parsed: [String: [Certificate]] = [:]
        var crls: [RevocationList] = []
        for inventory in inventories {
            for system in inventory.systems {
                for reference in system.certificates where parsed[reference.file] == nil {
                    parsed[reference.file] = try certificates(reference.file, at: reference.location)
                }
                for crl in system.crls {
                    do {
                        crls += try RevocationList.load(contentsOf: url(crl.path), path: crl.path)
                    } catch let error as PKIError {
                        throw EngineError.input(crl.location, "\(error)")
                    }
                }
            }
        }
        let intermediates = parsed.keys.sorted().flatMap { parsed[$0] ?? [] }.filter { $0.info.isCA }
            + parsed.keys.sorted().flatMap { (parsed[$0] ?? []).dropFirst() }
        let trust = TrustMaterial(anchors: anchors, intermediates: intermediates, crls: crls)
        var checkers: [CertificatePurpose: CertificateChecker] = [:]
        for purpose in CertificatePurpose.allCases {
            let profile = catalog.profile(for: purpose)?.profile ?? (purpose == .any ? .any : .documentSigning)
            checkers[purpose] = CertificateChecker(trust: trust, profile: profile)
        }
        let documents = DocumentChecker(workspace: workspace,
                                        verifier: SignatureVerifier(checker: checkers[.documentSigning]!), time: time)
        var result: [String: SystemArtefacts] = [:]
        for inventory in inventories {
            for system in inventory.systems {
                var artefacts = SystemArtefacts()
                for reference in system.certificates {
                    guard let certificate = parsed[reference.file]?.first, let checker = checkers[reference.purpose] else {
                        continue
                    }
                    artefacts.certificates.append(CertificateOutcome(reference: reference,
                                                                     report: checker.check(certificate, at: time)))
                }
                artefacts.documents = system.documents.flatMap { documents.check($0) }
                if let document = system.approval?.document {
                    artefacts.approvalDocument = documents.check(
                        DocumentRef(path: document, location: system.location(of: "level.approval.document"))).first
                }
                result[system.id] = artefacts
            }
        }
        let keys = try StrayKeyScanner(workspace: workspace).scan(inventories, certificates: parsed)
        for (system, found) in keys { result[system, default: SystemArtefacts()].strayKeys = found }
        return result
    }

    private func url(_ path: String) -> URL { workspace.root.appendingPathComponent(path) }

    private func certificates(_ path: String, at location: SourceLocation) throws -> [Certificate] {
        do {
            return try Certificate.load(contentsOf: url(path), path: path)
        } catch let error as PKIError {
            throw EngineError.input(location, "\(error)")
        }
    }

    private func loadAnchors() throws -> [Certificate] {
        guard let folder = catalog.trustFolder else { return [] }
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var anchors: [Certificate] = []
        for file in files.sorted(by: { $0.path < $1.path })
        where ["pem", "crt", "cer", "der"].contains(file.pathExtension.lowercased()) {
            do {
                anchors += try Certificate.load(contentsOf: file, path: workspace.displayPath(file))
            } catch let error as PKIError {
                throw EngineError.unreadable(path: workspace.displayPath(file), reason: "\(error)")
            }
        }
        return anchors
    }
}
