import Foundation
import TuanThuPKI

/// The files an audit of one organisation read, each with its SHA-256: what the JSON report and
/// the history keep, and what `verify-report` compares a workspace with.
public struct InputManifest: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A file of the rules: `tuanthu:Rules/…` for those built into the tool.
        case rules
        /// A file of the workspace's own policies (`Policies/`).
        case policy
        case inventory
        case waivers
        case certificate
        case crl
        /// A signed document listed by a system.
        case document
        /// A system's signed approval decision.
        case approval
        /// A file a control's `evidence` names.
        case evidence
    }

    public struct Entry: Codable, Hashable, Sendable {
        /// Workspace-relative, as reports name files.
        public var path: String
        public var kind: Kind
        public var sha256: String
        public var bytes: Int

        public init(path: String, kind: Kind, sha256: String, bytes: Int) {
            self.path = path
            self.kind = kind
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// Sorted by path, one entry per path.
    public let entries: [Entry]
    /// SHA-256 over every entry's path and digest: two runs that read the same files have the same.
    public let sha256: String

    public init(_ entries: [Entry]) {
        var seen: Set<String> = []
        self.entries = entries.sorted { $0.path < $1.path }.filter { seen.insert($0.path).inserted }
        var text = ""
        for entry in self.entries { text += "\(entry.path)\t\(entry.sha256)\n" }
        sha256 = SHA256.hex(Array(text.utf8))
    }
}

/// The SHA-256 and size of the bytes the audit read from a file, taken as it read them: the
/// manifest then names what was audited, even if the file changed on disk meanwhile, and the
/// file is not read a second time (at 10,000 systems, 20,000 certificate files and the inventories).
public struct FileDigest: Sendable, Hashable {
    public let sha256: String
    public let bytes: Int

    public init(of bytes: [UInt8]) {
        self.sha256 = SHA256.hex(bytes)
        self.bytes = bytes.count
    }
}

/// Makes the manifest of an organisation's audit from what its result says was read.
public struct ManifestBuilder: Sendable {
    public let workspace: Workspace
    /// The rule and policy files, the same for every organisation (`RuleCatalog.inputs`).
    public let rules: [InputManifest.Entry]
    public let waivers: URL?

    public init(workspace: Workspace, catalog: RuleCatalog, waivers: URL?) {
        self.workspace = workspace
        self.rules = catalog.inputs
        self.waivers = waivers
    }

    /// The inventory file, the waivers file and every artefact the audit read (certificates, CRLs,
    /// signed documents, approval decisions) or a control cites as evidence, hashed on every core.
    /// The inventory and the certificate files carry the digest of the bytes the audit read
    /// (`FileDigest`); the others are read here. A file that cannot be read (an evidence path not
    /// yet filled, say) is not listed.
    public func manifest(for organization: OrganizationResult) -> InputManifest {
        var wanted: [(String, InputManifest.Kind)] = [(organization.inventoryFile, .inventory)]
        if let waivers { wanted.append((workspace.displayPath(waivers), .waivers)) }
        var seen: Set<String> = [organization.inventoryFile]
        func add(_ path: String, _ kind: InputManifest.Kind) {
            if seen.insert(path).inserted { wanted.append((path, kind)) }
        }
        for evidence in organization.organization.controls.values.compactMap(\.evidence).sorted() { add(evidence, .evidence) }
        var read: [String: FileDigest] = [:]
        if let digest = organization.inventoryDigest { read[organization.inventoryFile] = digest }
        for result in organization.systems {
            let system = result.system
            read.merge(result.artefacts.digests) { first, _ in first }
            for reference in system.certificates { add(reference.file, .certificate) }
            for reference in system.crls { add(reference.path, .crl) }
            for document in result.artefacts.documents { add(document.path, .document) }
            if let document = result.artefacts.approvalDocument { add(document.path, .approval) }
            for evidence in system.controls.values.compactMap(\.evidence).sorted() { add(evidence, .evidence) }
        }
        let hashed = (try? Parallel.map(wanted) { path, kind -> InputManifest.Entry? in
            if let digest = read[path] { return .init(path: path, kind: kind, sha256: digest.sha256, bytes: digest.bytes) }
            let file = path.hasPrefix("/") ? path : workspace.filePath(path)
            return SHA256.file(atPath: file).map { .init(path: path, kind: kind, sha256: $0.hex, bytes: $0.bytes) }
        }) ?? []
        return InputManifest(rules + hashed.compactMap { $0 })
    }
}
